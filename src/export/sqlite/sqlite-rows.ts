import type { SQLOutputValue, StatementSync } from 'node:sqlite';
import type { MetricStream, RawMetricPoint } from '../source-reader.ts';

/** MLflow's SQL store writes ±Infinity as ±DBL_MAX (`sanitize_metric_value`); this maps it back. */
export const SQL_INFINITY = 1.7976931348623157e308;

/** A text column as a string, null for NULL. */
export function str(value: SQLOutputValue | undefined): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'string' ? value : String(value);
}

/** An integer column (timestamps, steps) as a number, null for NULL or text that is no number. */
export function num(value: SQLOutputValue | undefined): number | null {
	if (value === null || value === undefined) return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

/**
 * Decodes a metric value: `is_nan = 1` is NaN (the stored value is 0), ±DBL_MAX is ±Infinity,
 * and a NULL value (possible before MLflow added `is_nan`) is NaN.
 */
export function decodeMetric(value: SQLOutputValue | undefined, isNan: SQLOutputValue | undefined): number {
	if (isNan === 1 || isNan === '1' || value === null || value === undefined) return NaN;
	const n = typeof value === 'number' ? value : Number(value);
	if (n === SQL_INFINITY) return Infinity;
	if (n === -SQL_INFINITY) return -Infinity;
	return n;
}

/** Groups `(owner, key, value)` rows into owner → { key: value }; NULL values become `''`. */
export function groupRows(rows: Array<Record<string, SQLOutputValue>>, owner: string): Map<string, Record<string, string>> {
	const map = new Map<string, Record<string, string>>();
	for (const row of rows) {
		const id = String(row[owner]);
		let record = map.get(id);
		if (!record) map.set(id, (record = {}));
		record[String(row['key'])] = str(row['value']) ?? '';
	}
	return map;
}

/** Rows read at once by MetricStream.each (about 12 MB as arrays); longer histories are streamed. */
export const ALL_ROWS = 100_000;

/**
 * The metric rows of one run as points, streamed with `StatementSync.iterate()` so that a history
 * of millions of rows is never held at once. The result is an async iterable (the SourceReader
 * contract), a plain iterable, and offers `each`, the exporter's path: one call per row with the
 * decoded fields, no object or promise per row.
 * `prepare` gives a statement that selects key, value, timestamp, step, is_nan in that order for
 * one run; it is called only to stream (a new statement each time, so two streams never share
 * one). `fast` holds prepared statements shared by every run (`each` runs to completion, so they
 * are never used twice at once): a row count of the run and the same rows, with arrays on;
 * `allRows` overrides ALL_ROWS (tests). The exporter's path, `each` on a run of up to ALL_ROWS
 * rows, prepares nothing per run.
 */
export function sqliteMetricStream(
	prepare: () => StatementSync,
	runId: string,
	guard: <T>(fn: () => T) => T,
	fast?: { count: StatementSync; rows: StatementSync; allRows?: number },
): MetricStream & Iterable<RawMetricPoint> {
	const streamed = () => {
		const stmt = guard(prepare);
		stmt.setReturnArrays(true);
		return stmt.iterate(runId) as unknown as IterableIterator<SQLOutputValue[]>;
	};
	const each = (visit: (key: string, value: number, timestamp: number, step: number) => void) => {
		guard(() => {
			// A run of up to ALL_ROWS rows comes back from one all() call, about twice as fast as
			// one iterate() step per row; a longer history is streamed, so memory stays bounded.
			const rows = fast && (fast.count.get(runId) as unknown as [number])[0] <= (fast.allRows ?? ALL_ROWS) ? (fast.rows.all(runId) as unknown as SQLOutputValue[][]) : streamed();
			for (const r of rows) visit(r[0] as string, decodeMetric(r[1], r[4]), r[2] as number, r[3] as number);
		});
	};
	function* rows(): Generator<RawMetricPoint> {
		const it = guard(streamed);
		let next: IteratorResult<SQLOutputValue[]>;
		while (!(next = guard(() => it.next())).done) {
			const r = next.value;
			yield { key: r[0] as string, value: decodeMetric(r[1], r[4]), timestamp: r[2] as number, step: r[3] as number };
		}
	}
	return {
		each,
		[Symbol.iterator]: rows,
		async *[Symbol.asyncIterator]() {
			yield* rows();
		},
	};
}
