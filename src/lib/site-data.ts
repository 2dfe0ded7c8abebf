import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';
import mlpages from 'virtual:mlpages/config';
import { ManifestSchema, type Manifest } from '../schemas/manifest.ts';
import type { RunSeries } from '../schemas/series.ts';
import { mlpagesCacheDir } from './cache-dir.ts';
import { compareVersions } from './compare-versions.ts';
import { FULL_BUILD_ENV } from './page-reuse.ts';
import { openValidatedFiles, sameJson, type ValidatedFiles } from './validated-files.ts';
import { isPlainRunId } from './is-plain-run-id.ts';
import { parseRunSeries } from './parse-run-series.ts';
import type { Experiment } from '../schemas/experiment.ts';
import type { ModelVersion } from '../schemas/model-version.ts';
import type { RegisteredModel } from '../schemas/registered-model.ts';
import { RunFileInvalid } from '../errors.ts';
import { RunSchema, type Run } from '../schemas/run.ts';
import type { RunSummary } from '../schemas/run-summary.ts';

/**
 * Read helpers of the pages: the content collections as plain sorted arrays, and the snapshot
 * files that are not collections (manifest, series, each run's detail), read from `contentDir`
 * while rendering.
 *
 * Runs come in two sizes. The `runs` collection holds one RunSummary per run (what lists and links
 * need); a page that shows params, metrics, tags or artifacts reads those runs' own files
 * (`readRun`, `getExperimentRuns`), so a build holds what the page being rendered needs, not every
 * run of the store.
 *
 * A build renders one page per run and every run page asks for the same collections, so each
 * list is read and sorted once per build and handed out as a fresh array or map (callers may sort
 * or change what they get). The dev server reads again on every call, to see a new export.
 */

const data = <T>(entries: Array<{ data: T }>) => entries.map((e) => e.data);

/** The snapshot folder each collection is loaded from (src/collections.ts). */
const FOLDERS = {
	experiments: 'experiments',
	runs: 'runs',
	models: 'models',
	modelVersions: 'model-versions',
	datasets: 'datasets',
	loggedModels: 'logged-models',
	reports: 'reports',
} as const;

/**
 * `getCollection(name)`, or [] when the snapshot has no file for it: a new project has no export
 * yet, a store without a registry no `models/`, and Astro would warn on every call that such a
 * collection "does not exist or is empty".
 */
export async function snapshotCollection<C extends keyof typeof FOLDERS>(name: C, filter?: (entry: CollectionEntry<C>) => boolean): Promise<CollectionEntry<C>[]> {
	let files: string[];
	try {
		files = readdirSync(join(mlpages.contentDir, FOLDERS[name]));
	} catch {
		return [];
	}
	if (files.length === 0) return [];
	return (filter ? getCollection(name, filter) : getCollection(name)) as Promise<CollectionEntry<C>[]>;
}
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `load` once per build (every time in dev), its result copied by `copy` for each caller. */
function memoised<T>(load: () => Promise<T>, copy: (value: T) => T): () => Promise<T> {
	let cached: Promise<T> | null = null;
	return async () => {
		if (import.meta.env.DEV) return load();
		cached ??= load();
		return copy(await cached);
	};
}

/** Experiments, sorted by name then id. */
export const getExperiments: () => Promise<Experiment[]> = memoised(
	async () => data<Experiment>(await snapshotCollection('experiments')).sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id)),
	(list) => list.slice(),
);

/** A run's summary and the file it was loaded from. */
interface RunIndex {
	/** Newest start first (unknown starts last), then by id. */
	summaries: RunSummary[];
	/** Absolute path of each run's file, by run id. */
	files: Map<string, string>;
}

const getRunIndex: () => Promise<RunIndex> = memoised(
	async () => {
		const entries = await snapshotCollection('runs');
		const folder = join(mlpages.contentDir, FOLDERS.runs);
		// glob() keeps the path relative to the project root; the pattern is one folder deep.
		const files = new Map(entries.map((e) => [e.data.id, join(folder, basename(e.filePath ?? `${e.data.id}.json`))]));
		const summaries = data<RunSummary>(entries).sort(
			(a, b) => (b.startTime ?? -Infinity) - (a.startTime ?? -Infinity) || byText(a.id, b.id),
		);
		return { summaries, files };
	},
	(index) => index,
);

/** Run summaries, newest start first (unknown starts last), then by id. */
export async function getRunSummaries(): Promise<RunSummary[]> {
	return (await getRunIndex()).summaries.slice();
}

