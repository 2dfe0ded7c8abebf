import { z } from 'astro/zod';

/** One version of a registered model, as written to `content/model-versions/<slug>/<version>.json`. */
export const ModelVersionSchema = z.object({
	/** Registered model name. */
	name: z.string().min(1),
	/** Slug of the registered model (see RegisteredModelSchema.slug). */
	modelSlug: z.string().min(1),
	/** Version as a string: an integer in MLflow, a SemVer in GitLab. @example "3" */
	version: z.string().min(1),
	/** Creation time, epoch milliseconds (GitLab's seconds are converted); null when unknown. */
	creationTime: z.number().int().nullable(),
	/** Last update time, epoch milliseconds; null when unknown. */
	lastUpdatedTime: z.number().int().nullable(),
	/** Markdown description; null when empty. Rendered sanitised. */
	description: z.string().nullable(),
	/** User who registered the version; null when unknown. */
	user: z.string().nullable(),
	/** Legacy stage: `None`, `Staging`, `Production`, `Archived` (GitLab: `development`). */
	stage: z.string(),
	/** Registration status: `READY`, `PENDING_REGISTRATION`, `FAILED_REGISTRATION`. */
	status: z.string(),
	/** Model source URI as registered, credentials removed. @example "runs:/3f2a…/model" */
	source: z.string().nullable(),
	/** Source run id; null when the version is not linked to a run. */
	runId: z.string().nullable(),
	/** MLflow 3 logged model id (from `models:/m-…` sources); null otherwise. */
	loggedModelId: z.string().nullable(),
	/** Aliases pointing to this version, sorted. */
	aliases: z.array(z.string()),
	/** Model-version tags, keys sorted. */
	tags: z.record(z.string(), z.string()),
});
export type ModelVersion = z.output<typeof ModelVersionSchema>;
