import { droppedOutOfRangeTime } from '../messages.ts';

/**
 * Integers JavaScript cannot hold. MLflow's BIGINT columns (timestamps, steps) hold any 64-bit
 * value: a nanosecond `time.time_ns()`, a step of 2^63−1. Readers hand such a value on as the
 * nearest double (or, from SQLite, as its decimal text); the exporter then leaves the one field
 * or point out with a catalogued warning instead of writing a wrong number or failing.
 */

/** Largest distance from the epoch a JavaScript Date holds, in milliseconds (about 273,790 years). */
export const MAX_DATE_MS = 8.64e15;

/** Whether a value is a time in epoch milliseconds a date can show: a safe integer within ±MAX_DATE_MS. */
export function isTimeMs(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_DATE_MS;
}

/** Whether a value is a step JavaScript holds exactly: a safe integer. */
export function isStep(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** How a value beyond the bounds is named in a warning: exact when it can be, never a rounded number. */
export function describeOutOfRange(value: unknown): string {
	if (typeof value === 'string') return value;
	return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : 'an integer beyond ±2^53';
}

/**
 * `value` when it is null or a time a date can show; otherwise null, after a warning naming the
 * field and its owner (e.g. `start time`, `run 3f2a…`).
 */
export function timeOrNull(value: number | null, field: string, owner: string, warn: (message: string) => void): number | null {
	if (value === null || isTimeMs(value)) return value;
	warn(droppedOutOfRangeTime(field, owner, describeOutOfRange(value)));
	return null;
}
