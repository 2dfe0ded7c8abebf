import { describe, expect, it } from 'vitest';
import { formatDuration, runDuration } from '../../src/lib/format-duration.ts';
import { formatTime, isoTime } from '../../src/lib/format-time.ts';

describe('formatTime', () => {
	it('formats epoch milliseconds in UTC, whatever the machine time zone', () => {
		expect(formatTime(Date.UTC(2026, 2, 14, 9, 30, 5))).toBe('2026-03-14 09:30:05 UTC');
		expect(formatTime(0)).toBe('1970-01-01 00:00:00 UTC');
		expect(formatTime(Date.UTC(2026, 0, 1, 23, 59, 59, 999))).toBe('2026-01-01 23:59:59 UTC');
	});

	it('survives unknown and out-of-range timestamps', () => {
		expect(formatTime(null)).toBe('—');
		expect(formatTime(9e15)).toBe('9000000000000000');
		expect(isoTime(9e15)).toBe('');
		expect(isoTime(null)).toBe('');
		expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
	});
});

describe('formatDuration', () => {
	it.each([
		[450, '450 ms'],
		[0, '0 ms'],
		[12_000, '12 s'],
		[12_400, '12 s'],
		[125_000, '2 min 5 s'],
		[120_000, '2 min'],
		[3 * 3_600_000 + 2 * 60_000 + 9_000, '3 h 2 min'],
		[3 * 3_600_000 + 9_000, '3 h'],
		[86_400_000 + 4 * 3_600_000, '1 d 4 h'],
		[59_700, '1 min'],
	])('formats %d ms as %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});

	it('shows unknown durations as an em dash', () => {
		expect(formatDuration(null)).toBe('—');
		expect(formatDuration(runDuration(1_000, null))).toBe('—');
		expect(formatDuration(runDuration(1_000, 6_000))).toBe('5 s');
	});
});

describe('formatTime compact', () => {
	it('gives minutes precision without the zone', () => {
		expect(formatTime(Date.UTC(2026, 2, 14, 9, 30, 59), { compact: true })).toBe('2026-03-14 09:30');
	});
});
