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

/**
 * Words that make a metric higher-is-better when they appear as a word of its key: `accuracy`,
 * `val_acc`, `test/accuracy`, `f1_macro`, `roc_auc`, `mAP`, `recall@10`.
 */
const HIGHER_WORDS = new Set(
	(
		'accuracy acc f1 f2 fbeta fscore auc auroc auprc roc ap map precision recall ' +
		'sensitivity specificity tpr tnr r2 iou miou dice jaccard bleu rouge meteor chrf ndcg mrr ' +
		'mcc kappa psnr ssim reward'
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
 * Whether a larger value of metric `key` is better, when that is known: an entry of `configured`
 * (the configuration's `metrics.direction`) wins; otherwise a key with a word such as `loss`,
 * `error`, `rmse`, `mae`, `mse`, `perplexity` or `time` is lower-is-better (unless it starts with
 * sklearn's `neg_`), one with a word such as `accuracy`, `f1`, `auc`, `precision` or `recall` is
 * higher-is-better, and any other key (`learning_rate`, `epochs_completed`, or a key with words of
 * both kinds) is unknown: null. Only a known direction may colour a value better or worse.
 */
export function knownDirection(
	key: string,
	configured: Readonly<Record<string, Direction>> = {},
): Direction | null {
	if (Object.hasOwn(configured, key)) return configured[key]!;
	const words = metricWords(key);
	if (words[0] === NEGATED_PREFIX) return 'higher';
	const lower = words.some((word) => LOWER_WORDS.has(word));
	const higher = words.some((word) => HIGHER_WORDS.has(word));
	return lower === higher ? null : lower ? 'lower' : 'higher';
}

/**
 * The direction to rank values of `key` by: its known direction, else `higher` (MLflow's order of
 * a plain number). For ordering only (sorting, a best-so-far line); to say better or worse, use
 * knownDirection, which admits not knowing.
 */
export function metricDirection(
	key: string,
	configured: Readonly<Record<string, Direction>> = {},
): Direction {
	return knownDirection(key, configured) ?? 'higher';
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
