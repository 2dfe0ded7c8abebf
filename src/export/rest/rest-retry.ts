/**
 * When to retry a request to a tracking server, and how long to wait first. Mirrors MLflow's own
 * client (`mlflow/utils/request_utils.py`): the same transient statuses, exponential backoff,
 * and `Retry-After` honoured.
 */

/** Statuses worth another attempt (MLflow's `_TRANSIENT_FAILURE_RESPONSE_CODES`). */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** First backoff step: attempt n waits up to `BACKOFF_BASE_MS · 2^(n-1)`. */
export const BACKOFF_BASE_MS = 1000;
/** Longest backoff step, however many attempts came before. */
export const BACKOFF_CAP_MS = 60_000;

/**
 * Exponential backoff with full jitter: a uniformly random wait between 0 and
 * `min(BACKOFF_CAP_MS, BACKOFF_BASE_MS · 2^(retry-1))`, so that many clients spread out.
 * @param retry 1 for the first retry.
 * @param random Returns a number in [0, 1).
 */
export function backoffDelay(retry: number, random: () => number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
	return Math.floor(random() * ceiling);
}

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
 * @returns The wait in milliseconds (0 for a date in the past), or null when the header is
 *   absent or unreadable, in which case the caller falls back to backoff.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
	if (header === null) return null;
	const text = header.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	if (!/[a-z]/i.test(text)) return null;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return null;
	return Math.max(0, date - now);
}
