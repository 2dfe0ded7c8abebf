import type { EvalResult, ModelCard } from '../schemas/model-card.ts';
import type { ModelIndexResult } from '../schemas/model-card-metadata.ts';
import { isTrainingState } from './training-state.ts';

/**
 * Task id written when nothing says what the task is: the Hugging Face spec requires one, and
 * `other` is the Hub's own word for "not one of the listed tasks" rather than a guess.
 */
export const UNKNOWN_TASK = 'other';
/** Dataset id and name written when the dataset of a metric is not documented. */
export const UNKNOWN_DATASET = 'unknown';

/**
 * The Hugging Face `model-index` of a card: one result per (task, dataset, split) of the
 * metrics measured by the source run and its logged model, each metric with `type` (the metric
 * id), `value` and `name` (the key as logged), followed by the results people wrote, verbatim.
 * Settings and counters logged as metrics (`learning_rate`, `epochs_completed`: isTrainingState)
 * are no evaluation results and stay out.
 */
export function modelIndex(card: ModelCard): { name: string; results: ModelIndexResult[] }[] {
	const written = (card.metadata['model-index'] as { name?: string; results?: ModelIndexResult[] }[] | undefined) ?? [];
	const groups = new Map<string, EvalResult[]>();
	for (const r of card.evalResults) {
		if (r.source === 'card' || isTrainingState(r.key)) continue;
		const key = JSON.stringify([r.task, r.dataset, r.split]);
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	const results: ModelIndexResult[] = [...groups.values()].map((rs) => {
		const { task, dataset, split } = rs[0]!;
		return {
			task: { type: task ?? UNKNOWN_TASK },
			dataset: {
				type: dataset ?? UNKNOWN_DATASET,
				name: dataset ?? UNKNOWN_DATASET,
				...(split ? { split } : {}),
			},
			metrics: rs.map((r) => ({ type: r.metric, value: r.value, name: r.key })),
		};
	});
	results.push(...written.flatMap((entry) => entry.results ?? []));
	return [{ name: written[0]?.name ?? card.name, results }];
}
