import { z } from 'astro/zod';

/**
 * A metric value as it is stored in the snapshot. JSON has no NaN or infinities, so non-finite
 * values are the strings MLflow's REST API uses for them (protobuf JSON mapping).
 * @example 0.913 | "NaN" | "Infinity" | "-Infinity"
 */
export const MetricValueSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
export type MetricValue = z.output<typeof MetricValueSchema>;

/** Turns a JavaScript number into its snapshot form; `-0` becomes `0`. */
export function toMetricValue(value: number): MetricValue {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '-Infinity';
	return value === 0 ? 0 : value;
}

/** Turns a snapshot metric value back into a JavaScript number. */
export function fromMetricValue(value: MetricValue): number {
	if (value === 'NaN') return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	return value;
}
