/** Preselection factor of MinMaxLTTB: LTTB runs on `maxPoints × ratio` min/max candidates. */
export const MINMAX_RATIO = 4;

/**
 * Picks at most `maxPoints` indices of a series for charting with MinMaxLTTB (Van Der Donckt et
 * al., IEEE VIS 2023): per-bucket min and max preselect `maxPoints × ratio` candidates, and LTTB
 * (Steinarsson 2013) chooses among them. The first and last points and the first occurrences of
 * the global minimum and maximum are always kept, so a spike never disappears from a chart.
 *
 * @param x horizontal positions (steps), same length as `y`; need not be monotonic
 * @param y finite values
 * @param maxPoints at least 4
 * @returns ascending indices into `x`/`y`; all indices when the series is short enough
 */
export function minMaxLttb(
	x: ArrayLike<number>,
	y: ArrayLike<number>,
	maxPoints: number,
	ratio = MINMAX_RATIO,
): Uint32Array {
	const n = y.length;
	if (!(maxPoints >= 4)) throw new RangeError(`maxPoints must be at least 4, got ${maxPoints}.`);
	if (n <= maxPoints) return Uint32Array.from({ length: n }, (_, i) => i);
	const candidates = n > maxPoints * ratio ? minMaxPreselect(y, Math.floor((maxPoints * ratio) / 2)) : allIndices(n);
	let lo = 0;
	let hi = 0;
	for (let i = 1; i < n; i++) {
		if (y[i]! < y[lo]!) lo = i;
		if (y[i]! > y[hi]!) hi = i;
	}
	let picked = lttb(x, y, candidates, maxPoints);
	const missing = [lo, hi].filter((i, k, all) => all.indexOf(i) === k && !has(picked, i));
	if (missing.length === 0) return picked;
	picked = lttb(x, y, candidates, maxPoints - missing.length);
	const merged = new Set<number>(picked);
	for (const i of missing) merged.add(i);
	return Uint32Array.from([...merged].sort((a, b) => a - b));
}

function allIndices(n: number): Uint32Array {
	return Uint32Array.from({ length: n }, (_, i) => i);
}

function has(sorted: Uint32Array, value: number): boolean {
	let a = 0;
	let b = sorted.length - 1;
	while (a <= b) {
		const m = (a + b) >> 1;
		if (sorted[m] === value) return true;
		if (sorted[m]! < value) a = m + 1;
		else b = m - 1;
	}
	return false;
}

/** First, last, and the argmin and argmax of each of `buckets` equal slices of the interior. */
function minMaxPreselect(y: ArrayLike<number>, buckets: number): Uint32Array {
	const n = y.length;
	const out = new Uint32Array(buckets * 2 + 2);
	let k = 0;
	out[k++] = 0;
	const size = (n - 2) / buckets;
	for (let b = 0; b < buckets; b++) {
		const start = 1 + Math.floor(b * size);
		const end = Math.min(n - 1, 1 + Math.floor((b + 1) * size));
		if (start >= end) continue;
		let lo = start;
		let hi = start;
		for (let i = start + 1; i < end; i++) {
			if (y[i]! < y[lo]!) lo = i;
			if (y[i]! > y[hi]!) hi = i;
		}
		if (lo === hi) out[k++] = lo;
		else if (lo < hi) (out[k++] = lo), (out[k++] = hi);
		else (out[k++] = hi), (out[k++] = lo);
	}
	out[k++] = n - 1;
	return out.subarray(0, k);
}

/** Largest-Triangle-Three-Buckets over the candidate indices `c`, keeping `target` of them. */
function lttb(x: ArrayLike<number>, y: ArrayLike<number>, c: Uint32Array, target: number): Uint32Array {
	const m = c.length;
	if (m <= target) return c.slice();
	const out = new Uint32Array(target);
	const size = (m - 2) / (target - 2);
	let a = 0;
	out[0] = c[0]!;
	for (let i = 0; i < target - 2; i++) {
		const nextStart = Math.floor((i + 1) * size) + 1;
		const nextEnd = Math.min(Math.floor((i + 2) * size) + 1, m);
		let avgX = 0;
		let avgY = 0;
		for (let j = nextStart; j < nextEnd; j++) {
			avgX += x[c[j]!]!;
			avgY += y[c[j]!]!;
		}
		const count = nextEnd - nextStart;
		avgX /= count;
		avgY /= count;
		const start = Math.floor(i * size) + 1;
		const end = Math.floor((i + 1) * size) + 1;
		const ax = x[c[a]!]!;
		const ay = y[c[a]!]!;
		let best = start;
		let bestArea = -1;
		for (let j = start; j < end; j++) {
			const area = Math.abs((ax - avgX) * (y[c[j]!]! - ay) - (ax - x[c[j]!]!) * (avgY - ay));
			if (area > bestArea) (bestArea = area), (best = j);
		}
		out[i + 1] = c[best]!;
		a = best;
	}
	out[target - 1] = c[m - 1]!;
	return out;
}
