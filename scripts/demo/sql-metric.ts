import type { DemoMetric } from './store-model.ts';

/** The largest double: MLflow's SQL store writes +Infinity as this value and -Infinity as its negative. */
const FLOAT_MAX = 1.7976931348623157e308;

/** A metric value as MLflow's SQL store stores it (`sanitize_metric_value`): `[value, is_nan]`. */
export function sqlMetricValue(value: number): [number, 0 | 1] {
	if (Number.isNaN(value)) return [0, 1];
	if (value === Number.POSITIVE_INFINITY) return [FLOAT_MAX, 0];
	if (value === Number.NEGATIVE_INFINITY) return [-FLOAT_MAX, 0];
	return [value, 0];
}

/**
 * The row MLflow keeps in `latest_metrics` for one key: the largest `(step, timestamp, value)`
 * tuple, compared on the stored (sanitised) value.
 */
export function latestMetric(points: DemoMetric[]): DemoMetric | undefined {
	let latest: DemoMetric | undefined;
	for (const point of points) {
		if (latest === undefined) {
			latest = point;
			continue;
		}
		const a = [point.step, point.timestamp, sqlMetricValue(point.value)[0]];
		const b = [latest.step, latest.timestamp, sqlMetricValue(latest.value)[0]];
		const greater =
			a[0] !== b[0]
				? (a[0] ?? 0) > (b[0] ?? 0)
				: a[1] !== b[1]
					? (a[1] ?? 0) > (b[1] ?? 0)
					: (a[2] ?? 0) > (b[2] ?? 0);
		if (greater) latest = point;
	}
	return latest;
}
