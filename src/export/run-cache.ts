import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunExportStats } from './export-run.ts';
import type { RawRun, RunMemo } from './source-reader.ts';
import { MANIFEST } from './write-snapshot.ts';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';

/** Bumped whenever what a run's files hold changes for the same input. */
const CACHE_VERSION = 2;

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

interface CacheFile {
	version: number;
	/** sha256 of the manifest.json the export wrote: the cache only describes that snapshot. */
	manifest: string;
	runs: Record<string, CachedRun>;
	/** Raw runs by id for readers that take a RunMemo. */
	raws?: Record<string, CachedRaw>;
}

interface CachedRaw {
	/** sha256 of the reader's stamp. */
	stamp: string;
	/** The run as read, as JSON text: parsed only on a hit, and kept as it is for the next export. */
	raw: string;
	/** Warnings reading it gave. */
	warnings: string[];
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
 * It is also the RunMemo of readers that take one (the file store): the raw runs as read, by the
 * reader's stamp, so that an unchanged run is not read again to compute its digest.
 */
export class RunCache implements RunMemo {
	readonly #file: string;
	readonly #outDir: string;
	readonly #previous: Record<string, CachedRun>;
	readonly #next: Record<string, CachedRun> = {};
	readonly #settings: string;
	readonly #previousRaws: NonNullable<CacheFile['raws']>;
	/** Raw runs to keep, taken when they were handed out (before redaction). */
	readonly #nextRaws = new Map<string, CachedRaw>();

	/** The tracking token and password in use, as they would appear inside JSON. */
	readonly #secrets: string[];

	private constructor(file: string, outDir: string, previous: Record<string, CachedRun>, previousRaws: CacheFile['raws'], settings: string, secrets: string[]) {
		this.#secrets = secrets.map((s) => JSON.stringify(s).slice(1, -1));
		this.#file = file;
		this.#outDir = outDir;
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
		let raws: CacheFile['raws'] = {};
		const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
		if (options.ignore) return new RunCache(file, outDir, previous, raws, JSON.stringify(settings), secrets);
		try {
			const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
			const manifest = join(outDir, MANIFEST);
			if (data.version === CACHE_VERSION) {
				if (typeof data.raws === 'object' && data.raws !== null) raws = data.raws;
				if (existsSync(manifest) && data.manifest === sha256(readFileSync(manifest))) previous = data.runs;
			}
		} catch {
			previous = {};
		}
		return new RunCache(file, outDir, previous, raws, JSON.stringify(settings), secrets);
	}

	/** The memoised run; null, and the run is read, when the stamp differs or the entry is not sound. */
	get(runId: string, stamp: string): { raw: RawRun; warnings: string[] } | null {
		const hit = Object.hasOwn(this.#previousRaws, runId) ? this.#previousRaws[runId] : undefined;
		if (!hit || hit.stamp !== sha256(stamp) || typeof hit.raw !== 'string' || !Array.isArray(hit.warnings)) return null;
		let raw: RawRun;
		try {
			raw = JSON.parse(hit.raw) as RawRun;
		} catch {
			return null;
		}
		if (typeof raw !== 'object' || raw === null || raw.id !== runId) return null;
		this.#nextRaws.set(runId, hit);
		return { raw, warnings: hit.warnings.map(String) };
	}

	/** Records a run as read, unless it holds the tracking token or password in use: those are never written anywhere. */
	set(runId: string, stamp: string, raw: RawRun, warnings: readonly string[]): void {
		const text = JSON.stringify(raw);
		if (this.#secrets.some((secret) => text.includes(secret))) return;
		this.#nextRaws.set(runId, { stamp: sha256(stamp), raw: text, warnings: [...warnings] });
	}

	/** The run's key, or null when nothing cheap tells whether its history changed. */
	key(raw: RawRun, fingerprint: string | null, extra: unknown): string | null {
		if (raw.latestMetrics === null && fingerprint === null) return null;
		return sha256(JSON.stringify([CACHE_VERSION, this.#settings, raw, fingerprint, extra]));
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
		return hit.files.every((rel, i) => typeof rel === 'string' && fileStamp(join(this.#outDir, rel)) === hit.stamps![i]) ? hit : null;
	}

	record(runId: string, entry: CachedRun): void {
		this.#next[runId] = entry;
	}

	/** Writes the cache for the snapshot whose manifest is `manifestText` (atomically; failures ignored: it is only a cache). */
	save(manifestText: string): void {
		try {
			const runs: Record<string, CachedRun> = {};
			for (const [id, entry] of Object.entries(this.#next)) {
				const stamps = entry.files.map((rel) => fileStamp(join(this.#outDir, rel)));
				if (stamps.every((s): s is string => s !== null)) runs[id] = { ...entry, stamps };
			}
			const data: CacheFile = { version: CACHE_VERSION, manifest: sha256(Buffer.from(manifestText, 'utf8')), runs, raws: Object.fromEntries(this.#nextRaws) };
			mkdirSync(dirname(this.#file), { recursive: true });
			const temp = `${this.#file}.${process.pid}.tmp`;
			writeFileSync(temp, JSON.stringify(data));
			renameSync(temp, this.#file);
		} catch {
			// A cache that cannot be written only makes the next export a cold one.
		}
	}
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
