import { z } from 'astro/zod';
import { decodeColumn } from '../lib/series-columns.ts';

/** A step or timestamp column as written: integers, or `{start, delta}` / `{start, deltas}` (src/lib/series-columns.ts). */
const EncodedColumnSchema = z.union([
	z.array(z.number().int()),
	z.object({ start: z.number().int(), delta: z.number().int() }).strict(),
	z.object({ start: z.number().int(), deltas: z.array(z.number().int()) }).strict(),
]);

/**
 * A metric history as columns, for charts (downsampled) and for download (complete).
 * Only finite values are kept; non-finite points are counted in the run's metric summary.
 * Parsed, the step and timestamp columns are integer arrays, whichever form the file wrote.
 */
export const SeriesSchema = z
	.object({
		/** Steps, ascending in MLflow's history order (timestamp, step, value). */
		step: EncodedColumnSchema,
		/** Timestamps, epoch milliseconds. */
		timestamp: EncodedColumnSchema,
		/** Values, finite. */
		value: z.array(z.number()),
	})
	.transform((s, ctx) => {
		// Plain columns are taken as they are, as before 0.3 (their lengths are not compared).
		if (Array.isArray(s.step) && Array.isArray(s.timestamp)) return { step: s.step, timestamp: s.timestamp, value: s.value };
		const step = decodeColumn(s.step, s.value.length);
		const timestamp = decodeColumn(s.timestamp, s.value.length);
		if (!step || !timestamp) {
			ctx.addIssue({ code: 'custom', path: [step ? 'timestamp' : 'step'], message: 'does not decode to one safe integer per value' });
			return z.NEVER;
		}
		return { step, timestamp, value: s.value };
	});
export type Series = z.output<typeof SeriesSchema>;
/** A series as a file holds it, step and timestamp columns maybe encoded. */
export type SeriesFile = z.input<typeof SeriesSchema>;

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
/** A series or history file as written, before its columns are decoded. */
export type RunSeriesFile = z.input<typeof RunSeriesSchema>;
