import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunExportStats } from './export-run.ts';
import type { RawRun, RunMemo } from './source-reader.ts';
import { MANIFEST } from './write-snapshot.ts';

/** Bumped whenever what a run's files hold changes for the same input. */
const CACHE_VERSION = 2;

/** What an unchanged run contributes, as the previous export recorded it. */
export interface CachedRun {
	key: string;
	stats: RunExportStats;
	/** Snapshot files the run wrote (runs/, series/, histories/, artifacts/). */
	files: string[];
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
 * The cache file of an export: by default `node_modules/.cache/mlpages/export-<hash>.json` under
 * `root`, the hash over the source and the content folder. It lives outside the snapshot.
 */
export function defaultCacheFile(root: string, source: { kind: string; uri: string }, outDir: string): string {
	const hash = createHash('sha256').update(`${source.kind}\0${source.uri}\0${resolve(outDir)}`).digest('hex').slice(0, 16);
	return join(root, 'node_modules', '.cache', 'mlpages', `export-${hash}.json`);
}

/**
 * Per-run cache of an incremental export. A run is unchanged when the digest of everything the
 * store says about it (the raw run as read, with params, tags, status, end time, lifecycle,
 * inputs and outputs, and its latest metrics or the reader's metric fingerprint) and of the
 * export settings equals the one recorded when the previous snapshot was written. Runs whose
 * store keeps neither latest metrics nor a fingerprint are never cached. Artifacts added to a
 * run without any of those changing are not noticed until the run changes.
 * It is also the RunMemo of readers that take one (the file store): the raw runs as read, by the
 * reader's stamp, so that an unchanged run is not read again to compute its digest.
 */
export class RunCache implements RunMemo {
	readonly #file: string;
	readonly #previous: Record<string, CachedRun>;
	readonly #next: Record<string, CachedRun> = {};
	readonly #settings: string;
	readonly #previousRaws: NonNullable<CacheFile['raws']>;
	/** Raw runs to keep, taken when they were handed out (before redaction). */
	readonly #nextRaws = new Map<string, CachedRaw>();

	/** The tracking token and password in use, as they would appear inside JSON. */
	readonly #secrets: string[];

	private constructor(file: string, previous: Record<string, CachedRun>, previousRaws: CacheFile['raws'], settings: string, secrets: string[]) {
		this.#secrets = secrets.map((s) => JSON.stringify(s).slice(1, -1));
		this.#file = file;
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
		if (options.ignore) return new RunCache(file, previous, raws, JSON.stringify(settings), secrets);
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
		return new RunCache(file, previous, raws, JSON.stringify(settings), secrets);
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

	/** The previous export of the run when its key is the same. */
	lookup(runId: string, key: string): CachedRun | null {
		const hit = this.#previous[runId];
		return hit && hit.key === key ? hit : null;
	}

	record(runId: string, entry: CachedRun): void {
		this.#next[runId] = entry;
	}

	/** Writes the cache for the snapshot whose manifest is `manifestText` (atomically; failures ignored: it is only a cache). */
	save(manifestText: string): void {
		const data: CacheFile = { version: CACHE_VERSION, manifest: sha256(Buffer.from(manifestText, 'utf8')), runs: this.#next, raws: Object.fromEntries(this.#nextRaws) };
		try {
			mkdirSync(dirname(this.#file), { recursive: true });
			const temp = `${this.#file}.${process.pid}.tmp`;
			writeFileSync(temp, JSON.stringify(data));
			renameSync(temp, this.#file);
		} catch {
			// A cache that cannot be written only makes the next export a cold one.
		}
	}
}

function sha256(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}
