import { z } from 'astro/zod';
import { MetricSummarySchema } from './metric-summary.ts';

/** Run statuses, as MLflow names them (file-store integers and GitLab's values are mapped). */
export const RunStatusSchema = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
export type RunStatus = z.output<typeof RunStatusSchema>;

/** A dataset a run used, from MLflow's dataset tracking (MLflow >= 2.4). */
export const RunInputSchema = z.object({
	/** Id of the dataset entity in `content/datasets/` (md5 of name + digest, as MLflow's file store). */
	datasetId: z.string(),
	/** Dataset name. */
	name: z.string(),
	/** Dataset digest as logged. */
	digest: z.string(),
	/** `mlflow.data.context` input tag (`train`, `eval`, ...); null when not given. */
	context: z.string().nullable(),
});
export type RunInput = z.output<typeof RunInputSchema>;

/** One file of a run's artifacts that the exporter could see. */
export const ArtifactSchema = z.object({
	/** Path relative to the run's artifact root, `/`-separated. @example "plots/confusion_matrix.png" */
	path: z.string(),
	/** Size in bytes. */
	size: z.number().int().nonnegative(),
});
export type Artifact = z.output<typeof ArtifactSchema>;

/** One MLflow run, as written to `content/runs/<run_id>.json`. */
export const RunSchema = z.object({
	/** MLflow run id (32 hex, or a GitLab UUID with dashes). */
	id: z.string().min(1),
	/** Id of the experiment the run belongs to. */
	experimentId: z.string().min(1),
	/** Run name (`run_name`, else tag `mlflow.runName`); null when neither exists. */
	name: z.string().nullable(),
	/** Run status. */
	status: RunStatusSchema,
	/** `active` or `deleted`. */
	lifecycleStage: z.enum(['active', 'deleted']),
	/** Start, epoch milliseconds; null when unknown. */
	startTime: z.number().int().nullable(),
	/** End, epoch milliseconds; null while running or when the process died. */
	endTime: z.number().int().nullable(),
	/** User who created the run (`user_id`, else tag `mlflow.user`); null when unknown. */
	user: z.string().nullable(),
	/** Parent run id from tag `mlflow.parentRunId`; null for top-level runs. */
	parentRunId: z.string().nullable(),
	/** Markdown note from tag `mlflow.note.content`; null when absent. */
	description: z.string().nullable(),
	/** Params, keys sorted. Values are verbatim (may be empty or multi-line). */
	params: z.record(z.string(), z.string()),
	/** Tags, keys sorted, system tags (`mlflow.*`) included. */
	tags: z.record(z.string(), z.string()),
	/** Exact per-metric summaries, keys sorted. */
	metrics: z.record(z.string(), MetricSummarySchema),
	/** Datasets used as inputs, sorted by name then digest. */
	inputs: z.array(RunInputSchema),
	/** Ids of MLflow 3 logged models this run produced, sorted. */
	loggedModelIds: z.array(z.string()),
	/** Artifact files found next to the store, sorted by path; empty when they are remote. */
	artifacts: z.array(ArtifactSchema),
});
export type Run = z.output<typeof RunSchema>;
