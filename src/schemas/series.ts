import { z } from 'astro/zod';

/**
 * A metric history as columns, for charts (downsampled) and for download (complete).
 * Only finite values are kept; non-finite points are counted in the run's metric summary.
 */
export const SeriesSchema = z.object({
	/** Steps, ascending in MLflow's history order (timestamp, step, value). */
	step: z.array(z.number().int()),
	/** Timestamps, epoch milliseconds. */
	timestamp: z.array(z.number().int()),
	/** Values, finite. */
	value: z.array(z.number()),
});
export type Series = z.output<typeof SeriesSchema>;

/**
 * The chart histories of one run, written to `content/series/<run_id>.json` (not a collection:
 * pages read it while rendering, so histories never enter Astro's data store).
 */
export const RunSeriesSchema = z.object({
	/**
	 * Content hash of the chart series (sha256, first 32 hex digits, of this file's text without
	 * this field), written by the exporter so that chart cache keys need no hashing while pages
	 * render. Absent in history files and in series files written before mlpages 0.2.
	 */
	digest: z.string().optional(),
	/** Run id. */
	runId: z.string(),
	/** Maximum points per series used by the downsampler. */
	maxPoints: z.number().int().positive(),
	/** One series per metric key, keys sorted. */
	metrics: z.record(z.string(), SeriesSchema),
});
export type RunSeries = z.output<typeof RunSeriesSchema>;
