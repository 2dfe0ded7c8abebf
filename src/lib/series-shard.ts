import { RUN_DATA_DIR, runShardKey } from './run-data-shard.ts';

/**
 * The chart series of a site whose run pages are a shell (`runPages: 'shell'`), kept by data shard
 * instead of a file per run: `runs/_data/<key>.series.json` beside the records of
 * `runs/_data/<key>.json` (the same key, runShardKey, so a sharded build writes both). At 100,000
 * runs a file per run was half of the site's files, and GitLab.com Pages takes 200,000.
 *
 * A shard is `{"v":1,"runs":{"<run id>":{"maxPoints":N,"metrics":{"<key>":[step,timestamp,value]}}}}`:
 * each metric's three columns as the run's series file writes them (steps and timestamps possibly
 * encoded, src/lib/series-columns.ts; values exact), by position rather than by name, without the
 * file's digest (the build's cache key, of no use to a reader), and without indentation.
 *
 * A reader names one run's series in a shard as `<shard URL>#<run id>` (runSeriesPath), so
 * everything that takes a series URL (the browser's loadRunSeries) takes either form. Isomorphic.
 */

/** Version of the series shard format; a reader refuses another. */
export const SERIES_SHARD_VERSION = 1;

/** A metric's columns in a series shard: step, timestamp, value (as in the series file). */
export type SeriesShardColumns = [step: unknown, timestamp: unknown, value: unknown];

/** One run's entry in a series shard. */
export interface SeriesShardEntry {
	maxPoints: number;
	metrics: Record<string, SeriesShardColumns>;
}

/** The file name of the series shard of data shard `key`: `<key>.series.json`. */
export const seriesShardName = (key: string) => `${key}.series.json`;

/**
 * Where the browser reads a run's series, relative to the base: with run pages as a shell its
 * entry in the series shard (`runs/_data/<key>.series.json#<id>`), else its own file
 * (`compare/series/<id>.json`). Only for a run whose id is plain (isPlainRunId): others have no
 * series files.
 */
export function runSeriesPath(runId: string, shell: boolean): string {
	return fillRunSeriesPath(runSeriesPathTemplate(shell), runId);
}

/** A runSeriesPathTemplate (or a URL made from one) for run `runId`. */
export function fillRunSeriesPath(template: string, runId: string): string {
	return template.replace('{key}', runShardKey(runId)).replace('{id}', encodeURIComponent(runId));
}

/**
 * runSeriesPath for every run at once: `{id}` stands for the percent-encoded run id and `{key}`
 * for its shard key (the compare page fills them in for each run it shows).
 */
export function runSeriesPathTemplate(shell: boolean): string {
	return shell ? `${RUN_DATA_DIR}${seriesShardName('{key}')}#{id}` : 'compare/series/{id}.json';
}

/** A series URL split into the file to fetch and the run it names in a shard (null for a run's own file). */
export function splitSeriesUrl(url: string): { file: string; runId: string | null } {
	const hash = url.indexOf('#');
	if (hash < 0) return { file: url, runId: null };
	let runId: string | null;
	try {
		runId = decodeURIComponent(url.slice(hash + 1));
	} catch {
		runId = null;
	}
	return { file: url.slice(0, hash), runId: runId || null };
}

/**
 * The shard entry of a run's series, as parsed from its series file (`{digest?, runId, maxPoints,
 * metrics: {<key>: {step, timestamp, value}}}`); metric keys keep their order.
 */
export function seriesShardEntry(series: { maxPoints: number; metrics: Record<string, { step: unknown; timestamp: unknown; value: unknown }> }): SeriesShardEntry {
	const metrics: Record<string, SeriesShardColumns> = {};
	for (const [key, s] of Object.entries(series.metrics)) {
		// defineProperty: a metric called `__proto__` stays a key, never the prototype.
		Object.defineProperty(metrics, key, { value: [s.step, s.timestamp, s.value], enumerable: true, writable: true, configurable: true });
	}
	return { maxPoints: series.maxPoints, metrics };
}

/**
 * Run `runId`'s series from a parsed series shard, in the series file's shape (`{runId, maxPoints,
 * metrics: {<key>: {step, timestamp, value}}}`, columns still as written; decodeRunSeries decodes
 * them), or null when the shard is not one of this version or does not hold the run. A metric whose
 * entry is not three columns is left out; `__proto__` is left out as every series reader does.
 */
export function seriesFromShard(shard: unknown, runId: string): { runId: string; maxPoints: number; metrics: Record<string, { step: unknown; timestamp: unknown; value: unknown }> } | null {
	if (typeof shard !== 'object' || shard === null || (shard as { v?: unknown }).v !== SERIES_SHARD_VERSION) return null;
	const runs = (shard as { runs?: unknown }).runs;
	if (typeof runs !== 'object' || runs === null || !Object.hasOwn(runs, runId)) return null;
	const entry = (runs as Record<string, unknown>)[runId] as { maxPoints?: unknown; metrics?: unknown } | null;
	if (typeof entry !== 'object' || entry === null || typeof entry.maxPoints !== 'number') return null;
	const metrics = typeof entry.metrics === 'object' && entry.metrics !== null ? (entry.metrics as Record<string, unknown>) : {};
	const out = Object.entries(metrics)
		.filter((pair): pair is [string, SeriesShardColumns] => pair[0] !== '__proto__' && Array.isArray(pair[1]) && pair[1].length === 3)
		.map(([key, [step, timestamp, value]]) => [key, { step, timestamp, value }] as const);
	return { runId, maxPoints: entry.maxPoints, metrics: Object.fromEntries(out) };
}
