import { z } from 'astro/zod';
import { RunStatusSchema } from './run.ts';

/**
 * What a shell-rendered run page shows of one run (`runPages: 'shell'`): the facts, texts and
 * tables of the static run page, decided at build time (names formatted, description rendered
 * and sanitised, links resolved, artifacts checked) so the browser only lays them out. Compact:
 * tables are arrays of rows, absent parts are left out rather than `null`, and nothing the
 * browser can derive is stored (where the run's series is follows from its id: the series shard
 * beside this one, src/lib/series-shard.ts). Built by
 * src/lib/run-shell-record.ts, read by src/client/run-shell-page.ts.
 */
export const RunShellRecordSchema = z.object({
	/** Run name as shown (formatRunName). */
	name: z.string(),
	status: RunStatusSchema,
	/** Start and end, epoch milliseconds; absent when unknown. */
	start: z.number().int().optional(),
	end: z.number().int().optional(),
	/** MLflow user; absent when unknown. */
	user: z.string().optional(),
	/** Experiment name and slug; `experimentId` alone when the experiment is not in the snapshot. */
	experiment: z.tuple([z.string(), z.string()]).optional(),
	experimentId: z.string(),
	/** `mlflow.source.name`, and the commit when no link shows it. */
	source: z.string().optional(),
	commit: z.string().optional(),
	/** Source links (sourceLinks): label, URL, text. */
	links: z.array(z.tuple([z.string(), z.string(), z.string()])).optional(),
	/** Parent run: id, and its name when the parent is in the snapshot. */
	parent: z.union([z.tuple([z.string()]), z.tuple([z.string(), z.string()])]).optional(),
	/** Child runs, oldest first: id and name. */
	children: z.array(z.tuple([z.string(), z.string()])).optional(),
	/** The description as HTML from renderMarkdown (sanitised at build time). */
	description: z.string().optional(),
	/**
	 * Metrics by key: last, min and max as the page shows them (formatMetric: 4 significant
	 * digits, a third of the bytes of the full values), step of the best value (by the metric's
	 * direction), points, non-finite points, step of the last value, and `l`/`h` for lower or
	 * higher is better.
	 */
	metrics: z
		.array(
			z.tuple([
				z.string(),
				z.string(),
				z.string(),
				z.string(),
				z.number().nullable(),
				z.number().int(),
				z.number().int(),
				z.number().int(),
				z.enum(['l', 'h']),
			]),
		)
		.optional(),
	/** The experiment's primary metric, whose chart comes first. */
	primary: z.string().optional(),
	/** Params and tags, sorted by key. */
	params: z.array(z.tuple([z.string(), z.string()])).optional(),
	tags: z.array(z.tuple([z.string(), z.string()])).optional(),
	/** Dataset inputs: name, digest, context, source type. */
	datasets: z.array(z.tuple([z.string(), z.string(), z.string().nullable(), z.string().nullable()])).optional(),
	/**
	 * Artifacts as the static page lists them: path, size, kind, and where present the published
	 * file and thumbnail (paths below `runs/<id>/`), why it is not published, a text preview.
	 */
	artifacts: z
		.array(
			z.object({
				path: z.string(),
				size: z.number().int(),
				kind: z.enum(['image', 'text', 'download-only', 'file']),
				served: z.string().optional(),
				notPublished: z.string().optional(),
				thumbnail: z.tuple([z.string(), z.number().int(), z.number().int()]).optional(),
				preview: z.string().optional(),
				truncated: z.literal(true).optional(),
			}),
		)
		.optional(),
	/** Model versions made from the run: model slug, version, model name. */
	models: z.array(z.tuple([z.string(), z.string(), z.string()])).optional(),
	/**
	 * The full history JSON, relative to the base, or `series` when it is the run's series (no
	 * metric was downsampled: the page's download is made from the series it already loaded).
	 */
	history: z.string().optional(),
});
export type RunShellRecord = z.output<typeof RunShellRecordSchema>;

/** One data shard, `runs/_data/<key>.json`: the runs whose id hashes to its key (run-data-shard.ts). */
export const RunShardSchema = z.object({
	/** Format version (RUN_SHARD_VERSION). */
	v: z.literal(1),
	/** Records by run id. */
	runs: z.record(z.string(), RunShellRecordSchema),
});
export type RunShard = z.output<typeof RunShardSchema>;
