import type { Direction } from '../schemas/config.ts';
import type { MetricValue } from '../schemas/metric-value.ts';
import type { Run } from '../schemas/run.ts';
import type { RunFields } from './filter-expression.ts';
import { knownDirection } from './metric-direction.ts';

/**
 * The runs of one experiment (or of the whole site) as compact, column-oriented JSON for the
 * browser: one array per column, one entry per run, `null` where a run has no value. Built at
 * build time from the snapshot's runs; read by `<runs-table>` and the compare page.
 */
export interface RunTableData {
	/** Format version; bumped when a field changes meaning. */
	v: 1;
	ids: string[];
	names: (string | null)[];
	experiments: string[];
	status: string[];
	/** Start, epoch milliseconds. */
	start: (number | null)[];
	/** End minus start in milliseconds; null while running or when either is unknown. */
	duration: (number | null)[];
	user: (string | null)[];
	parent: (string | null)[];
	/** Param columns by key, keys sorted. */
	params: Record<string, (string | null)[]>;
	/** Latest value of each metric by key, keys sorted; non-finite values as `"NaN"`, `"Infinity"`, `"-Infinity"`. */
	metrics: Record<string, (number | string | null)[]>;
	/**
	 * Smallest and largest finite value of each metric over its whole history, keys as `metrics`
	 * (null where a run has no finite value); absent when the data was made without them.
	 */
	min?: Record<string, (number | null)[]>;
	max?: Record<string, (number | null)[]>;
	/** The known direction of each metric that has one (configured, or by name; see knownDirection). */
	directions?: Record<string, Direction>;
	/** Tag columns by key, keys sorted; see `TABLE_TAG_OMIT` for what is left out. */
	tags: Record<string, (string | null)[]>;
	/** Dataset inputs per run as `[name, digest, context]`; null when a run has none. */
	datasets: ([string, string, string | null][] | null)[];
}

/** Tags that never go into table data: long Markdown, JSON blobs, diffs. */
export const TABLE_TAG_OMIT: readonly string[] = [
	'mlflow.note.content',
	'mlflow.log-model.history',
	'mlflow.source.git.diff',
	'mlflow.databricks.notebookRevisionID',
];

/** Options of runTableData. */
export interface RunTableDataOptions {
	/** Tag values longer than this are left out (filters on them do not match). @default 200 */
	maxTagLength?: number;
	/** Whether tags go in at all (the compare index leaves them out). @default true */
	includeTags?: boolean;
	/** Whether each metric's min and max go in, for the runs table's value choice. @default true */
	includeRange?: boolean;
	/** Configured metric directions (`metrics.direction`), for `directions`. @default {} */
	directions?: Readonly<Record<string, Direction>>;
}

function column<T>(
	runs: readonly Run[],
	entries: (run: Run) => Array<[string, T]>,
	keep: (key: string, value: T) => boolean,
) {
	// One pass over each run's own entries, writing into columns made on first sight: runs ×
	// keys lookups were a measurable part of big sites' table data (scripts/bench, 10,000 runs).
	const columns = new Map<string, (T | null)[]>();
	runs.forEach((run, i) => {
		for (const [key, value] of entries(run)) {
			if (!keep(key, value)) continue;
			let list = columns.get(key);
			if (!list) columns.set(key, (list = new Array<T | null>(runs.length).fill(null)));
			list[i] = value;
		}
	});
	const out: Record<string, (T | null)[]> = {};
	for (const key of [...columns.keys()].sort()) out[key] = columns.get(key)!;
	return out;
}

