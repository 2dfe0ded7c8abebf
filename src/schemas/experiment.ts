import { z } from 'astro/zod';

/** One MLflow experiment, as written to `content/experiments/<id>.json`. */
export const ExperimentSchema = z.object({
	/** MLflow experiment id, always a string: file-store ids are 18 digits, above 2^53. */
	id: z.string().min(1),
	/** URL segment of `/experiments/<slug>/`: derived from the name, unique within the snapshot. */
	slug: z.string().min(1),
	/** Experiment name as logged. */
	name: z.string(),
	/** `active` or `deleted` (deleted experiments are exported only when configured). */
	lifecycleStage: z.enum(['active', 'deleted']),
	/** Creation time, epoch milliseconds; null in stores older than MLflow ~1.29. */
	creationTime: z.number().int().nullable(),
	/** Last update time, epoch milliseconds; null when the store does not record it. */
	lastUpdateTime: z.number().int().nullable(),
	/** Markdown description from the experiment tag `mlflow.note.content`; null when absent. */
	description: z.string().nullable(),
	/** Experiment tags, keys sorted, `mlflow.note.content` included. */
	tags: z.record(z.string(), z.string()),
	/** Number of exported runs in this experiment. */
	runCount: z.number().int().nonnegative(),
});
export type Experiment = z.output<typeof ExperimentSchema>;
