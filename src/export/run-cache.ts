import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunExportStats } from './export-run.ts';
import type { RawRun, RunMemo } from './source-reader.ts';
import { MANIFEST, under } from './write-snapshot.ts';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';

/** Bumped whenever what a run's files hold changes for the same input, or the file's format. */
const CACHE_VERSION = 4;

/** What an unchanged run contributes, as the previous export recorded it. */
export interface CachedRun {
	key: string;
	stats: RunExportStats;
	/** Snapshot files the run wrote (runs/, series/, histories/, artifacts/). */
	files: string[];
	/**
	 * Size, mtime and inode of each of `files` in the snapshot the cache was saved with: a file
	 * that git checked out or deleted since is not the one the run wrote. Set by `save`.
	 */
	stamps?: string[];
	/** Warnings the run gave, given again when its files are reused. */
	warnings: string[];
}

/**
 * The cache file, one record a line, so that neither reading nor writing it makes one string of
 * it (a 100,000-run store's raw runs come near V8's 512 MB string limit), and a raw run stays
 * the JSON text it was written as until a hit parses it:
 *   {"version":4,"manifest":"<sha256 of the manifest.json the export wrote>"}
 *   run<TAB>{"id":…,"entry":CachedRun}
 *   raw<TAB>{"id":…,"stamp":…,"warnings":[…],"key":…,"basis":…}<TAB><the raw run as JSON>
 * JSON.stringify never writes a raw tab or line break, so both split the file safely.
 */
const RUN_LINE = 'run\t';
const RAW_LINE = 'raw\t';

interface CachedRaw {
	/** sha256 of the reader's stamp. */
	stamp: string;
	/** The run as read, as JSON text: parsed only on a hit, and kept as it is for the next export. */
	raw: string;
	/** Warnings reading it gave. */
	warnings: string[];
	/**
	 * The run's key (RunCache.key) as the last export computed it, and the digest of what the key
	 * was made of besides the run (settings, metric fingerprint, the run's datasets): while the
	 * stamp and that digest stay the same, so does the key, and it is not computed again.
	 */
	key?: string;
	basis?: string;
}

/**
 * The cache file of an export: `export-<hash>.json` in mlpages' cache folder (`MLPAGES_CACHE_DIR`,
 * else `node_modules/.cache/mlpages` under `root`), the hash over the source and the content
 * folder. It lives outside the snapshot.
 */
export function defaultCacheFile(root: string, source: { kind: string; uri: string }, outDir: string, env: Record<string, string | undefined> = process.env): string {
	const hash = createHash('sha256').update(`${source.kind}\0${source.uri}\0${resolve(outDir)}`).digest('hex').slice(0, 16);
	return resolve(root, mlpagesCacheDir('', env), `export-${hash}.json`);
}

/**
 * Per-run cache of an incremental export. A run is unchanged when the digest of everything the
 * store says about it (the raw run as read, with params, tags, status, end time, lifecycle,
 * inputs and outputs, and its latest metrics or the reader's metric fingerprint) and of the
 * export settings equals the one recorded when the previous snapshot was written, and its files
 * in the content folder are still the ones that export left there. Runs whose
 * store keeps neither latest metrics nor a fingerprint are never cached. Artifacts added to a
 * run without any of those changing are not noticed until the run changes.
 * It is also the RunMemo of readers that take one (file store, SQLite): the raw runs as read, by
 * the reader's stamp, so that an unchanged run is not read again; and with each its last digest,
 * so that the digest of a run the stamp says is unchanged is not computed again either.
 */
export class RunCache implements RunMemo {
	readonly #file: string;
	readonly #outDir: string;
	readonly #previous: Record<string, CachedRun>;
	readonly #next: Record<string, CachedRun> = {};
	readonly #settings: string;
	readonly #previousRaws: Record<string, CachedRaw>;
	/** Raw runs to keep, taken when they were handed out (before redaction). */
	readonly #nextRaws = new Map<string, CachedRaw>();

	/** The tracking token and password in use, as they would appear inside JSON. */
	readonly #secrets: string[];
	/** Each run handed out by get or recorded by set (the same object, redacted in place since) → its id. */
	readonly #memoised = new WeakMap<RawRun, string>();
	/** The manifest digest the loaded cache was saved with, null when none was loaded. */
	readonly #savedManifest: string | null;

	private constructor(file: string, outDir: string, previous: Record<string, CachedRun>, previousRaws: Record<string, CachedRaw>, settings: string, secrets: string[], savedManifest: string | null = null) {
		this.#savedManifest = savedManifest;
		this.#secrets = secrets.map((s) => JSON.stringify(s).slice(1, -1));
		this.#file = file;
		this.#outDir = join(outDir);
		this.#previous = previous;
		this.#previousRaws = previousRaws ?? {};
		this.#settings = settings;
	}

