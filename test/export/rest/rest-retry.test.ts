import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, TRANSIENT_STATUSES } from '../../../src/export/rest/rest-retry.ts';

const NOW = Date.parse('2026-01-05T12:00:00Z');

describe('parseRetryAfter', () => {
	it.each([
		['3', 3000],
		[' 120 ', 120_000],
		['0', 0],
		[new Date(NOW + 30_000).toUTCString(), 30_000],
		['Wed, 21 Oct 2015 07:28:00 GMT', 0],
		['-1', null],
		['abc', null],
		['1.5', null],
		['', null],
		[null, null],
	])('reads %j as %j ms', (header, expected) => {
		expect(parseRetryAfter(header, NOW)).toBe(expected);
	});
});

describe('backoffDelay', () => {
	it('doubles its ceiling per retry up to 60 s, with full jitter', () => {
		const top = () => 0.999_999;
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, top))).toEqual([999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999]);
		expect(backoffDelay(5, () => 0)).toBe(0);
	});

	it('retries the statuses MLflow retries, and no client errors', () => {
		expect([...TRANSIENT_STATUSES].sort()).toEqual([408, 429, 500, 502, 503, 504]);
	});
});
