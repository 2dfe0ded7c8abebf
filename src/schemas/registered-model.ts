import { z } from 'astro/zod';

/** A registered model of the MLflow model registry, as written to `content/models/<slug>.json`. */
export const RegisteredModelSchema = z.object({
	/** Registered model name as in the registry. */
	name: z.string().min(1),
	/** URL segment of `/models/<slug>/`: derived from the name, unique within the snapshot. */
	slug: z.string().min(1),
	/** Creation time, epoch milliseconds; null when unknown. */
	creationTime: z.number().int().nullable(),
	/** Last update time, epoch milliseconds; null when unknown. */
	lastUpdatedTime: z.number().int().nullable(),
	/** Markdown description; null when empty. Rendered sanitised. */
	description: z.string().nullable(),
	/** Registered-model tags, keys sorted. */
	tags: z.record(z.string(), z.string()),
	/** Aliases to version, keys sorted. @example { "champion": "3" } */
	aliases: z.record(z.string(), z.string()),
	/** Versions that exist (deleted ones left out), sorted as numbers. */
	versions: z.array(z.string()),
});
export type RegisteredModel = z.output<typeof RegisteredModelSchema>;
