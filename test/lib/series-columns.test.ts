import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/lib/json.ts';
import { decodeColumn, decodeRunSeries, encodeColumn } from '../../src/lib/series-columns.ts';

const T0 = 1_767_600_000_001;

describe('encodeColumn and decodeColumn', () => {
	it('writes steps 0, 1, 2, … as a progression and reads back every step', () => {
		const steps = Array.from({ length: 1000 }, (_, i) => i);
		const encoded = encodeColumn(steps);
		expect(encoded).toEqual({ start: 0, delta: 1 });
		expect(decodeColumn(encoded, 1000)).toEqual(steps);
	});

	it('writes irregular timestamps as differences, a third of the text, and reads back each one exactly', () => {
		let t = T0;
		const times = Array.from({ length: 500 }, (_, i) => (t += 1000 + ((i * 7919) % 977)));
		const encoded = encodeColumn(times);
		expect(encoded).toMatchObject({ start: times[0] });
		expect(JSON.stringify(encoded).length).toBeLessThan(JSON.stringify(times).length / 2.5);
		expect(decodeColumn(encoded, times.length)).toEqual(times);
	});

	it('keeps short or unrelated columns as they are, and falls back when a difference leaves the safe range', () => {
		expect(encodeColumn([])).toEqual([]);
		expect(encodeColumn([5, 9])).toEqual([5, 9]);
		expect(encodeColumn([3, 1, 4, 1, 5])).toEqual([3, 1, 4, 1, 5]);
		const extremes = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 0];
		expect(encodeColumn(extremes)).toEqual(extremes);
		// Downsampled steps go backwards at times (MLflow's order is by timestamp): still exact.
		const steps = [0, 10, 20, 15, 30, 40, 41, 50, 1000, 60, 70, 80, 90, 100];
		expect(decodeColumn(encodeColumn(steps), steps.length)).toEqual(steps);
	});

	it('reads only a column of exactly one safe integer per value', () => {
		expect(decodeColumn([1, 2], 3)).toBeNull();
		expect(decodeColumn([1, 2.5], 2)).toBeNull();
		expect(decodeColumn({ start: 0, deltas: [1] }, 3)).toBeNull();
		expect(decodeColumn({ start: 0, delta: 1, deltas: [1] }, 2)).toBeNull();
		expect(decodeColumn({ start: 0, delta: 0.5 }, 2)).toBeNull();
		expect(decodeColumn({ start: Number.MAX_SAFE_INTEGER, delta: 1 }, 2)).toBeNull();
		expect(decodeColumn({ start: 0, delta: 1, extra: 1 }, 2)).toBeNull();
		expect(decodeColumn({ start: 7, delta: 3 }, 0)).toEqual([]);
		expect(decodeColumn('0-9', 10)).toBeNull();
	});
});

describe('decodeRunSeries (the browser)', () => {
	it('gives every metric plain columns and leaves what does not decode as it was', () => {
		const raw = JSON.parse(
			stableStringify({
				runId: 'r',
				maxPoints: 1000,
				metrics: {
					loss: { step: encodeColumn([0, 1, 2, 3]), timestamp: encodeColumn([T0, T0 + 5, T0 + 7, T0 + 20]), value: [4, 3, 2, 1] },
					bad: { step: { start: 0, delta: 1 }, timestamp: [1], value: [1, 2] },
				},
			}),
		);
		const decoded = decodeRunSeries(raw) as { metrics: Record<string, unknown> };
		expect(decoded.metrics['loss']).toEqual({ step: [0, 1, 2, 3], timestamp: [T0, T0 + 5, T0 + 7, T0 + 20], value: [4, 3, 2, 1] });
		expect(decoded.metrics['bad']).toEqual(raw.metrics.bad);
		expect(decodeRunSeries(null)).toBeNull();
		// A metric called __proto__ is dropped, never made the record's prototype.
		const hostile = decodeRunSeries(JSON.parse('{"metrics":{"__proto__":{"loss":{"step":[0],"timestamp":[0],"value":[1]}}}}')) as { metrics: Record<string, unknown> };
		expect(Object.keys(hostile.metrics)).toEqual([]);
		expect(hostile.metrics['loss']).toBeUndefined();
	});
});
