import { z } from 'astro/zod';
import { RunSchema, RunStatusSchema, type Run } from './run.ts';

/**
 * What the `runs` content collection holds for each run: the fields that list pages, links and
 * route lists need, nothing per param, tag or metric value. A build keeps every run's summary in
 * memory (Astro's data store, bundled into the server code), so it stays a few hundred bytes; a
 * page that needs a run's params, metrics, tags or artifacts reads the run's own file
 * (`readRun` in src/lib/site-data.ts), validated with RunSchema.
 */
export const RunSummarySchema = z.object({
	/** MLflow run id. */
	id: z.string().min(1),
	/** Id of the experiment the run belongs to. */
	experimentId: z.string().min(1),
	/** Run name; null when it has none. */
	name: z.string().nullable(),
	/** Run status. */
	status: RunStatusSchema,
	/** Start, epoch milliseconds; null when unknown. */
	startTime: z.number().int().nullable(),
	/** End, epoch milliseconds; null while running or when unknown. */
	endTime: z.number().int().nullable(),
	/** Parent run id; null for top-level runs. */
	parentRunId: z.string().nullable(),
	/** Metric keys the run logged, sorted: enough to guess an experiment's primary metric. */
	metricKeys: z.array(z.string()),
	/** Number of artifact files the exporter listed; 0 when none (the artifact routes skip the run). */
	artifactCount: z.number().int().nonnegative(),
});
export type RunSummary = z.output<typeof RunSummarySchema>;

/** The summary of a validated run. */
export function runSummary(run: Run): RunSummary {
	return {
		id: run.id,
		experimentId: run.experimentId,
		name: run.name,
		status: run.status,
		startTime: run.startTime,
		endTime: run.endTime,
		parentRunId: run.parentRunId,
		metricKeys: Object.keys(run.metrics),
		artifactCount: run.artifacts.length,
	};
}

/**
 * The collection schema of `runs`: a run file is validated whole with RunSchema (so a malformed
 * file fails content sync, naming the file, as before) and stored as its summary.
 */
export const RunEntrySchema = RunSchema.transform(runSummary);
