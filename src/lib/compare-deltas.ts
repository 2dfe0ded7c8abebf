import type { Direction } from '../schemas/config.ts';
import { isBetter } from './metric-direction.ts';

/** How a value compares with the baseline's, given the metric's direction. */
export type Verdict = 'better' | 'worse' | 'same' | 'missing';

/** One compared run's value of a metric, against the baseline run. */
export interface MetricDelta {
	value: number | null;
	/** value − baseline; null when either is missing or not finite. */
	delta: number | null;
	/** delta / |baseline|; null when the baseline is 0 or the delta is null. */
	relative: number | null;
	verdict: Verdict;
}

/**
 * Deltas of each run's value against `values[baseline]`. Equal values are `same`; a missing or
 * non-finite value, on either side, is `missing` (never coloured better or worse).
 */
export function metricDeltas(
	values: readonly (number | null)[],
	baseline: number,
	direction: Direction,
): MetricDelta[] {
	const base = values[baseline] ?? null;
	return values.map((value) => {
		if (value === null || base === null || !Number.isFinite(value) || !Number.isFinite(base)) {
			return { value, delta: null, relative: null, verdict: 'missing' };
		}
		const delta = value - base;
		return {
			value,
			delta,
			relative: base === 0 ? null : delta / Math.abs(base),
			verdict: delta === 0 ? 'same' : isBetter(value, base, direction) ? 'better' : 'worse',
		};
	});
}

/**
 * Param keys to show for runs side by side, sorted: all of them, or with `onlyDiff` those whose
 * value is not the same in every run (a run without the param counts as a different value).
 */
export function paramKeys(
	params: readonly Readonly<Record<string, string>>[],
	onlyDiff: boolean,
): string[] {
	const keys = [...new Set(params.flatMap((p) => Object.keys(p)))].sort();
	if (!onlyDiff) return keys;
	return keys.filter(
		(key) => new Set(params.map((p) => (Object.hasOwn(p, key) ? `=${p[key]}` : '∅'))).size > 1,
	);
}