/**
 * One run in full, read from its file in the snapshot and validated with RunSchema; null when
 * the snapshot has no run with that id. Read on every call (a page reads the runs it shows once).
 * @throws AstroError (`MlpagesRunFileInvalid`) naming the file when it no longer parses.
 */
export async function readRun(id: string): Promise<Run | null> {
	const file = (await getRunIndex()).files.get(id);
	return file === undefined ? null : parseRunFile(file).run;
}

/**
 * Run `id` as readRun gives it, and the SHA-256 of its file's bytes (what a page-cache key takes
 * for the file: run-page-key.ts); null when the snapshot has no run with that id.
 */
export async function readRunAndDigest(id: string): Promise<{ run: Run; digest: string } | null> {
	const file = (await getRunIndex()).files.get(id);
	return file === undefined ? null : parseRunFile(file);
}

/**
 * Bytes of run files whose parsed runs are kept (see parseRunFile): about 16,000 runs of the
 * benchmark's shape, a few hundred MB of memory at most, however large the store.
 */
const RUN_MEMO_BYTES = 128 * 1024 * 1024;
const runMemo = new Map<string, { stamp: string; size: number; run: Run; digest: string }>();
let runMemoBytes = 0;

/**
 * A run file, parsed and validated; kept for the next caller by the file's mtime and size (so
 * `astro dev` sees a new export), up to RUN_MEMO_BYTES of files. A build reads each run several
 * times: its experiment's page, runs.json and preview image, `/compare/runs.json`, the reports'
 * references; the validation, not the reading, is what costs. Callers must not change the run.
 */
function parseRunFile(file: string): { run: Run; digest: string } {
	const info = statSync(file, { throwIfNoEntry: false });
	const stamp = info ? `${info.mtimeMs}:${info.size}` : 'missing';
	const kept = runMemo.get(file);
	if (kept?.stamp === stamp) return kept;
	if (kept) {
		runMemo.delete(file);
		runMemoBytes -= kept.size;
	}
	const { run, digest } = validateRunFile(file);
	const size = info?.size ?? 0;
	if (info && runMemoBytes + size <= RUN_MEMO_BYTES) {
		runMemo.set(file, { stamp, size, run, digest });
		runMemoBytes += size;
	}
	return { run, digest };
}

/**
 * The run files earlier builds found valid as they are (validated-files.ts), opened on the first
 * read and saved when the build's process exits; none in the dev server, which reads files as
 * they are being exported. The scope changes with RunSchema's shape, or with this version when
 * something the JSON Schema does not show changes (RunSchema has no refinements or transforms).
 */
let validatedRuns: ValidatedFiles | null | undefined;
function validatedRunFiles(): ValidatedFiles | null {
	if (validatedRuns !== undefined) return validatedRuns;
	if (import.meta.env.DEV) return (validatedRuns = null);
	const scope = `RunSchema 1\0${JSON.stringify(z.toJSONSchema(RunSchema))}`;
	const memo = openValidatedFiles(resolve(mlpagesCacheDir('validated-runs.txt')), scope, Boolean(process.env[FULL_BUILD_ENV]));
	process.once('exit', () => memo.save());
	return (validatedRuns = memo);
}

/** A run file parsed and validated, and the SHA-256 of its bytes. */
function validateRunFile(file: string): { run: Run; digest: string } {
	let problems: string;
	try {
		const bytes = readFileSync(file);
		const digest = createHash('sha256').update(bytes).digest('hex');
		const raw: unknown = JSON.parse(bytes.toString('utf8'));
		const memo = validatedRunFiles();
		const key = memo?.key(digest) ?? null;
		if (memo && key !== null && memo.known(key)) {
			memo.keep(key);
			return { run: raw as Run, digest };
		}
		const parsed = RunSchema.safeParse(raw);
		if (parsed.success) {
			// Taken as it is (nothing stripped or changed): the file's own object, remembered, so a
			// build gives the same run, key order included, whether it ran the schema or not.
			if (!sameJson(parsed.data, raw)) return { run: parsed.data, digest };
			if (memo && key !== null) memo.keep(key);
			return { run: raw as Run, digest };
		}
		problems = parsed.error.issues.map((i) => `**${i.path.join('.') || '(root)'}**: ${i.message}`).join('\n');
	} catch (error) {
		problems = (error as Error).message;
	}
	throw new AstroError(RunFileInvalid.message(file, problems), RunFileInvalid.hint);
}

