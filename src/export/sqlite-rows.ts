import type { SQLOutputValue, StatementSync } from 'node:sqlite';
import type { MetricStream, RawMetricPoint } from './source-reader.ts';

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

/**
 * The metric rows of one run as points, streamed with `StatementSync.iterate()` so that a history
 * of millions of rows is never held at once. The result is an async iterable (the SourceReader
 * contract), a plain iterable, and offers `each`, the exporter's path: one call per row with the
 * decoded fields, no object or promise per row.
 * The statement must select key, value, timestamp, step, is_nan in that order.
 */
export function sqliteMetricStream(
	stmt: StatementSync,
	runId: string,
	guard: <T>(fn: () => T) => T,
): MetricStream & Iterable<RawMetricPoint> {
	stmt.setReturnArrays(true);
	const each = (visit: (key: string, value: number, timestamp: number, step: number) => void) => {
		guard(() => {
			for (const r of stmt.iterate(runId) as unknown as Iterable<SQLOutputValue[]>) {
				let value = r[1] as number;
				// Inlined decodeMetric: this loop runs once per metric row.
				if (r[4] === 1 || value === null) value = NaN;
				else if (value === SQL_INFINITY) value = Infinity;
				else if (value === -SQL_INFINITY) value = -Infinity;
				else if (typeof value !== 'number') value = decodeMetric(value, r[4]);
				visit(r[0] as string, value, r[2] as number, r[3] as number);
			}
		});
	};
	function* rows(): Generator<RawMetricPoint> {
		const it = guard(() => stmt.iterate(runId)) as unknown as Iterator<SQLOutputValue[]>;
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