	/**
	 * Loads the cache: the runs' files when it describes the snapshot now in `outDir`, the raw runs
	 * whatever the snapshot (they describe the store); starts empty otherwise, or with `ignore`
	 * (a full export, `--full`).
	 */
	static open(file: string, outDir: string, settings: unknown, options: { ignore?: boolean; secrets?: ReadonlyArray<string | undefined> } = {}): RunCache {
		let previous: Record<string, CachedRun> = {};
		let raws: Record<string, CachedRaw> = {};
		const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
		if (options.ignore) return new RunCache(file, outDir, previous, raws, JSON.stringify(settings), secrets);
		let savedManifest: string | null = null;
		try {
			const data = readCacheFile(file);
			const manifest = join(outDir, MANIFEST);
			if (data !== null) {
				raws = data.raws;
				if (existsSync(manifest) && data.manifest === sha256(readFileSync(manifest))) {
					previous = data.runs;
					savedManifest = data.manifest;
				}
			}
		} catch {
			previous = {};
		}
		return new RunCache(file, outDir, previous, raws, JSON.stringify(settings), secrets, savedManifest);
	}

	/** The memoised run; null, and the run is read, when the stamp differs or the entry is not sound. */
	get(runId: string, stamp: string): { raw: RawRun; warnings: string[] } | null {
		const hit = Object.hasOwn(this.#previousRaws, runId) ? this.#previousRaws[runId] : undefined;
		if (!hit || hit.stamp !== sha256(stamp) || typeof hit.raw !== 'string' || !Array.isArray(hit.warnings)) return null;
		// A run that holds a secret now in use is read again: its redaction, and so its key, differ.
		if (this.#secrets.some((secret) => hit.raw.includes(secret))) return null;
		let raw: RawRun;
		try {
			raw = JSON.parse(hit.raw) as RawRun;
		} catch {
			return null;
		}
		if (typeof raw !== 'object' || raw === null || raw.id !== runId) return null;
		// Non-finite latest values were kept as their names (JSON has no NaN or Infinity).
		if (typeof raw.latestMetrics === 'object' && raw.latestMetrics !== null) {
			for (const point of Object.values(raw.latestMetrics)) if (typeof point.value === 'string') point.value = Number(point.value);
		}
		this.#nextRaws.set(runId, hit);
		this.#memoised.set(raw, runId);
		return { raw, warnings: hit.warnings.map(String) };
	}

	/** Records a run as read, unless it holds the tracking token or password in use: those are never written anywhere. */
	set(runId: string, stamp: string, raw: RawRun, warnings: readonly string[]): void {
		const latest = raw.latestMetrics;
		const finite = latest === null || Object.values(latest).every((p) => Number.isFinite(p.value));
		// NaN and ±Infinity (SQL stores keep them as latest values) are written as their names, which `get` reads back.
		const text = JSON.stringify(finite ? raw : { ...raw, latestMetrics: Object.fromEntries(Object.entries(latest).map(([k, p]) => [k, Number.isFinite(p.value) ? p : { ...p, value: String(p.value) }])) });
		if (this.#secrets.some((secret) => text.includes(secret))) return;
		this.#nextRaws.set(runId, { stamp: sha256(stamp), raw: text, warnings: [...warnings] });
		this.#memoised.set(raw, runId);
	}

	/**
	 * The run's key, or null when nothing cheap tells whether its history changed. For a run the
	 * memo handed out or recorded, the key the last export computed when the run's stamp and the
	 * rest of what the key is made of are the same: the same raw run as read, redacted by the same
	 * settings (and by secrets it does not hold, see get), gives the same key.
	 */
	key(raw: RawRun, fingerprint: string | null, extra: unknown): string | null {
		if (raw.latestMetrics === null && fingerprint === null) return null;
		const id = this.#memoised.get(raw);
		const entry = id === undefined ? undefined : this.#nextRaws.get(id);
		const basis = entry === undefined ? null : sha256(JSON.stringify([CACHE_VERSION, this.#settings, fingerprint, extra]));
		if (entry !== undefined && typeof entry.key === 'string' && entry.basis === basis) return entry.key;
		const key = sha256(JSON.stringify([CACHE_VERSION, this.#settings, raw, fingerprint, extra]));
		if (entry !== undefined && basis !== null) this.#nextRaws.set(id!, { ...entry, key, basis });
		return key;
	}

	/**
	 * The previous export of the run when its key is the same and each of its files is still the
	 * one that export left in the content folder (same size, mtime and inode): in a project that
	 * commits the summaries and ignores series/ and histories/, a checkout can replace the first
	 * and lacks the second.
	 */
	lookup(runId: string, key: string): CachedRun | null {
		const hit = Object.hasOwn(this.#previous, runId) ? this.#previous[runId] : undefined;
		if (!hit || hit.key !== key || !Array.isArray(hit.files) || !Array.isArray(hit.stamps) || hit.stamps.length !== hit.files.length) return null;
		return hit.files.every((rel, i) => typeof rel === 'string' && isSafeRel(rel) && fileStamp(under(this.#outDir, rel)) === hit.stamps![i]) ? hit : null;
	}

	record(runId: string, entry: CachedRun): void {
		this.#next[runId] = entry;
	}

	/**
	 * Writes the cache for the snapshot whose manifest is `manifestText` (atomically; failures
	 * ignored: it is only a cache). `keptAsIs`: the writer left every kept file as it was or
	 * hard-linked it (same inode, size and mtime), so a run taken from the cache keeps the stamps
	 * its lookup just checked instead of being stat'ed again; files written now are always stat'ed.
	 */
	save(manifestText: string, keptAsIs = false): void {
		try {
			const manifest = sha256(Buffer.from(manifestText, 'utf8'));
			if (keptAsIs && this.#unchanged(manifest)) return;
			mkdirSync(dirname(this.#file), { recursive: true });
			const temp = `${this.#file}.${process.pid}.tmp`;
			const fd = openSync(temp, 'w');
			try {
				let chunk: string[] = [JSON.stringify({ version: CACHE_VERSION, manifest })];
				const flush = (force: boolean) => {
					if (!force && chunk.length < 1000) return;
					writeSync(fd, `${chunk.join('\n')}\n`);
					chunk = [];
				};
				for (const [id, entry] of Object.entries(this.#next)) {
					const stamps = keptAsIs && entry.stamps?.length === entry.files.length ? entry.stamps : entry.files.map((rel) => fileStamp(under(this.#outDir, rel)));
					if (stamps.every((s): s is string => s !== null)) chunk.push(RUN_LINE + JSON.stringify({ id, entry: { ...entry, stamps } })), flush(false);
				}
				for (const [id, { raw, ...rest }] of this.#nextRaws) chunk.push(`${RAW_LINE}${JSON.stringify({ id, ...rest })}\t${raw}`), flush(false);
				flush(true);
			} finally {
				closeSync(fd);
			}
			renameSync(temp, this.#file);
		} catch {
			// A cache that cannot be written only makes the next export a cold one.
		}
	}

	/**
	 * Whether the file would be written with what it holds: the same manifest, every run taken
	 * from it as it was (lookup hits, their files kept as they were), every raw run handed out
	 * from it with its key unchanged, and nothing else. Writing 20–50 MB at 10,000 runs is then
	 * skipped.
	 */
	#unchanged(manifest: string): boolean {
		if (manifest !== this.#savedManifest) return false;
		const ids = Object.keys(this.#next);
		if (ids.length !== Object.keys(this.#previous).length || ids.some((id) => this.#next[id] !== this.#previous[id])) return false;
		if (this.#nextRaws.size !== Object.keys(this.#previousRaws).length) return false;
		for (const [id, entry] of this.#nextRaws) if (this.#previousRaws[id] !== entry) return false;
		return true;
	}
}

/**
 * The records of a cache file (see RUN_LINE), null when it is not one of this version. Read as
 * bytes and decoded a line at a time; a line that does not parse is left out.
 */
function readCacheFile(file: string): { manifest: string; runs: Record<string, CachedRun>; raws: Record<string, CachedRaw> } | null {
	const bytes = readFileSync(file);
	let start = 0;
	const nextLine = (): string | null => {
		if (start >= bytes.length) return null;
		let end = bytes.indexOf(10, start);
		if (end < 0) end = bytes.length;
		const line = bytes.toString('utf8', start, end);
		start = end + 1;
		return line;
	};
	let header: { version?: unknown; manifest?: unknown };
	try {
		header = JSON.parse(nextLine() ?? '') as typeof header;
	} catch {
		return null;
	}
	if (typeof header !== 'object' || header === null || header.version !== CACHE_VERSION || typeof header.manifest !== 'string') return null;
	// No prototype: ids come from the file, and `__proto__` must stay a key.
	const runs: Record<string, CachedRun> = Object.create(null);
	const raws: Record<string, CachedRaw> = Object.create(null);
	for (let line = nextLine(); line !== null; line = nextLine()) {
		try {
			if (line.startsWith(RUN_LINE)) {
				const { id, entry } = JSON.parse(line.slice(RUN_LINE.length)) as { id: string; entry: CachedRun };
				if (typeof id === 'string' && typeof entry === 'object' && entry !== null) runs[id] = entry;
			} else if (line.startsWith(RAW_LINE)) {
				const tab = line.indexOf('\t', RAW_LINE.length);
				if (tab < 0) continue;
				const { id, ...rest } = JSON.parse(line.slice(RAW_LINE.length, tab)) as Omit<CachedRaw, 'raw'> & { id: string };
				if (typeof id === 'string') raws[id] = { ...rest, raw: line.slice(tab + 1) };
			}
		} catch {
			// a damaged line: that run is read and exported again
		}
	}
	return { manifest: header.manifest, runs, raws };
}

/** A cache entry's file path is only trusted when the writer could have written it (no `..`: the cache file is not ours alone). */
function isSafeRel(rel: string): boolean {
	return rel.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && !rel.includes('\\') && !rel.includes('\0');
}

/** `size:mtimeMs:inode` of a file, null when there is none. */
function fileStamp(path: string): string | null {
	try {
		const stat = statSync(path, { throwIfNoEntry: false });
		return stat?.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : null;
	} catch {
		return null;
	}
}

function sha256(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}
