import type { TopLevelSpec } from 'vega-lite';
import type { Series } from '../schemas/series.ts';
import { axisFormat } from './axis-format.ts';
import { CHART_COLORS, chartConfig } from './palette.ts';

/** Options of metricHistorySpec. */
export interface MetricHistoryOptions {
	/** Metric key; shown as the y-axis title, never used as a field name. */
	metric: string;
	/** The (downsampled) history to draw; only finite values are in it. */
	series: Pick<Series, 'step' | 'value'>;
	/** Width of the whole chart in pixels, axes included (so charts side by side scale alike). @default 480 */
	width?: number;
	/** Height of the whole chart in pixels, axes included. @default 220 */
	height?: number;
	/** Line colour. @default the first palette colour */
	color?: string;
}

/**
 * The Vega-Lite spec of one metric's history in one run: value against step. Data goes into
 * `data.values` as `{ step, value }` rows, so field names are fixed whatever the metric is
 * called. Points are drawn when there are few of them, so a short history stays visible.
 */
export function metricHistorySpec(options: MetricHistoryOptions): TopLevelSpec {
	const { metric, series, width = 480, height = 220, color = CHART_COLORS[0] } = options;
	const values = series.step.map((step, i) => ({ step, value: series.value[i] }));
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		width,
		height,
		autosize: { type: 'fit', contains: 'padding' },
		config: chartConfig,
		data: { values },
		mark: { type: 'line', color, point: values.length <= 30 ? { color } : false },
		encoding: {
			x: { field: 'step', type: 'quantitative', title: 'step', axis: axisFormat(series.step) },
			y: {
				field: 'value',
				type: 'quantitative',
				title: metric,
				scale: { zero: false },
				axis: axisFormat(series.value),
			},
		},
	};
}

/** What the x axis of a run page chart shows. */
export type RunChartX = 'step' | 'time' | 'relative';

/** Options of runMetricSpec. */
export interface RunMetricOptions {
	/** Metric key; a title and text only, never a field name. */
	metric: string;
	/** The downsampled history (≤ maxPoints points). */
	series: Pick<Series, 'step' | 'timestamp' | 'value'>;
	/** @default 'step' (the build-time SVG always uses step) */
	x?: RunChartX;
	/** Exponential smoothing weight in [0, 1), debiased like TensorBoard. @default 0 */
	smoothing?: number;
	/** Log-scaled y axis; non-positive values are then left out. @default false */
	logY?: boolean;
	/** @default 480 */
	width?: number;
	/** @default 200 */
	height?: number;
	/** `runMetricColumns(series)` when the caller has it already (it is the costly part). */
	columns?: RunMetricColumns;
}

/** Significant digits kept of a value in a chart's data (the metrics table shows exact values). */
const CHART_DIGITS = 7;

/** The columns a run page chart carries, read back by the page script to redraw it. */
export interface RunMetricColumns {
	/** Steps. */
	s: number[];
	/** Milliseconds since `t0`. */
	t: number[];
	/** Values, rounded to 7 significant digits. */
	v: number[];
	/** Timestamp of the first point, epoch ms. */
	t0: number;
}

/** The compact columns of a series: time as offsets from the first point, values to 7 digits. */
export function runMetricColumns(series: Pick<Series, 'step' | 'timestamp' | 'value'>): RunMetricColumns {
	const t0 = series.timestamp[0] ?? 0;
	return {
		s: [...series.step],
		t: series.timestamp.map((t) => t - t0),
		v: series.value.map((v) => Number(v.toPrecision(CHART_DIGITS))),
		t0,
	};
}

/**
 * The chart of one metric on a run page. Data is one row of columns (`s`, `t`, `v`, and `m` for
 * the smoothed values), flattened by Vega-Lite: about half the bytes of `{ step, value }` rows,
 * and the page script can read the columns back from the chart's data island to redraw it with
 * another x axis, smoothing or scale (see src/client/run-page.ts). With smoothing, the raw
 * line is drawn faintly under the smoothed one. Field names are fixed; the metric key is only
 * a title.
 */
export function runMetricSpec(options: RunMetricOptions): TopLevelSpec {
	const { metric, series, x = 'step', smoothing = 0, logY = false, width = 480, height = 200 } = options;
	const columns = options.columns ?? runMetricColumns(series);
	// Without a log scale every point is kept (the build-time SVG of every run chart).
	const keep = logY ? columns.v.flatMap((v, i) => (v > 0 ? [i] : [])) : null;
	const pick = <T,>(list: T[]) => (keep ? keep.map((i) => list[i]!) : list.slice());
	const row: Record<string, number[]> = { s: pick(columns.s), t: pick(columns.t), v: pick(columns.v) };
	const smooth = smoothing > 0 && smoothing < 1;
	if (smooth) row['m'] = emaColumn(row['v']!, smoothing).map((v) => Number(v.toPrecision(CHART_DIGITS)));
	const fields = smooth ? ['s', 't', 'v', 'm'] : ['s', 't', 'v'];
	const xField = x === 'step' ? 's' : 'x';
	const calculate =
		x === 'time' ? `datum.t + ${columns.t0}` : x === 'relative' ? 'datum.t / 1000' : null;
	const xTitle = { step: 'step', time: 'time (UTC)', relative: 'seconds since the first point' }[x];
	const xEncoding = {
		field: xField,
		type: x === 'time' ? ('temporal' as const) : ('quantitative' as const),
		title: xTitle,
		...(x === 'time' ? { scale: { type: 'utc' as const }, axis: { format: '%H:%M' } } : { axis: axisFormat(x === 'step' ? row['s']! : row['t']!.map((t) => t / 1000)) }),
	};
	const yAxis = axisFormat(row['v']!);
	const yScale = logY ? { type: 'log' as const } : { zero: false };
	const point = row['v']!.length <= 30;
	const line = (field: string, extra: Record<string, unknown>) => ({
		mark: { type: 'line' as const, color: CHART_COLORS[0], ...extra },
		encoding: {
			x: xEncoding,
			y: { field, type: 'quantitative' as const, title: metric, scale: yScale, axis: yAxis },
			tooltip: [
				{ field: 's', type: 'quantitative' as const, title: 'step' },
				{ field, type: 'quantitative' as const, title: metric, format: '~g' },
			],
		},
	});
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		width,
		height,
		autosize: { type: 'fit', contains: 'padding' },
		config: chartConfig,
		data: { values: [row] },
		transform: [
			{ flatten: fields },
			...(calculate ? [{ calculate, as: 'x' }] : []),
		],
		layer: smooth
			? [line('v', { opacity: 0.3 }), line('m', { point: false })]
			: // Points without ARIA labels: one label per point was 40 % of a short chart's SVG, and
				// the figure's description and key-points table say the same.
				[line('v', { point: point ? { color: CHART_COLORS[0], aria: false } : false })],
	} as TopLevelSpec;
}

/** Debiased exponential moving average (TensorBoard's smoothing); weight in (0, 1). */
export function emaColumn(values: readonly number[], weight: number): number[] {
	const w = Math.min(Math.max(weight, 0), 0.999);
	let last = 0;
	return values.map((v, i) => {
		last = last * w + (1 - w) * v;
		return last / (1 - w ** (i + 1));
	});
}
