/**
 * The step and timestamp columns of a series or history file, written compactly (mlpages 0.3).
 * A column is one of:
 * - the integers themselves, `[0,1,5]` (every file before 0.3, and the shortest form for a few
 *   irregular points);
 * - `{"start": a, "delta": d}`: the arithmetic progression a, a+d, a+2d, … with as many terms as
 *   the series has values (steps 0, 1, 2, …; a metric logged at a fixed interval);
 * - `{"start": a, "deltas": [d1, d2, …]}`: a, a+d1, a+d1+d2, …, one difference per term after the
 *   first (a timestamp of 13 digits becomes the 3 to 5 digits of its distance from the one before).
 * Values are always the numbers themselves, exact. Every reader (the build's parseRunSeries and
 * RunSeriesSchema, the browser's series loader) decodes to plain integer arrays, so nothing past
 * the file sees the encoding. Isomorphic: no Node or DOM API.
 */
export type EncodedColumn = number[] | { start: number; delta: number } | { start: number; deltas: number[] };

/**
 * The shortest form of `column` (integers, safe) as JSON text; ties keep the plain array. A
 * progression needs at least 3 terms, so a short column stays readable.
 */
export function encodeColumn(column: readonly number[]): EncodedColumn {
	const n = column.length;
	if (n < 3) return [...column];
	const deltas = new Array<number>(n - 1);
	let constant = true;
	for (let i = 1; i < n; i++) {
		const d = column[i]! - column[i - 1]!;
		// A difference of two safe integers can leave the safe range; such a column stays plain.
		if (!Number.isSafeInteger(d)) return [...column];
		deltas[i - 1] = d;
		if (d !== deltas[0]) constant = false;
	}
	if (constant) return { start: column[0]!, delta: deltas[0]! };
	// Digits and separators decide; the deltas form also carries `{"start":…,"deltas":}`.
	return textLength(deltas) + digits(column[0]!) + 20 < textLength(column) ? { start: column[0]!, deltas } : [...column];
}

/**
 * The integers of an encoded column of `length` terms (the series' value count), or null when it
 * is not one of the three forms (an object with another key is not), does not hold `length` safe
 * integers, or a sum leaves the safe range. A plain array is returned as it is (not copied).
 */
export function decodeColumn(column: unknown, length: number): number[] | null {
	if (Array.isArray(column)) return column.length === length && column.every((n) => Number.isSafeInteger(n)) ? (column as number[]) : null;
	// Exactly the two keys of one form, as RunSeriesSchema's strict objects accept.
	if (typeof column !== 'object' || column === null || Object.keys(column).length !== 2) return null;
	const { start, delta, deltas } = column as { start?: unknown; delta?: unknown; deltas?: unknown };
	if (!Number.isSafeInteger(start)) return null;
	const out = new Array<number>(length);
	if (length > 0) out[0] = start as number;
	if (delta !== undefined && deltas === undefined) {
		if (!Number.isSafeInteger(delta)) return null;
		for (let i = 1; i < length; i++) out[i] = out[i - 1]! + (delta as number);
	} else if (deltas !== undefined && delta === undefined && Array.isArray(deltas) && deltas.length === Math.max(0, length - 1)) {
		for (let i = 1; i < length; i++) {
			const d = deltas[i - 1];
			if (!Number.isSafeInteger(d)) return null;
			out[i] = out[i - 1]! + (d as number);
		}
	} else return null;
	for (const n of out) if (!Number.isSafeInteger(n)) return null;
	return out;
}

/**
 * A run's series JSON as fetched (`/compare/series/<id>.json`) with every metric's step and
 * timestamp columns decoded to arrays, for the browser's charts and tables. Lenient: a metric
 * whose columns do not decode is left as it was (its readers then find no series for it).
 */
export function decodeRunSeries(raw: unknown): unknown {
	const metrics = (raw as { metrics?: unknown } | null)?.metrics;
	if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) return raw;
	// A metric called `__proto__` is left out, as parseRunSeries and zod leave it out; the others
	// become own properties (Object.fromEntries), never the record's prototype.
	const out = Object.entries(metrics as Record<string, unknown>)
		.filter(([key]) => key !== '__proto__')
		.map(([key, s]): [string, unknown] => {
			const series = s as { step?: unknown; timestamp?: unknown; value?: unknown } | null;
			const n = Array.isArray(series?.value) ? series.value.length : -1;
			const step = n < 0 ? null : decodeColumn(series!.step, n);
			const timestamp = n < 0 ? null : decodeColumn(series!.timestamp, n);
			return [key, step && timestamp ? { ...series, step, timestamp } : s];
		});
	return { ...(raw as object), metrics: Object.fromEntries(out) };
}

function digits(n: number): number {
	return String(n).length;
}

/** The length of `[a,b,c]` as JSON. */
function textLength(list: readonly number[]): number {
	let n = list.length + 1;
	for (const x of list) n += digits(x);
	return n;
}