/** Builds the table data of `runs`, in their order. */
export function runTableData(
	runs: readonly Run[],
	options: RunTableDataOptions = {},
): RunTableData {
	const { maxTagLength = 200, includeTags = true, includeRange = true, directions = {} } = options;
	const metrics = column(
		runs,
		(r) => Object.entries(r.metrics).map(([k, m]): [string, MetricValue] => [k, m.last]),
		() => true,
	);
	const range = (pick: 'min' | 'max') =>
		column(
			runs,
			(r) => Object.entries(r.metrics).map(([k, m]): [string, number | null] => [k, m[pick]]),
			() => true,
		);
	const known: Record<string, Direction> = {};
	for (const key of Object.keys(metrics)) {
		const direction = knownDirection(key, directions);
		if (direction) known[key] = direction;
	}
	return {
		v: 1,
		ids: runs.map((r) => r.id),
		names: runs.map((r) => r.name),
		experiments: runs.map((r) => r.experimentId),
		status: runs.map((r) => r.status),
		start: runs.map((r) => r.startTime),
		duration: runs.map((r) =>
			r.startTime !== null && r.endTime !== null ? r.endTime - r.startTime : null,
		),
		user: runs.map((r) => r.user),
		parent: runs.map((r) => r.parentRunId),
		params: column(
			runs,
			(r) => Object.entries(r.params),
			() => true,
		),
		metrics,
		...(includeRange ? ranges(metrics, range('min'), range('max'), known) : {}),
		tags: column(
			runs,
			(r) => Object.entries(r.tags),
			(key, value) => includeTags && !TABLE_TAG_OMIT.includes(key) && value.length <= maxTagLength,
		),
		datasets: runs.map((r) =>
			r.inputs.length === 0 ? null : r.inputs.map((d) => [d.name, d.digest, d.context]),
		),
	};
}

/**
 * The min and max columns, without the metrics whose min and max are their latest value in every
 * run (a metric logged once per run): those offer no choice, and leaving them out keeps the
 * table data small (the example sweep's runs.json grows by a fifth instead of a half).
 */
function ranges(
	metrics: Record<string, (MetricValue | null)[]>,
	min: Record<string, (number | null)[]>,
	max: Record<string, (number | null)[]>,
	directions: Record<string, Direction>,
) {
	const same = (value: number | null, last: MetricValue | null) => {
		const n = metricNumber(last);
		return value === n || (value === null && (n === null || !Number.isFinite(n)));
	};
	for (const key of Object.keys(metrics)) {
		const lasts = metrics[key]!;
		if (lasts.every((last, i) => same(min[key]![i] ?? null, last) && same(max[key]![i] ?? null, last))) {
			delete min[key];
			delete max[key];
		}
	}
	return { min, max, directions };
}

/** A stored metric value as a number (`"NaN"` → NaN); null stays null. */
export function metricNumber(value: number | string | null | undefined): number | null {
	if (value == null) return null;
	if (typeof value === 'number') return value;
	return value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : NaN;
}

/**
 * Filter access to row `i` of table data, for `matchesFilter`. `metric` reads the latest value, or
 * the value `metricValue` gives (the runs table's chosen last/min/max/best), so a filter matches
 * what the table shows.
 */
export function rowFields(
	data: RunTableData,
	i: number,
	metricValue?: (key: string, i: number) => number | null,
): RunFields {
	return {
		metric: (key) =>
			!Object.hasOwn(data.metrics, key)
				? undefined
				: metricValue
					? metricValue(key, i)
					: metricNumber(data.metrics[key]![i]),
		param: (key) => (Object.hasOwn(data.params, key) ? data.params[key]![i] : undefined),
		tag: (key) => (Object.hasOwn(data.tags, key) ? data.tags[key]![i] : undefined),
		attribute: (key) =>
			({
				run_id: data.ids[i],
				run_name: data.names[i],
				status: data.status[i],
				user_id: data.user[i],
				start_time: data.start[i],
				end_time:
					data.start[i] != null && data.duration[i] != null
						? data.start[i]! + data.duration[i]!
						: null,
			})[key],
		datasets: () =>
			(data.datasets[i] ?? []).map(([name, digest, context]) => ({ name, digest, context })),
	};
}