/** The runs of `summaries` in full, in the same order (readRun; a run whose file is gone is left out). */
export async function readRuns(summaries: readonly Pick<RunSummary, 'id'>[]): Promise<Run[]> {
	const runs: Run[] = [];
	for (const s of summaries) {
		const run = await readRun(s.id);
		if (run) runs.push(run);
	}
	return runs;
}

/** The runs of one experiment in full, newest start first: what its page and its runs.json show. */
export async function getExperimentRuns(experimentId: string): Promise<Run[]> {
	return readRuns((await getRunIndex()).summaries.filter((r) => r.experimentId === experimentId));
}

/**
 * The runs of an experiment as getExperimentRuns orders them, each by its id and the SHA-256 of
 * its file (readRunAndDigest), for a page-cache key (experiment-page-key.ts).
 */
export async function getExperimentRunDigests(experimentId: string): Promise<Array<{ id: string; digest: string }>> {
	const { summaries, files } = await getRunIndex();
	return summaries.filter((r) => r.experimentId === experimentId).flatMap((r) => {
		const file = files.get(r.id);
		return file === undefined ? [] : [{ id: r.id, digest: parseRunFile(file).digest }];
	});
}

/**
 * Every run in full, newest start first. Only for the few outputs that cover the whole store
 * (`/compare/runs.json`, the reference index of reports); a page about some runs reads those.
 */
export async function readAllRuns(): Promise<Run[]> {
	return readRuns((await getRunIndex()).summaries);
}

/** Registered models, sorted by name. */
export const getModels: () => Promise<RegisteredModel[]> = memoised(
	async () => data<RegisteredModel>(await snapshotCollection('models')).sort((a, b) => byText(a.name, b.name)),
	(list) => list.slice(),
);

/** Model versions, grouped by model slug, each group sorted as numbers (then as text). */
export const getModelVersions: () => Promise<Map<string, ModelVersion[]>> = memoised(
	async () => {
		const groups = new Map<string, ModelVersion[]>();
		for (const v of data<ModelVersion>(await snapshotCollection('modelVersions'))) {
			const list = groups.get(v.modelSlug);
			if (list) list.push(v);
			else groups.set(v.modelSlug, [v]);
		}
		for (const list of groups.values()) list.sort((a, b) => compareVersions(a.version, b.version));
		return groups;
	},
	(groups) => new Map([...groups].map(([slug, list]) => [slug, list.slice()])),
);

/** Datasets by id. */
export const getDatasets: () => Promise<Map<string, CollectionEntry<'datasets'>['data']>> = memoised(
	async () => new Map((await snapshotCollection('datasets')).map((e) => [e.data.id, e.data])),
	(map) => new Map(map),
);

const manifests = new Map<string, { stamp: string; manifest: Promise<Manifest | null> }>();

/**
 * The snapshot's manifest; null when the snapshot has none (an export that did not finish).
 * Every page's footer asks for it, so it is read and validated once per version of the file
 * (keyed on its mtime and size, so `astro dev` still sees a new export).
 */
export async function readManifest(contentDir: string = mlpages.contentDir): Promise<Manifest | null> {
	const file = join(contentDir, 'manifest.json');
	const info = statSync(file, { throwIfNoEntry: false }) ?? null;
	const stamp = info ? `${info.mtimeMs}:${info.size}` : 'missing';
	const cached = manifests.get(file);
	if (cached?.stamp === stamp) return cached.manifest;
	const manifest = info
		? readFile(file, 'utf8').then((text) => ManifestSchema.parse(JSON.parse(text)))
		: Promise.resolve(null);
	manifests.set(file, { stamp, manifest });
	return manifest;
}

/**
 * The chart histories of one run as the exporter wrote them (the text of the JSON file); null when
 * the run has no series file.
 */
export async function readRunSeriesText(
	runId: string,
	contentDir: string = mlpages.contentDir,
): Promise<string | null> {
	// Run ids come from the data; only plain ids may become part of a path.
	if (!isPlainRunId(runId)) return null;
	// Synchronous: one small file per run page, several times cheaper than fs/promises' round trips.
	try {
		return readFileSync(join(contentDir, 'series', `${runId}.json`), 'utf8');
	} catch {
		return null;
	}
}

/**
 * The chart histories of one run; null when the run has no series file.
 * @throws Error naming the file when it does not have RunSeriesSchema's shape (parseRunSeries).
 */
export async function readRunSeries(
	runId: string,
	contentDir: string = mlpages.contentDir,
): Promise<RunSeries | null> {
	const text = await readRunSeriesText(runId, contentDir);
	return text === null ? null : parseRunSeries(text, join(contentDir, 'series', `${runId}.json`));
}
