/**
 * Decoding of MLflow's protobuf-JSON scalars (`mlflow/utils/proto_json_utils.py`): int64 as a
 * number or a decimal string, non-finite doubles as `"NaN"`, `"Infinity"`, `"-Infinity"`, unset
 * fields omitted. Each function throws a short reason for a value of the wrong type; the reader
 * turns it into a warning naming the record.
 */

export type Json = Record<string, unknown>;

/** A field of a server record has the wrong type or is missing; the record is skipped. */
export class RestDecodeError extends Error {
	override name = 'RestDecodeError' as const;
}

/** A JSON object field, or an empty object when absent. */
export function object(value: unknown, field: string): Json {
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) throw new RestDecodeError(`${field} is not an object`);
	return value as Json;
}

/** A JSON array field, or an empty array when absent (MLflow omits empty lists). */
export function array(value: unknown, field: string): unknown[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new RestDecodeError(`${field} is not a list`);
	return value;
}

/** A required string field. */
export function string(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new RestDecodeError(`${field} is missing or not text`);
}

/** An optional string field: absent or null gives null. */
export function stringOrNull(value: unknown, field: string): string | null {
	return value === undefined || value === null ? null : string(value, field);
}

/** An int64 field sent as a number or as a decimal string; absent gives null. */
export function int64(value: unknown, field: string): number | null {
	if (value === undefined || value === null) return null;
	const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n)) throw new RestDecodeError(`${field} is not an integer`);
	return n;
}

/** A double field: a number, or `"NaN"`/`"Infinity"`/`"-Infinity"`, or a numeric string. */
export function double(value: unknown, field: string): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (/^nan$/i.test(text)) return Number.NaN;
		if (/^\+?(inf|infinity)$/i.test(text)) return Number.POSITIVE_INFINITY;
		if (/^-(inf|infinity)$/i.test(text)) return Number.NEGATIVE_INFINITY;
		if (text !== '' && Number.isFinite(Number(text))) return Number(text);
	}
	throw new RestDecodeError(`${field} is not a number`);
}

/** A `[{key, value}]` list (tags, params) as a record; a missing value is the empty string. */
export function keyValues(value: unknown, field: string, keyName = 'key'): Record<string, string> {
	const out: Record<string, string> = {};
	for (const item of array(value, field)) {
		const pair = object(item, field);
		out[string(pair[keyName], `${field} ${keyName}`)] = stringOrNull(pair['value'], `${field} value`) ?? '';
	}
	return out;
}
