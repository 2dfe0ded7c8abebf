import { z } from 'astro/zod';

/** A dataset logged with `mlflow.log_input`, as written to `content/datasets/<id>.json`. */
export const DatasetSchema = z.object({
	/** md5 hex of name + digest (the id MLflow's file store uses). */
	id: z.string(),
	/** Experiment the dataset was logged in. */
	experimentId: z.string(),
	/** Dataset name. */
	name: z.string(),
	/** Content digest as logged (at most 36 characters). */
	digest: z.string(),
	/** Source type, e.g. `local`, `http`, `code`, `hugging_face`. */
	sourceType: z.string(),
	/** Source description, MLflow's JSON string, verbatim. */
	source: z.string(),
	/** Schema, MLflow's JSON string; null when not logged. */
	schema: z.string().nullable(),
	/** Profile (row counts and the like), MLflow's JSON string; null when not logged. */
	profile: z.string().nullable(),
});
export type Dataset = z.output<typeof DatasetSchema>;
