import { z } from 'astro/zod';

/** Version of the snapshot layout; bump it when a reader of the snapshot must change. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Kinds of MLflow source the exporter reads. */
export const SourceKindSchema = z.enum(['sqlite', 'file', 'rest', 'gitlab']);
export type SourceKind = z.output<typeof SourceKindSchema>;

/** What the export left out, grouped by kind of record and reason. */
export const SkippedSchema = z.object({
	/** Kind of record. */
	kind: z.enum([
		'experiment',
		'run',
		'metricPoint',
		'registeredModel',
		'modelVersion',
		'loggedModel',
		'dataset',
		'value',
	]),
	/** Why it was left out. */
	reason: z.enum(['deleted', 'filtered', 'redacted', 'invalid', 'duplicate', 'prompt', 'limit']),
	/** How many records. */
	count: z.number().int().nonnegative(),
	/** Ids or keys of the records (sorted, at most 100; `count` is exact). */
	ids: z.array(z.string()),
});
export type Skipped = z.output<typeof SkippedSchema>;

/** `content/manifest.json`, written last: its presence means the snapshot is complete. */
export const ManifestSchema = z.object({
	/** Snapshot layout version (SNAPSHOT_SCHEMA_VERSION). */
	schemaVersion: z.number().int(),
	/** Where the data came from; credentials are never written. */
	source: z.object({
		kind: SourceKindSchema,
		/**
		 * What the site shows: the kind and the store's file or folder name, or the server's host
		 * (src/export/source-label.ts). Absent from snapshots of older versions, which had `uri` only.
		 * @example "sqlite · mlflow.db"
		 */
		label: z.string().optional(),
		/**
		 * Tracking URI or path (relative to the working directory), credentials removed; written
		 * only with the configuration's `publishSourceUri`.
		 */
		uri: z.string().optional(),
	}),
	/**
	 * Every source of a site with several (config `sources`), in configuration order; `source` is
	 * then the first of them. Absent with a single source.
	 */
	sources: z
		.array(
			z.object({
				/** Namespace: prefixes the slugs of the source's experiments and models. */
				name: z.string(),
				kind: SourceKindSchema,
				/** As `source.label`. */
				label: z.string().optional(),
				/** As `source.uri`: only with `publishSourceUri`. */
				uri: z.string().optional(),
			}),
		)
		.optional(),
	/** What was exported. */
	counts: z.object({
		experiments: z.number().int().nonnegative(),
		runs: z.number().int().nonnegative(),
		/** Metric series (one per run and key). */
		metricSeries: z.number().int().nonnegative(),
		/** Distinct metric points read (exact duplicates of one run count once). */
		metricPoints: z.number().int().nonnegative(),
		params: z.number().int().nonnegative(),
		tags: z.number().int().nonnegative(),
		registeredModels: z.number().int().nonnegative(),
		modelVersions: z.number().int().nonnegative(),
		loggedModels: z.number().int().nonnegative(),
		datasets: z.number().int().nonnegative(),
	}),
	/** Newest timestamp found in the data (run end or metric time), epoch milliseconds. */
	dataThrough: z.number().int().nullable(),
	/** What was left out and why, sorted by kind then reason. */
	skipped: z.array(SkippedSchema),
	/** Warnings, in the order they arose (each from `src/messages.ts`). */
	warnings: z.array(z.string()),
});
export type Manifest = z.output<typeof ManifestSchema>;
