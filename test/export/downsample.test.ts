import { describe, expect, it } from 'vitest';
import { minMaxLttb } from '../../src/export/downsample.ts';

/** A deterministic random walk (no Math.random: tests are reproducible). */
function walk(n: number, seed = 1): Float64Array {
	const y = new Float64Array(n);
	let s = seed;
	let v = 0;
	for (let i = 0; i < n; i++) {
		s = (s * 1103515245 + 12345) % 2147483648;
		v += s / 2147483648 - 0.5;
		y[i] = v;
	}
	return y;
}

const steps = (n: number) => Float64Array.from({ length: n }, (_, i) => i);
const argmin = (y: ArrayLike<number>) => Array.prototype.indexOf.call(y, Math.min(...Array.from(y)));
const argmax = (y: ArrayLike<number>) => Array.prototype.indexOf.call(y, Math.max(...Array.from(y)));

describe('minMaxLttb', () => {
	it('returns every index of a series that already fits', () => {
		expect(Array.from(minMaxLttb(steps(5), walk(5), 10))).toEqual([0, 1, 2, 3, 4]);
		expect(Array.from(minMaxLttb(steps(0), walk(0), 10))).toEqual([]);
	});

	for (const [n, max] of [
		[1001, 1000],
		[3000, 1000],
		[100_000, 1000],
		[50_000, 10],
		[4001, 1000],
	] as const) {
		it(`keeps ≤ ${max} of ${n} points, ascending, with first, last, global min and max`, () => {
			const y = walk(n, n);
			const kept = Array.from(minMaxLttb(steps(n), y, max));
			expect(kept.length).toBeLessThanOrEqual(max);
			expect(kept.length).toBeGreaterThanOrEqual(max - 2);
			expect(kept).toEqual([...new Set(kept)].sort((a, b) => a - b));
			expect(kept[0]).toBe(0);
			expect(kept.at(-1)).toBe(n - 1);
			expect(kept).toContain(argmin(y));
			expect(kept).toContain(argmax(y));
		});
	}

	it('keeps a one-point spike that LTTB alone could drop, on a flat series', () => {
		const n = 20_000;
		const y = new Float64Array(n).fill(1);
		y[7777] = 1000;
		y[12345] = -1000;
		const kept = Array.from(minMaxLttb(steps(n), y, 50));
		expect(kept).toContain(7777);
		expect(kept).toContain(12345);
		expect(kept.length).toBeLessThanOrEqual(50);
	});

	it('works with steps that are not monotonic (a restarted run)', () => {
		const n = 5000;
		const x = Float64Array.from({ length: n }, (_, i) => i % 1000);
		const y = walk(n, 7);
		const kept = minMaxLttb(x, y, 100);
		expect(kept.length).toBeLessThanOrEqual(100);
		expect(Array.from(kept)).toContain(argmax(y));
	});

	it('is deterministic', () => {
		const y = walk(30_000, 3);
		expect(minMaxLttb(steps(30_000), y, 500)).toEqual(minMaxLttb(steps(30_000), y, 500));
	});

	it('refuses fewer than 4 points (first, last, min and max must fit)', () => {
		expect(() => minMaxLttb(steps(10), walk(10), 3)).toThrow(RangeError);
	});
});
