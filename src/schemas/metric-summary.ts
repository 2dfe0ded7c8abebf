import { z } from 'astro/zod';
import { MetricValueSchema } from './metric-value.ts';

/**
 * Exact summary of one metric of one run, computed from every point read (never from the
 * downsampled series). "Latest" follows MLflow: the point with the largest (step, timestamp, value).
 */
export const MetricSummarySchema = z.object({
	/** Latest value (MLflow's `latest_metrics` rule). May be non-finite. */
	last: MetricValueSchema,
	/** Step of the latest value. */
	lastStep: z.number().int(),
	/** Timestamp of the latest value, epoch milliseconds. */
	lastTimestamp: z.number().int(),
	/** Smallest finite value; null when no value is finite. */
	min: z.number().nullable(),
	/** Step of the first point that reaches `min`; null with `min`. */
	minStep: z.number().int().nullable(),
	/** Largest finite value; null when no value is finite. */
	max: z.number().nullable(),
	/** Step of the first point that reaches `max`; null with `max`. */
	maxStep: z.number().int().nullable(),
	/** Number of distinct points (exact duplicates of (step, timestamp, value) count once). */
	count: z.number().int().nonnegative(),
	/** Number of points whose value is NaN or infinite. */
	nonFiniteCount: z.number().int().nonnegative(),
	/** First and last step, for the x domain of charts. */
	firstStep: z.number().int(),
});
export type MetricSummary = z.output<typeof MetricSummarySchema>;
