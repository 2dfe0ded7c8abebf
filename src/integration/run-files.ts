import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';
import { historyCsv } from '../lib/history-csv.ts';
import { isPlainRunId } from '../lib/is-plain-run-id.ts';
import { parseRunSeries } from '../lib/parse-run-series.ts';
import { historyIsSeries } from '../components/run/history-file.ts';

/**
 * The data files each run page links to, written next to the pages after the build instead of
 * being one Astro endpoint per run and file (three extra routes per run, each rendered, buffered
 * and written by Astro's page loop, doubled the page count for nothing):
 * - `compare/series/<id>.json`: the exporter's `series/<id>.json` byte for byte (the compare page
 *   and the run page's charts fetch it); `{"runId":…,"maxPoints":0,"metrics":{}}` when the run has none;
 * - `runs/<id>/history.json`: the exporter's `histories/<id>.json` byte for byte, when there is one
 *   and it differs from the series (a history that is not downsampled is the series' text, and
 *   the run page links the series file instead: see historyIsSeries);
 * - `runs/<id>/history.csv`: the same history as `metric,step,timestamp,value` rows (historyCsv).
 * The exporter validated and wrote these files; only the CSV needs them parsed, and it is cached by
 * the content hash of the history, so an unchanged run costs a read, a hash and three file copies.
 * The file work is synchronous (several times cheaper per small file than `fs/promises`, see
 * performance.md §6.2) in slices that give the event loop back, so Pagefind keeps indexing.
 */

/** Bump when historyCsv's output changes, so cached CSVs are made again. */
const CSV_VERSION = 1;

/** Default CSV cache folder, relative to the working directory, next to the chart SVG cache. */
export const DEFAULT_CSV_CACHE = mlpagesCacheDir('history-csv');

/** Runs handled between two turns of the event loop. */
const SLICE = 50;

/** What an empty series file holds: the compare page then shows the run without histories. */
export const emptySeries = (runId: string) => JSON.stringify({ runId, maxPoints: 0, metrics: {} });

/** The snapshot files of a run (null when its id cannot be a path segment). */
function sources(contentDir: string, runId: string) {
	if (!isPlainRunId(runId)) return null;
	return { series: join(contentDir, 'series', `${runId}.json`), history: join(contentDir, 'histories', `${runId}.json`) };
}

const readText = (file: string): string | null => {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return null;
	}
};

/**
 * The file in `cacheDir` that holds the CSV of a history file's text, made now when the same text
 * was not converted before; with `cacheDir` false, the CSV itself.
 */
function cachedCsv(text: string, file: string, cacheDir: string | false): { path: string } | { csv: string } {
	const key = createHash('sha256').update(`${CSV_VERSION}\0`).update(text).digest('hex').slice(0, 32);
	const cached = cacheDir === false ? null : join(resolve(cacheDir), `${key}.csv`);
	if (cached && existsSync(cached)) return { path: cached };
	const csv = historyCsv(parseRunSeries(text, file));
	if (!cached) return { csv };
	mkdirSync(resolve(cacheDir as string), { recursive: true });
	// Atomically, so parallel builds never copy half a file.
	const temp = `${cached}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
	writeFileSync(temp, csv);
	renameSync(temp, cached);
	return { path: cached };
}

/** Copies a file, as a reflink where the filesystem has them. */
const copy = (from: string, to: string) => copyFileSync(from, to, constants.COPYFILE_FICLONE);

/** Options of writeRunFiles. */
export interface WriteRunFilesOptions {
	/** CSV cache folder; `false` turns caching off. @default DEFAULT_CSV_CACHE */
	cacheDir?: string | false;
}

/**
 * Writes the data files of every run that has a page in the built site `outDir`
 * (`runs/<id>/index.html`), from the snapshot in `contentDir`.
 * @returns how many runs got files
 * @throws Error naming the history file when one is not valid JSON of RunSeriesSchema's shape.
 */
export async function writeRunFiles(contentDir: string, outDir: string, options: WriteRunFilesOptions = {}): Promise<number> {
	const { cacheDir = DEFAULT_CSV_CACHE } = options;
	const runsDir = join(outDir, 'runs');
	const ids = existsSync(runsDir)
		? readdirSync(runsDir, { withFileTypes: true })
				.filter((e) => e.isDirectory() && isPlainRunId(e.name) && existsSync(join(runsDir, e.name, 'index.html')))
				.map((e) => e.name)
		: [];
	const seriesDir = join(outDir, 'compare', 'series');
	if (ids.length > 0) mkdirSync(seriesDir, { recursive: true });
	for (const [i, runId] of ids.entries()) {
		if (i > 0 && i % SLICE === 0) await new Promise((next) => setImmediate(next));
		const src = sources(contentDir, runId)!;
		const seriesOut = join(seriesDir, `${runId}.json`);
		if (existsSync(src.series)) copy(src.series, seriesOut);
		else writeFileSync(seriesOut, emptySeries(runId));
		const text = readText(src.history);
		if (text === null) continue;
		const runDir = join(runsDir, runId);
		if (!historyIsSeries(contentDir, runId)) copy(src.history, join(runDir, 'history.json'));
		const csv = cachedCsv(text, src.history, cacheDir);
		if ('path' in csv) copy(csv.path, join(runDir, 'history.csv'));
		else writeFileSync(join(runDir, 'history.csv'), csv.csv);
	}
	return ids.length;
}

/**
 * The dev server's answer for a run data file at `path` (relative to `base`, no leading slash):
 * the same bytes writeRunFiles writes, or null when `path` is not one or the file does not exist.
 */
export function runFileResponse(
	contentDir: string,
	path: string,
	options: WriteRunFilesOptions = {},
): { body: string; type: string } | null {
	const series = path.match(/^compare\/series\/([^/]+)\.json$/);
	const history = path.match(/^runs\/([^/]+)\/history\.(json|csv)$/);
	const runId = series?.[1] ?? history?.[1];
	const src = runId === undefined ? null : sources(contentDir, runId);
	if (!src) return null;
	if (series) return { body: readText(src.series) ?? emptySeries(runId!), type: 'application/json; charset=utf-8' };
	const text = readText(src.history);
	if (text === null) return null;
	if (history![2] === 'json') return { body: text, type: 'application/json' };
	const csv = cachedCsv(text, src.history, options.cacheDir ?? DEFAULT_CSV_CACHE);
	return { body: 'path' in csv ? readFileSync(csv.path, 'utf8') : csv.csv, type: 'text/csv' };
}
