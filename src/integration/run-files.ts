import { createHash } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { historyCsv } from '../lib/history-csv.ts';
import { parseRunSeries } from '../lib/parse-run-series.ts';

/**
 * The data files each run page links to, written next to the pages after the build instead of
 * being one Astro endpoint per run and file (three extra routes per run, each rendered, buffered
 * and written by Astro's page loop, doubled the page count for nothing):
 * - `compare/series/<id>.json`: the exporter's `series/<id>.json` byte for byte (the compare page
 *   and the run page's charts fetch it); `{"runId":…,"maxPoints":0,"metrics":{}}` when the run has none;
 * - `runs/<id>/history.json`: the exporter's `histories/<id>.json` byte for byte, when there is one;
 * - `runs/<id>/history.csv`: the same history as `metric,step,timestamp,value` rows (historyCsv).
 * The exporter validated and wrote these files; only the CSV needs them parsed, and it is cached by
 * the content hash of the history, so an unchanged run costs a read and a hash on the next build.
 */

/** Run ids that may become part of a path (the ids of the exporter's file names). */
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Bump when historyCsv's output changes, so cached CSVs are made again. */
const CSV_VERSION = 1;

/** Default CSV cache folder, relative to the working directory, next to the chart SVG cache. */
export const DEFAULT_CSV_CACHE = 'node_modules/.cache/mlpages/history-csv';

/** A file of a run, by its path under the site root. */
export interface RunFile {
	/** Path under the output folder (and under `base` in URLs), e.g. `runs/<id>/history.csv`. */
	path: string;
	/** `Content-Type` for the dev server. */
	type: string;
}

/** What an empty series file holds: the compare page then shows the run without histories. */
export const emptySeries = (runId: string) => JSON.stringify({ runId, maxPoints: 0, metrics: {} });

/** The snapshot files of a run (null when its id cannot be a path segment). */
function sources(contentDir: string, runId: string) {
	if (!PLAIN_ID.test(runId)) return null;
	return { series: join(contentDir, 'series', `${runId}.json`), history: join(contentDir, 'histories', `${runId}.json`) };
}

/** The CSV of a history file's text, from `cacheDir` when the same text was converted before. */
async function cachedCsv(text: string, file: string, cacheDir: string | false): Promise<string> {
	const key = createHash('sha256').update(`${CSV_VERSION}\0`).update(text).digest('hex').slice(0, 32);
	const cached = cacheDir === false ? null : join(resolve(cacheDir), `${key}.csv`);
	if (cached) {
		const hit = await readFile(cached, 'utf8').catch(() => null);
		if (hit !== null) return hit;
	}
	const csv = historyCsv(parseRunSeries(text, file));
	if (cached) {
		await mkdir(resolve(cacheDir as string), { recursive: true });
		const temp = `${cached}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
		await writeFile(temp, csv);
		await rename(temp, cached);
	}
	return csv;
}

/** Options of writeRunFiles. */
export interface WriteRunFilesOptions {
	/** CSV cache folder; `false` turns caching off. @default DEFAULT_CSV_CACHE */
	cacheDir?: string | false;
	/** Files handled at once. @default 16 */
	concurrency?: number;
}

/**
 * Writes the data files of every run that has a page in the built site `outDir`
 * (`runs/<id>/index.html`), from the snapshot in `contentDir`.
 * @returns how many runs got files
 * @throws Error naming the history file when one is not valid JSON of RunSeriesSchema's shape.
 */
export async function writeRunFiles(contentDir: string, outDir: string, options: WriteRunFilesOptions = {}): Promise<number> {
	const { cacheDir = DEFAULT_CSV_CACHE, concurrency = 16 } = options;
	const runsDir = join(outDir, 'runs');
	const ids = existsSync(runsDir)
		? (await readdir(runsDir, { withFileTypes: true }))
				.filter((e) => e.isDirectory() && PLAIN_ID.test(e.name) && existsSync(join(runsDir, e.name, 'index.html')))
				.map((e) => e.name)
		: [];
	const seriesDir = join(outDir, 'compare', 'series');
	if (ids.length > 0) await mkdir(seriesDir, { recursive: true });
	const one = async (runId: string) => {
		const src = sources(contentDir, runId)!;
		const seriesOut = join(seriesDir, `${runId}.json`);
		// A reflink where the filesystem has them, else a copy.
		if (existsSync(src.series)) await copyFile(src.series, seriesOut, constants.COPYFILE_FICLONE);
		else await writeFile(seriesOut, emptySeries(runId));
		const text = await readFile(src.history, 'utf8').catch(() => null);
		if (text === null) return;
		const runDir = join(runsDir, runId);
		await writeFile(join(runDir, 'history.json'), text);
		await writeFile(join(runDir, 'history.csv'), await cachedCsv(text, src.history, cacheDir));
	};
	let next = 0;
	const worker = async () => {
		while (next < ids.length) await one(ids[next++]!);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
	return ids.length;
}

/**
 * The dev server's answer for a run data file at `path` (relative to `base`, no leading slash):
 * the same bytes writeRunFiles writes, or null when `path` is not one or the file does not exist.
 */
export async function runFileResponse(
	contentDir: string,
	path: string,
	options: Pick<WriteRunFilesOptions, 'cacheDir'> = {},
): Promise<{ body: string; type: string } | null> {
	const series = path.match(/^compare\/series\/([^/]+)\.json$/);
	const history = path.match(/^runs\/([^/]+)\/history\.(json|csv)$/);
	const runId = series?.[1] ?? history?.[1];
	const src = runId === undefined ? null : sources(contentDir, runId);
	if (!src) return null;
	if (series) {
		const text = await readFile(src.series, 'utf8').catch(() => null);
		return { body: text ?? emptySeries(runId!), type: 'application/json; charset=utf-8' };
	}
	const text = await readFile(src.history, 'utf8').catch(() => null);
	if (text === null) return null;
	return history![2] === 'json'
		? { body: text, type: 'application/json' }
		: { body: await cachedCsv(text, src.history, options.cacheDir ?? DEFAULT_CSV_CACHE), type: 'text/csv' };
}
