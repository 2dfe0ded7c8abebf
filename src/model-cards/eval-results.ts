import type { Run } from '../schemas/run.ts';
import type { LoggedModel } from '../schemas/logged-model.ts';
import type { ModelCardMetadata } from '../schemas/model-card-metadata.ts';
import type { EvalResult } from '../schemas/model-card.ts';

const SPLITS: [RegExp, string][] = [
	[/^(train|training)$/, 'train'],
	[/^(val|valid|validation)$/, 'validation'],
	[/^(test|testing|holdout)$/, 'test'],
	[/^(eval|evaluation)$/, 'eval'],
];

/** The split a word names (`val` → `validation`), or null. */
export function splitName(word: string | null): string | null {
	if (!word) return null;
	const w = word.toLowerCase();
	return SPLITS.find(([re]) => re.test(w))?.[1] ?? null;
}

/**
 * Splits a metric key into split and metric when the key says it: `test_accuracy`,
 * `val/f1`, `accuracy_test`. Other keys keep the whole key as metric and no split.
 * @example splitMetricKey('val_accuracy') → { split: 'validation', metric: 'accuracy' }
 */
export function splitMetricKey(key: string): { split: string | null; metric: string } {
	const pre = /^([A-Za-z]+)[_/.-](.+)$/.exec(key);
	const preSplit = pre?.[1] ? splitName(pre[1]) : null;
	if (pre?.[2] && preSplit) return { split: preSplit, metric: pre[2] };
	const post = /^(.+)[_/.-]([A-Za-z]+)$/.exec(key);
	const postSplit = post?.[2] ? splitName(post[2]) : null;
	if (post?.[1] && postSplit) return { split: postSplit, metric: post[1] };
	return { split: null, metric: key };
}

/**
 * Flat evaluation records of a model version: the latest finite value of every metric of its
 * source run (unless its logged model holds the same key and value, with a dataset), the logged
 * model's metrics, and the people-written
 * `model-index`. The dataset of a run metric is known only when exactly one run input has a
 * context naming the same split. Sorted by source, split (unknown last), dataset, metric.
 */
export function evalResults(options: {
	run: Run | null;
	loggedModel: LoggedModel | null;
	metadata: ModelCardMetadata;
	task: string | null;
}): EvalResult[] {
	const { run, loggedModel, metadata, task } = options;
	const out: EvalResult[] = [];
	const datasetFor = (split: string | null) => {
		if (!run || !split) return null;
		const inputs = run.inputs.filter((i) => splitName(i.context) === split);
		return inputs.length === 1 ? (inputs[0]?.name ?? null) : null;
	};
	// A logged model's metric names its dataset; the same value logged on the run adds nothing.
	const onModel = new Set((loggedModel?.metrics ?? []).map((m) => `${m.key}\u0000${String(m.value)}`));
	for (const [key, summary] of Object.entries(run?.metrics ?? {})) {
		if (typeof summary.last !== 'number' || onModel.has(`${key}\u0000${String(summary.last)}`)) continue;
		const { split, metric } = splitMetricKey(key);
		out.push({ task, dataset: datasetFor(split), metric, value: summary.last, split, key, source: 'run' });
	}
	for (const m of loggedModel?.metrics ?? []) {
		if (typeof m.value !== 'number') continue;
		const { split, metric } = splitMetricKey(m.key);
		const input = run?.inputs.find((i) => i.name === m.datasetName && i.digest === m.datasetDigest);
		out.push({
			task,
			dataset: m.datasetName,
			metric,
			value: m.value,
			split: split ?? splitName(input?.context ?? null),
			key: m.key,
			source: 'logged-model',
		});
	}
	for (const entry of metadata['model-index'] ?? []) {
		for (const result of entry.results) {
			for (const m of result.metrics) {
				out.push({
					task: result.task.type,
					dataset: result.dataset?.name ?? null,
					metric: m.type,
					value: m.value,
					split: result.dataset?.split ?? null,
					key: m.name ?? m.type,
					source: 'card',
				});
			}
		}
	}
	const order = { run: 0, 'logged-model': 1, card: 2 };
	// Unknown splits sort last, so the held-out results lead the table.
	const s = (v: string | null) => v ?? '\uffff';
	return out.sort(
		(a, b) =>
			order[a.source] - order[b.source] ||
			s(a.split).localeCompare(s(b.split)) ||
			s(a.dataset).localeCompare(s(b.dataset)) ||
			a.key.localeCompare(b.key),
	);
}

const HEADLINE = ['accuracy', 'f1', 'f1_score', 'roc_auc', 'auc', 'precision', 'recall', 'r2', 'rmse', 'mae', 'mse', 'log_loss', 'loss'];
/** Rank of a metric among HEADLINE (`f1_macro` counts as `f1`); unknown metrics rank last. */
const headline = (metric: string) => {
	const m = metric.toLowerCase();
	const i = HEADLINE.findIndex((h) => m === h || m.startsWith(`${h}_`));
	return i === -1 ? HEADLINE.length : i;
};
const SPLIT_RANK: Record<string, number> = { test: 0, validation: 1, eval: 2 };

/**
 * Up to `max` headline results for previews, one per metric: the configured primary metric
 * first, then well-known metrics (HEADLINE) before counters and timings, held-out values before
 * train ones, held-out splits before unsplit ones, HEADLINE order, then by key.
 */
export function keyMetrics(results: EvalResult[], primary: string | null = null, max = 3): EvalResult[] {
	const rank = (r: EvalResult) => [
		r.key === primary ? 0 : headline(r.metric) === HEADLINE.length ? 2 : 1,
		r.split === 'train' ? 1 : 0,
		r.split === null ? 3 : (SPLIT_RANK[r.split] ?? 4),
		headline(r.metric),
	];
	const seen = new Set<string>();
	return results
		.filter((r) => typeof r.value === 'number')
		.map((r) => ({ r, k: rank(r) }))
		.sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[3]! - b.k[3]! || a.k[2]! - b.k[2]! || a.r.key.localeCompare(b.r.key))
		.map(({ r }) => r)
		.filter((r) => (seen.has(r.metric) ? false : (seen.add(r.metric), true)))
		.slice(0, max);
}
