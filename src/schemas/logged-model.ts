import { z } from 'astro/zod';
import { MetricValueSchema } from './metric-value.ts';

/** An MLflow 3 logged model, as written to `content/logged-models/<model_id>.json`. */
export const LoggedModelSchema = z.object({
	/** Model id, `m-` and 32 hex digits. */
	id: z.string().min(1),
	/** Experiment the model was logged in. */
	experimentId: z.string(),
	/** Model name, e.g. `model`. */
	name: z.string(),
	/** Run that produced the model; null when unknown. */
	sourceRunId: z.string().nullable(),
	/** `PENDING`, `READY`, `FAILED` or `UNSPECIFIED`. */
	status: z.enum(['UNSPECIFIED', 'PENDING', 'READY', 'FAILED']),
	/** Model type as logged; null when empty. */
	modelType: z.string().nullable(),
	/** Creation time, epoch milliseconds. */
	creationTime: z.number().int().nullable(),
	/** Logged-model params, keys sorted. */
	params: z.record(z.string(), z.string()),
	/** Logged-model tags, keys sorted. */
	tags: z.record(z.string(), z.string()),
	/** Latest value per metric (and dataset, when given), sorted by key then dataset. */
	metrics: z.array(
		z.object({
			key: z.string(),
			value: MetricValueSchema,
			step: z.number().int(),
			datasetName: z.string().nullable(),
			datasetDigest: z.string().nullable(),
		}),
	),
});
export type LoggedModel = z.output<typeof LoggedModelSchema>;
