import type { SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import type { MetricStream, RawMetricPoint } from '../source-reader.ts';

/** MLflow's SQL store writes ±Infinity as ±DBL_MAX (`sanitize_metric_value`); this maps it back. */
export const SQL_INFINITY = 1.7976931348623157e308;

/**
 * Every row of a statement. node:sqlite refuses a whole result (ERR_OUT_OF_RANGE) when one
 * integer is beyond ±2^53, which MLflow's BIGINT columns may hold (a 2^63−1 step, a nanosecond
 * time); the statement is then read again with BigInts, and such an integer is handed on as its
 * exact decimal text (the others as numbers) for the exporter to judge. Normal stores pay nothing.
 */
export function allRows<R = Record<string, SQLOutputValue>>(stmt: StatementSync, ...params: SQLInputValue[]): R[] {
	try {
		return stmt.all(...params) as unknown as R[];
	} catch (error) {
		if ((error as { code?: unknown }).code !== 'ERR_OUT_OF_RANGE') throw error;
	}
	stmt.setReadBigInts(true);
	try {
		return stmt.all(...params).map((row) => exactRow(row as Record<string, SQLOutputValue> | SQLOutputValue[])) as unknown as R[];
	} finally {
		stmt.setReadBigInts(false);
	}
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const exact = (v: SQLOutputValue): SQLOutputValue => (typeof v !== 'bigint' ? v : v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : String(v));
function exactRow(row: Record<string, SQLOutputValue> | SQLOutputValue[]): Record<string, SQLOutputValue> | SQLOutputValue[] {
	if (Array.isArray(row)) return row.map(exact);
	const out: Record<string, SQLOutputValue> = {};
	for (const key of Object.keys(row)) out[key] = exact(row[key]!);
	return out;
}

/**
 * An integer column read so that a value beyond ±2^53 comes back as its decimal text, never as an
 * error (for statements read row by row, where allRows cannot read again).
 */
export const exactInteger = (column: string) =>
	`CASE WHEN typeof(${column}) = 'integer' AND ${column} NOT BETWEEN -9007199254740991 AND 9007199254740991 THEN CAST(${column} AS TEXT) ELSE ${column} END`;

/** A text column as a string, null for NULL. */
export function str(value: SQLOutputValue | undefined): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'string' ? value : String(value);
}

/**
 * An integer column (timestamps, steps) as a number, null for NULL or text that is no number.
 * The decimal text of an integer beyond ±2^53 (allRows) becomes the nearest double, which the
 * exporter recognises as out of range.
 */
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

/** A timestamp or step: the decimal text of one beyond ±2^53 (exactInteger) becomes its nearest double, out of range for the exporter. */
const integer = (v: SQLOutputValue | undefined) => (typeof v === 'number' ? v : Number(v));

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
			const rows = fast && (fast.count.get(runId) as unknown as [number])[0] <= (fast.allRows ?? ALL_ROWS) ? allRows<SQLOutputValue[]>(fast.rows, runId) : streamed();
			for (const r of rows) visit(r[0] as string, decodeMetric(r[1], r[4]), integer(r[2]), integer(r[3]));
		});
	};
	function* rows(): Generator<RawMetricPoint> {
		const it = guard(streamed);
		let next: IteratorResult<SQLOutputValue[]>;
		while (!(next = guard(() => it.next())).done) {
			const r = next.value;
			yield { key: r[0] as string, value: decodeMetric(r[1], r[4]), timestamp: integer(r[2]), step: integer(r[3]) };
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
