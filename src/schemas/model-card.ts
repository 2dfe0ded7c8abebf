import { z } from 'astro/zod';

/**
 * One evaluation result as a flat record: what feeds the card's metrics table and chart, the
 * `model-index` of the Hugging Face README and `model-card.json`.
 */
export const EvalResultSchema = z.object({
	/** Task id (a Hugging Face pipeline tag when people gave one); null when not documented. */
	task: z.string().nullable(),
	/** Name of the dataset the value was measured on; null when not documented. */
	dataset: z.string().nullable(),
	/** Metric id, the logged key without its split prefix. @example "accuracy" */
	metric: z.string(),
	/** The value: a finite number from the run, or what people wrote in `model-index`. */
	value: z.union([z.number(), z.string()]),
	/** Split, when the metric key or the card says it (`train`, `validation`, `test`, `eval`); null otherwise. */
	split: z.string().nullable(),
	/** The metric as logged or named by people. @example "test_accuracy" */
	key: z.string(),
	/** Where the value comes from: the source run, its logged model, or the people-written card. */
	source: z.enum(['run', 'logged-model', 'card']),
});
export type EvalResult = z.output<typeof EvalResultSchema>;

/** One column (or tensor) of an MLflow model signature. */
export const SignatureColumnSchema = z.object({
	/** Column name; null for unnamed tensors. */
	name: z.string().nullable(),
	/** Type as MLflow writes it; tensors read `tensor <dtype> [shape]`. @example "double" */
	type: z.string(),
	/** Whether the column is required; null when the signature does not say. */
	required: z.boolean().nullable(),
});
export type SignatureColumn = z.output<typeof SignatureColumnSchema>;

const PartSchema = z.object({ heading: z.string(), markdown: z.string() });

/** A model card as built from the snapshot and the people-written file, written as `model-card.json`. */
export const ModelCardSchema = z.object({
	/** Layout version of this object. */
	schemaVersion: z.literal(1),
	/** Registered model name. */
	name: z.string(),
	/** Model slug, the URL segment. */
	slug: z.string(),
	/** Model version. */
	version: z.string(),
	/** Permanent path of the card below the site's base. @example "models/iris-classifier/3/" */
	path: z.string(),
	/** Aliases that pointed to this version at export time (they move; the path does not). */
	aliases: z.array(z.string()),
	/** Legacy stage and registration status. */
	stage: z.string(),
	status: z.string(),
	/** Model-version tags. */
	tags: z.record(z.string(), z.string()),
	/** Who registered the version (else who ran the source run); null when unknown. */
	owner: z.string().nullable(),
	/** Creation time of the version, epoch milliseconds; null when unknown. */
	created: z.number().nullable(),
	/** License id from the card or a `license` tag; null when not documented. */
	license: z.string().nullable(),
	/** Markdown descriptions from the registry (model, then version), unsanitised; render sanitised. */
	modelDescription: z.string().nullable(),
	versionDescription: z.string().nullable(),
	/** From the MLmodel file (or the run's log-model history); nulls when unknown. */
	framework: z.object({
		/** Flavors, `python_function` last. @example ["sklearn", "python_function"] */
		flavors: z.array(z.string()),
		/** Library and version of the main flavor. @example "sklearn 1.5.2" */
		library: z.string().nullable(),
		/** MLflow version that logged the model. */
		mlflowVersion: z.string().nullable(),
	}),
	/** Input and output signature; null when none was logged. */
	signature: z
		.object({
			inputs: z.array(SignatureColumnSchema).nullable(),
			outputs: z.array(SignatureColumnSchema).nullable(),
		})
		.nullable(),
	/** Hugging Face metadata written by people, verbatim. */
	metadata: z.record(z.string(), z.unknown()),
	/** Text people wrote before the first section heading. */
	intro: z.string().nullable(),
	/** People-written parts per section id (see card-sections.ts); empty when none. */
	sections: z.record(z.string(), z.array(PartSchema)),
	/** People-written sections the card has no place for (Citation, ...), in written order. */
	extraSections: z.array(PartSchema),
	/** Evaluation results, sorted by source, split, dataset, metric. */
	evalResults: z.array(EvalResultSchema),
	/** Up to three headline results for previews. */
	keyMetrics: z.array(EvalResultSchema),
	/** Datasets the source run used. */
	datasets: z.array(
		z.object({
			name: z.string(),
			digest: z.string(),
			/** `train`, `eval`, ... as logged; null when not given. */
			context: z.string().nullable(),
			sourceType: z.string().nullable(),
			/** Source URI or path when the source JSON names one. */
			source: z.string().nullable(),
			/** Row count from the profile; null when unknown. */
			rows: z.number().nullable(),
		}),
	),
	/** Model version → source run → experiment → git commit → CI job and merge request. */
	lineage: z.object({
		source: z.string().nullable(),
		loggedModelId: z.string().nullable(),
		run: z
			.object({ id: z.string(), name: z.string().nullable(), status: z.string(), startTime: z.number().nullable() })
			.nullable(),
		experiment: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
		git: z
			.object({
				commit: z.string(),
				branch: z.string().nullable(),
				repoUrl: z.string().nullable(),
				commitUrl: z.string().nullable(),
				dirty: z.boolean().nullable(),
			})
			.nullable(),
		ci: z
			.object({
				jobId: z.string().nullable(),
				jobUrl: z.string().nullable(),
				pipelineId: z.string().nullable(),
				pipelineUrl: z.string().nullable(),
				mergeRequestIid: z.string().nullable(),
				mergeRequestUrl: z.string().nullable(),
			})
			.nullable(),
	}),
	/** Image artifacts of the source run (confusion matrix, ROC curve), paths in `content/artifacts/<runId>/`. */
	images: z.array(z.object({ runId: z.string(), path: z.string() })),
});
export type ModelCard = z.output<typeof ModelCardSchema>;
