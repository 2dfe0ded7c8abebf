import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyIsSeries } from '../components/run/history-file.ts';
import { inSlices } from '../lib/in-slices.ts';
import { isPlainRunId } from '../lib/is-plain-run-id.ts';
import { RUN_DATA_DIR, runShardKey } from '../lib/run-data-shard.ts';
import { SERIES_SHARD_VERSION, type SeriesShardEntry, seriesShardEntry, seriesShardName } from '../lib/series-shard.ts';
import { seriesWithoutCharts } from '../messages.ts';
import { runShardIds } from './run-shards.ts';

/**
 * The data files each run page links to, written next to the pages after the build instead of
 * being one Astro endpoint per run and file (extra routes per run, each rendered, buffered and
 * written by Astro's page loop, doubled the page count for nothing):
 * - `compare/series/<id>.json`: the exporter's `series/<id>.json` byte for byte (the compare page
 *   and the run page's charts fetch it); `{"runId":…,"maxPoints":0,"metrics":{}}` when the run has none;
 *   with run pages as a shell, `runs/_data/<key>.series.json` instead, the series of a data shard's
 *   runs in one file (src/lib/series-shard.ts);
 * - `runs/<id>/history.json`: the exporter's `histories/<id>.json` byte for byte, when there is one
 *   and it differs from the series (a history that is not downsampled is the series' text, and
 *   the run page links the series file instead: see historyIsSeries).
 * The run page's CSV download is made in the browser from that JSON (src/client/history-links.ts):
 * as a file per run it took as many bytes again as the history.
 * The file work is synchronous (several times cheaper per small file than `fs/promises`, see
 * performance.md §6.2) in slices that give the event loop back, so Pagefind keeps indexing.
 */

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

/** Copies a file, as a reflink where the filesystem has them. */
const copy = (from: string, to: string) => copyFileSync(from, to, constants.COPYFILE_FICLONE);

/**
 * Writes the data files of every run that has a page in the built site `outDir`
 * (`runs/<id>/index.html`, or a record in its data shards when run pages are a shell), from the
 * snapshot in `contentDir`. With run pages as a shell the series go into series shards
 * (src/lib/series-shard.ts), one beside each data shard, instead of a file per run.
 * @param onFile told each file once it is written (the build's secret scan reads it then, while
 *   Pagefind indexes in its own process, rather than after)
 * @param warn told of a series file that cannot go into a series shard (its run gets no charts)
 * @returns how many runs got files
 */
export async function writeRunFiles(contentDir: string, outDir: string, onFile: (path: string) => void = () => {}, warn: (message: string) => void = () => {}): Promise<number> {
	const runsDir = join(outDir, 'runs');
	const paged = existsSync(runsDir)
		? readdirSync(runsDir, { withFileTypes: true })
				.filter((e) => e.isDirectory() && isPlainRunId(e.name) && existsSync(join(runsDir, e.name, 'index.html')))
				.map((e) => e.name)
		: [];
	// With run pages as a shell, the runs are those of the data shards (run-shards.ts).
	const pagedSet = new Set(paged);
	const shell = [...runShardIds(outDir)].filter((id) => isPlainRunId(id) && !pagedSet.has(id));
	const seriesDir = join(outDir, 'compare', 'series');
	if (paged.length > 0) mkdirSync(seriesDir, { recursive: true });
	const writeHistory = (runId: string) => {
		const src = sources(contentDir, runId)!;
		if (existsSync(src.history) && !historyIsSeries(contentDir, runId)) {
			mkdirSync(join(runsDir, runId), { recursive: true });
			copy(src.history, join(runsDir, runId, 'history.json'));
			onFile(join(runsDir, runId, 'history.json'));
		}
	};
	await inSlices(paged, SLICE, (runId) => {
		const src = sources(contentDir, runId)!;
		const seriesOut = join(seriesDir, `${runId}.json`);
		if (existsSync(src.series)) copy(src.series, seriesOut);
		else writeFileSync(seriesOut, emptySeries(runId));
		onFile(seriesOut);
		writeHistory(runId);
	});
	const byShard = new Map<string, string[]>();
	for (const runId of shell.sort()) {
		const key = runShardKey(runId);
		const list = byShard.get(key);
		if (list) list.push(runId);
		else byShard.set(key, [runId]);
	}
	await inSlices([...byShard.keys()].sort(), 1, (key) => {
		const shardOut = join(outDir, RUN_DATA_DIR, seriesShardName(key));
		writeFileSync(shardOut, seriesShardText(contentDir, byShard.get(key)!, warn));
		onFile(shardOut);
		for (const runId of byShard.get(key)!) writeHistory(runId);
	});
	return paged.length + shell.length;
}

/**
 * The text of the series shard of `ids` (runs of one data shard, sorted), from their series files.
 * A run without a series file gets an empty entry, as emptySeries says; so does one whose file is
 * not a series file, with a warning (its page shows the metrics table without charts).
 */
export function seriesShardText(contentDir: string, ids: readonly string[], warn: (message: string) => void = () => {}): string {
	const runs: Record<string, SeriesShardEntry> = {};
	for (const runId of ids) {
		const file = sources(contentDir, runId)!.series;
		const text = readText(file);
		let entry: SeriesShardEntry = { maxPoints: 0, metrics: {} };
		if (text !== null) {
			try {
				const series = JSON.parse(text) as { maxPoints?: unknown; metrics?: unknown };
				if (typeof series?.maxPoints !== 'number' || typeof series.metrics !== 'object' || series.metrics === null) throw new Error('no maxPoints and metrics');
				entry = seriesShardEntry(series as Parameters<typeof seriesShardEntry>[0]);
			} catch (error) {
				warn(seriesWithoutCharts(file, (error as Error).message));
			}
		}
		runs[runId] = entry;
	}
	return JSON.stringify({ v: SERIES_SHARD_VERSION, runs });
}

/**
 * The dev server's answer for a run data file at `path` (relative to `base`, no leading slash):
 * the same bytes writeRunFiles writes, or null when `path` is not one or the file does not exist.
 */
export function runFileResponse(contentDir: string, path: string): { body: string; type: string } | null {
	const shard = path.match(/^runs\/_data\/([0-9a-f]+)\.series\.json$/);
	if (shard) {
		// The dev server has no data shards to list: the runs of the snapshot whose key this is.
		const dir = join(contentDir, 'series');
		const ids = existsSync(dir)
			? readdirSync(dir)
					.filter((n) => n.endsWith('.json'))
					.map((n) => n.slice(0, -'.json'.length))
					.filter((id) => isPlainRunId(id) && runShardKey(id) === shard[1])
					.sort()
			: [];
		return { body: seriesShardText(contentDir, ids), type: 'application/json; charset=utf-8' };
	}
	const series = path.match(/^compare\/series\/([^/]+)\.json$/);
	const history = path.match(/^runs\/([^/]+)\/history\.json$/);
	const runId = series?.[1] ?? history?.[1];
	const src = runId === undefined ? null : sources(contentDir, runId);
	if (!src) return null;
	if (series) return { body: readText(src.series) ?? emptySeries(runId!), type: 'application/json; charset=utf-8' };
	const text = readText(src.history);
	return text === null ? null : { body: text, type: 'application/json' };
}
