import { z } from 'astro/zod';

const stringOrList = (what: string) =>
	z.union([z.string(), z.array(z.string())], {
		error: `must be ${what} or a list of them`,
	});

/** A metric value in `model-index`: a number, or a string such as `"12.3 ± 0.4"`. */
const IndexMetricValueSchema = z.union([z.number(), z.string()], {
	error: 'must be a number or a string',
});

/** One `model-index` result: a task, the dataset it was measured on and its metrics (HF spec). */
export const ModelIndexResultSchema = z
	.object({
		/** The task. @example { "type": "text-classification", "name": "Text Classification" } */
		task: z.looseObject({
			/** Task id, a Hugging Face pipeline tag. */
			type: z.string({ error: 'is required (a task id such as "text-classification")' }),
			/** Pretty name of the task. */
			name: z.string().optional(),
		}),
		/** The dataset. @example { "type": "emotion", "name": "emotion", "split": "validation" } */
		dataset: z
			.looseObject({
				/** Dataset id on the Hub, or a free id. */
				type: z.string({ error: 'is required (a dataset id)' }),
				/** Pretty name of the dataset. */
				name: z.string({ error: 'is required (a dataset name)' }),
				/** Subset (configuration) of the dataset. */
				config: z.string().optional(),
				/** Split, e.g. `test` or `validation`. */
				split: z.string().optional(),
				/** Dataset revision (commit). */
				revision: z.string().optional(),
				/** Arguments passed when loading the dataset. */
				args: z.unknown().optional(),
			})
			.optional(),
		/** Metrics measured on that dataset. */
		metrics: z.array(
			z.looseObject({
				/** Metric id. @example "accuracy" */
				type: z.string({ error: 'is required (a metric id such as "accuracy")' }),
				/** Metric value. */
				value: IndexMetricValueSchema,
				/** Pretty name. */
				name: z.string().optional(),
				/** Metric configuration, e.g. averaging. */
				config: z.string().optional(),
				/** Arguments of the metric. */
				args: z.unknown().optional(),
				/** Whether the Hub verified the value. */
				verified: z.boolean().optional(),
			}),
		),
		/** Where the result comes from. */
		source: z.looseObject({ name: z.string().optional(), url: z.string().optional() }).optional(),
	})
	.loose();
export type ModelIndexResult = z.output<typeof ModelIndexResultSchema>;

/**
 * The YAML front matter of a model card: the Hugging Face metadata fields
 * (https://github.com/huggingface/hub-docs/blob/main/modelcard.md). Known fields are checked;
 * every other field is kept as written, so a card round-trips without loss.
 */
export const ModelCardMetadataSchema = z.looseObject({
	/** Languages, ISO 639-1 codes. @example "en" | ["en", "fr"] */
	language: stringOrList('a language code').optional(),
	/** License id (SPDX-like, as on the Hub) or `other`. @example "apache-2.0" */
	license: z.string().optional(),
	/** Name of a license not in the Hub's list (with `license: other`). */
	license_name: z.string().optional(),
	/** Link to that license's text. */
	license_link: z.string().optional(),
	/** Library that loads the model. @example "sklearn" */
	library_name: z.string().optional(),
	/** Task, a Hub pipeline tag. @example "tabular-classification" */
	pipeline_tag: z.string().optional(),
	/** Free tags. */
	tags: z.array(z.string(), { error: 'must be a list of strings' }).optional(),
	/** Training datasets, Hub ids or names. */
	datasets: stringOrList('a dataset id').optional(),
	/** Metric ids the card reports. */
	metrics: z.array(z.string(), { error: 'must be a list of metric ids' }).optional(),
	/** Model(s) this one was fine-tuned or merged from. */
	base_model: stringOrList('a model id').optional(),
	/** Image shown as the card's thumbnail. */
	thumbnail: z.string().nullable().optional(),
	/** Evaluation results (Papers with Code model-index). */
	'model-index': z
		.array(
			z.looseObject({
				/** Model name. */
				name: z.string({ error: 'is required (the model name)' }),
				/** Results; may be empty. */
				results: z.array(ModelIndexResultSchema, { error: 'must be a list of results' }),
			}),
			{ error: 'must be a list of { name, results }' },
		)
		.optional(),
});
export type ModelCardMetadata = z.output<typeof ModelCardMetadataSchema>;
