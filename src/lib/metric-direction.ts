import type { Direction } from '../schemas/config.ts';
import type { MetricSummary } from '../schemas/metric-summary.ts';

/**
 * Words that make a metric lower-is-better when they appear as a word of its key. Keys are split
 * at `_`, `-`, `.`, `/`, spaces and camelCase humps, so `val_loss`, `train/loss`, `evalError`
 * and `test-rmse` match while `lossless_ratio` or `accuracy` do not.
 */
const LOWER_WORDS = new Set(
	(
		'loss losses logloss nll error errors err rmse mae mse msle rmsle mape smape mad perplexity ppl ' +
		'wer cer ter brier crossentropy xent hinge huber divergence kl fid regret latency duration time ' +
		'seconds fpr fnr eer hamming'
	).split(' '),
);

/** sklearn's scorer prefix for negated errors (`neg_mean_squared_error`): larger is better. */
const NEGATED_PREFIX = 'neg';

/** Splits a metric key into lower-case words: `valLoss_EMA/2` → `val`, `loss`, `ema`, `2`. */
export function metricWords(key: string): string[] {
	return key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((word) => word !== '');
}

/**
 * Whether a larger value of metric `key` is better. An entry of `configured` (the configuration's
 * `metrics.direction`) wins; otherwise keys containing a word such as `loss`, `error`, `err`,
 * `rmse`, `mae`, `mse`, `mape`, `perplexity`, `wer`, `cer` or `time` are lower-is-better, unless
 * they start with sklearn's `neg_`, and every other key is higher-is-better.
 */
export function metricDirection(
	key: string,
	configured: Readonly<Record<string, Direction>> = {},
): Direction {
	if (Object.hasOwn(configured, key)) return configured[key]!;
	const words = metricWords(key);
	if (words[0] === NEGATED_PREFIX) return 'higher';
	return words.some((word) => LOWER_WORDS.has(word)) ? 'lower' : 'higher';
}

/** True when `a` is strictly better than `b`; NaN is never better, and anything beats NaN. */
export function isBetter(a: number, b: number, direction: Direction): boolean {
	if (Number.isNaN(a)) return false;
	if (Number.isNaN(b)) return true;
	return direction === 'lower' ? a < b : a > b;
}

/**
 * Comparator that orders values best first for `direction`; `null`, `undefined` and NaN go last
 * in either direction, as MLflow sorts missing values.
 */
export function byDirection(direction: Direction) {
	return (a: number | null | undefined, b: number | null | undefined): number => {
		const aMissing = a == null || Number.isNaN(a);
		const bMissing = b == null || Number.isNaN(b);
		if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
		if (a === b) return 0;
		return isBetter(a, b, direction) ? -1 : 1;
	};
}

/** The best value of a metric and the step where it was first reached. */
export interface BestValue {
	/** Best finite value. */
	value: number;
	/** Step of the first point that reached it. */
	step: number;
}

/**
 * The best value of one run's metric from its exact summary (`min`/`minStep` for lower-is-better,
 * `max`/`maxStep` otherwise); null when no value is finite.
 */
export function bestValue(summary: MetricSummary, direction: Direction): BestValue | null {
	const value = direction === 'lower' ? summary.min : summary.max;
	const step = direction === 'lower' ? summary.minStep : summary.maxStep;
	return value === null || step === null ? null : { value, step };
}

/** The best finite point of a history given as columns; null when it has no finite value. */
export function bestPoint(
	series: { readonly step: readonly number[]; readonly value: readonly number[] },
	direction: Direction,
): BestValue | null {
	let best: BestValue | null = null;
	for (let i = 0; i < series.value.length; i++) {
		const value = series.value[i]!;
		if (!Number.isFinite(value)) continue;
		if (best === null || isBetter(value, best.value, direction))
			best = { value, step: series.step[i]! };
	}
	return best;
}
