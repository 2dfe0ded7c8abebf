import type { MetricSummary } from '../schemas/metric-summary.ts';
import { toMetricValue } from '../schemas/metric-value.ts';
import type { RawMetricPoint } from './source-reader.ts';

/** The points of one metric of one run, in MLflow's history order, exact duplicates removed. */
export interface MetricHistory {
	key: string;
	/** Exact summary over every distinct point, non-finite ones included. */
	summary: MetricSummary;
	/**
	 * Finite points only, as columns (what charts and the download file hold). Plain arrays of
	 * doubles, not typed arrays: the history file is written from them as they are.
	 */
	step: number[];
	timestamp: number[];
	value: number[];
	/** Exact duplicates of (step, timestamp, value) that were dropped. */
	duplicates: number;
	/** Newest timestamp of any point, non-finite ones included. */
	maxTimestamp: number;
}

/**
 * Collects the points of one run, in any order and with any interleaving of keys, into typed
 * columns per key; `finish()` sorts each key into MLflow's history order (timestamp, step, value;
 * NaN below every number), drops exact duplicates and summarises. Memory is one run's history.
 */
export class RunMetricCollector {
	#keys = new Map<string, Columns>();
	/** The key of the previous point and its columns: stores return a key's points together. */
	#lastKey: string | null = null;
	#last: Columns | null = null;

	add(point: RawMetricPoint): void {
		this.push(point.key, point.value, point.timestamp, point.step);
	}

	/** `add` without a point object (MetricStream.each hands points over this way). */
	push(key: string, value: number, timestamp: number, step: number): void {
		let c = this.#last;
		if (key !== this.#lastKey || c === null) {
			c = this.#keys.get(key) ?? null;
			if (c === null) this.#keys.set(key, (c = new Columns()));
			this.#lastKey = key;
			this.#last = c;
		}
		c.push(timestamp, step, value);
	}

	/** Histories sorted by key. */
	finish(): MetricHistory[] {
		return [...this.#keys.keys()].sort().map((key) => summarise(key, this.#keys.get(key)!));
	}
}

class Columns {
	n = 0;
	ts = new Float64Array(16);
	step = new Float64Array(16);
	value = new Float64Array(16);
	push(ts: number, step: number, value: number) {
		if (this.n === this.ts.length) {
			const grow = (a: Float64Array) => {
				const b = new Float64Array(a.length * 2);
				b.set(a);
				return b;
			};
			this.ts = grow(this.ts);
			this.step = grow(this.step);
			this.value = grow(this.value);
		}
		this.ts[this.n] = ts;
		this.step[this.n] = step;
		this.value[this.n] = value;
		this.n++;
	}
}

/** Orders numbers with NaN below everything, so sorting and "largest" are total. */
export function compareValues(a: number, b: number): number {
	if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
	if (Number.isNaN(b)) return 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

function summarise(key: string, c: Columns): MetricHistory {
	const { n, ts, step, value } = c;
	const order = (i: number, j: number) => ts[i]! - ts[j]! || step[i]! - step[j]! || compareValues(value[i]!, value[j]!);
	let sorted = true;
	for (let i = 1; i < n && sorted; i++) sorted = order(i - 1, i) <= 0;
	// Stores return a key's points in history order nearly always: a permutation only when not.
	const perm = sorted ? null : Uint32Array.from({ length: n }, (_, i) => i).sort(order);

	const fStep: number[] = [];
	const fTs: number[] = [];
	const fVal: number[] = [];
	let count = 0;
	let nonFinite = 0;
	let last = -1;
	let min = -1;
	let max = -1;
	let firstStep = Infinity;
	let prev = -1;
	let maxTs = -Infinity;
	for (let k = 0; k < n; k++) {
		const i = perm === null ? k : perm[k]!;
		if (prev >= 0 && order(prev, i) === 0) continue;
		prev = i;
		count++;
		const v = value[i]!;
		if (step[i]! < firstStep) firstStep = step[i]!;
		if (ts[i]! > maxTs) maxTs = ts[i]!;
		// MLflow's latest value: the largest (step, timestamp, value).
		if (last < 0 || (step[i]! - step[last]! || ts[i]! - ts[last]! || compareValues(v, value[last]!)) > 0) last = i;
		if (!Number.isFinite(v)) {
			nonFinite++;
			continue;
		}
		if (min < 0 || v < value[min]!) min = i;
		if (max < 0 || v > value[max]!) max = i;
		fStep.push(step[i]!);
		fTs.push(ts[i]!);
		fVal.push(v);
	}
	return {
		key,
		summary: {
			last: toMetricValue(value[last]!),
			lastStep: step[last]!,
			lastTimestamp: ts[last]!,
			min: min < 0 ? null : value[min]!,
			minStep: min < 0 ? null : step[min]!,
			max: max < 0 ? null : value[max]!,
			maxStep: max < 0 ? null : step[max]!,
			count,
			nonFiniteCount: nonFinite,
			firstStep,
		},
		step: fStep,
		timestamp: fTs,
		value: fVal,
		duplicates: n - count,
		maxTimestamp: maxTs,
	};
}
