import type { Direction } from '../schemas/config.ts';
import { isBetter } from './metric-direction.ts';

/**
 * How a value compares with the baseline's: `better`/`worse` by the metric's known direction,
 * `changed` when it differs but the direction is unknown (never coloured), `same`, or `missing`.
 */
export type Verdict = 'better' | 'worse' | 'changed' | 'same' | 'missing';

/** The mark that says in a symbol what the colour of a verdict says: `▲` better, `▼` worse. */
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
	better: '▲',
	worse: '▼',
	changed: '',
	same: '',
	missing: '',
};

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
 * non-finite value, on either side, is `missing`; with `direction` null (unknown, see
 * knownDirection) a different value is `changed`. Only `better` and `worse` may be coloured.
 */
export function metricDeltas(
	values: readonly (number | null)[],
	baseline: number,
	direction: Direction | null,
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
			verdict:
				delta === 0
					? 'same'
					: direction === null
						? 'changed'
						: isBetter(value, base, direction)
							? 'better'
							: 'worse',
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
