import { runMetricColumns } from '../charts/metric-history.ts';
import { decodeRunSeries } from '../lib/series-columns.ts';
import { seriesFromShard, splitSeriesUrl } from '../lib/series-shard.ts';
import type { ChartSpec } from './vega-chart-options.ts';

/**
 * Fetches a run's downsampled chart histories (`/compare/series/<run_id>.json`, RunSeriesSchema,
 * or with run pages as a shell the run's entry of a series shard, `<shard>#<run id>`, see
 * src/lib/series-shard.ts) once per URL: every chart of a run page and the page's chart controls
 * share one request, and the runs of one shard one request. The promise is cached in the module,
 * so a failed fetch is not retried (the static SVGs stay).
 * Also the pure helpers that turn that JSON into a chart's data (tested in Node).
 */
const cache = new Map<string, Promise<unknown>>();
const files = new Map<string, Promise<unknown>>();

/** The parsed JSON at `url` (same origin), once per URL. */
function fetchJson(url: string): Promise<unknown> {
	let promise = files.get(url);
	if (!promise) {
		promise = fetch(url, { credentials: 'same-origin' }).then((response) => {
			if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
			return response.json() as Promise<unknown>;
		});
		files.set(url, promise);
	}
	return promise;
}

/**
 * The run series at `url` (same origin: a series file, or `<series shard>#<run id>`), its columns
 * decoded, or a rejection when the request fails or the shard does not hold the run.
 */
export function loadRunSeries(given: string): Promise<unknown> {
	// One key for one file however it is written: a link's `href` property is absolute, the
	// pages' attributes are paths (a history download then reuses the charts' request).
	const url = typeof location === 'undefined' ? given : new URL(given, location.href).href;
	let promise = cache.get(url);
	if (!promise) {
		const { file, runId } = splitSeriesUrl(url);
		promise = fetchJson(file).then((raw) => {
			const series = runId === null ? raw : seriesFromShard(raw, runId);
			if (series === null) throw new Error(`${file}: no series of run ${runId}`);
			// Step and timestamp columns may be encoded (src/lib/series-columns.ts): decoded once here.
			return decodeRunSeries(series);
		});
		cache.set(url, promise);
	}
	return promise;
}

/** One metric's history as read from a run's series JSON (RunSeriesSchema); null for anything else. */
export function metricSeries(runSeries: unknown, metric: string): { step: number[]; timestamp: number[]; value: number[] } | null {
	const metrics = (runSeries as { metrics?: unknown } | null)?.metrics;
	if (!metrics || typeof metrics !== 'object' || !Object.hasOwn(metrics, metric)) return null;
	const s = (metrics as Record<string, { step?: unknown; timestamp?: unknown; value?: unknown }>)[metric]!;
	const numbers = (list: unknown): list is number[] => Array.isArray(list) && list.every((n) => typeof n === 'number');
	return numbers(s.step) && numbers(s.timestamp) && numbers(s.value) && s.step.length === s.value.length && s.timestamp.length === s.value.length
		? { step: s.step, timestamp: s.timestamp, value: s.value }
		: null;
}

/**
 * The columns (`s`, `t`, `v`, see runMetricColumns) of `metric` in a run's series JSON
 * (RunSeriesSchema), or null when the metric is missing or malformed.
 */
export function metricColumns(runSeries: unknown, metric: string) {
	const series = metricSeries(runSeries, metric);
	return series ? runMetricColumns(series) : null;
}

/**
 * A run page chart's spec with its data put back: the island of a chart with `data-src` holds
 * the spec of runMetricSpec without `data`; this adds `data.values` (one row of columns) from
 * the fetched series. Null when the metric is not in the series.
 */
export function withSeriesData(spec: ChartSpec, runSeries: unknown, metric: string): ChartSpec | null {
	const columns = metricColumns(runSeries, metric);
	if (!columns) return null;
	const { s, t, v } = columns;
	return { ...spec, data: { values: [{ s, t, v }] } };
}

/** The metric keys of a `data-metrics` attribute (a JSON list of strings); null for anything else. */
export function readMetricList(text: string | null | undefined): string[] | null {
	if (!text) return null;
	try {
		const value: unknown = JSON.parse(text);
		return Array.isArray(value) && value.length > 0 && value.every((m) => typeof m === 'string') ? (value as string[]) : null;
	} catch {
		return null;
	}
}
