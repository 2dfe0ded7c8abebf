import type { TopLevelSpec } from 'vega-lite';
import { chartConfig } from './palette.ts';
import { axisFormat } from './axis-format.ts';
import { legendTitle, shortLegendLabels } from './legend-labels.ts';
import { LEGEND_FOCUS, roundForTable, seriesLegend, SERIES_COLORS, VL_SCHEMA } from './experiment-common.ts';

/** What the x axis shows: the step, the wall-clock time, or the time since the run's first point. */
export type XAxisMode = 'step' | 'time' | 'relative';

/** One compared run's history of the metric. */
export interface CompareSeries {
	/** Unique legend label. */
	label: string;
	/**
	 * The metric of this history when the chart holds several (`train_loss` and `val_loss` of
	 * each run): its line is dashed by metric, coloured by run. Absent on a one-metric chart.
	 */
	metric?: string;
	step: readonly number[];
	timestamp: readonly number[];
	value: readonly number[];
}

/** Options of compareHistorySpec. */
export interface CompareHistoryOptions {
	/** The chart's title and y axis title: the metric, or the metrics it holds (`train_loss vs val_loss`). */
	metric: string;
	/** @default 'step' */
	x?: XAxisMode;
	/** Log-scaled y axis; non-positive values are then left out. @default false */
	logY?: boolean;
	/** Exponential smoothing weight in [0, 1), TensorBoard style (debiased). @default 0 */
	smoothing?: number;
	width?: number;
	height?: number;
}

/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not pulled
 * towards 0). `weight` 0 returns the values unchanged; non-finite values pass through unsmoothed.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
	if (!(weight > 0)) return [...values];
	const w = Math.min(weight, 0.999);
	let last = 0;
	let n = 0;
	return values.map((v) => {
		if (!Number.isFinite(v)) return v;
		last = last * w + (1 - w) * v;
		n++;
		return last / (1 - w ** n);
	});
}

/**
 * Overlaid histories of one metric for the compared runs, one colour per run in the given order
 * (colours repeat after ten runs). Each run is one data row of columns, flattened by Vega-Lite.
 * With histories of several metrics (each `CompareSeries.metric` set: the splits of one quantity,
 * splitMetricGroups) a run keeps its colour and each metric gets its own dash.
 */
export function compareHistorySpec(
	runs: readonly CompareSeries[],
	options: CompareHistoryOptions,
): TopLevelSpec {
	const { metric, x = 'step', logY = false, smoothing = 0, width = 560, height = 220 } = options;
	// The legend shows what tells the runs apart; tooltips and the table the full labels.
	const names = [...new Set(runs.map((r) => r.label))];
	const short = shortLegendLabels(names);
	const shortOf = new Map(names.map((name, i) => [name, short.labels[i]!]));
	const metrics = [...new Set(runs.flatMap((r) => (r.metric === undefined ? [] : [r.metric])))];
	const values = runs.map((run) => {
		const smoothed = emaSmooth(run.value, smoothing);
		const keep = smoothed.flatMap((v, i) => (Number.isFinite(v) && (!logY || v > 0) ? [i] : []));
		const t0 = run.timestamp[0] ?? 0;
		const xs = keep.map((i) =>
			x === 'step'
				? run.step[i]!
				: x === 'time'
					? run.timestamp[i]!
					: (run.timestamp[i]! - t0) / 1000,
		);
		return { run: shortOf.get(run.label)!, name: run.label, ...(run.metric === undefined ? {} : { metric: run.metric }), x: xs, value: keep.map((i) => smoothed[i]!) };
	});
	const labels = short.labels;
	const xTitle = { step: 'step', time: 'time (UTC)', relative: 'seconds since the first point' }[x];
	return {
		$schema: VL_SCHEMA,
		title: metric,
		description: `${metric} of ${labels.length} compared run${labels.length === 1 ? '' : 's'}${metrics.length > 1 ? `, one dash per metric` : ''} by ${xTitle}${smoothing > 0 ? `, smoothed (weight ${smoothing})` : ''}${logY ? ', log scale' : ''}.`,
		width,
		height,
		config: chartConfig,
		data: { values },
		transform: [{ flatten: ['x', 'value'] }],
		params: [LEGEND_FOCUS.param],
		mark: { type: 'line', strokeWidth: 1.5, point: values.every((v) => v.x.length <= 30) },
		encoding: {
			x:
				x === 'time'
					? {
							field: 'x',
							type: 'temporal',
							title: xTitle,
							scale: { type: 'utc' },
							axis: { format: '%H:%M' },
						}
					: { field: 'x', type: 'quantitative', title: xTitle, axis: axisFormat(values.flatMap((v) => v.x)) },
			y: {
				field: 'value',
				type: 'quantitative',
				title: metrics.length > 1 ? 'value' : metric,
				scale: logY ? { type: 'log' } : { zero: false },
				axis: axisFormat(values.flatMap((v) => v.value)),
			},
			color: {
				field: 'run',
				type: 'nominal',
				sort: labels,
				scale: {
					domain: labels,
					range: SERIES_COLORS.slice(0, Math.max(1, Math.min(labels.length, SERIES_COLORS.length))),
				},
				legend: seriesLegend(width, legendTitle('run', short)),
			},
			...(metrics.length > 1
				? { strokeDash: { field: 'metric', type: 'nominal', sort: metrics, title: 'metric', legend: { orient: 'bottom', direction: 'horizontal' } } }
				: {}),
			opacity: LEGEND_FOCUS.opacity,
			tooltip: [
				{ field: 'name', type: 'nominal', title: 'run' },
				...(metrics.length > 1 ? [{ field: 'metric', type: 'nominal', title: 'metric' } as const] : []),
				{ field: 'value', type: 'quantitative', title: metrics.length > 1 ? 'value' : metric, format: '~g' },
			],
		},
		usermeta: {
			logAxes: logY ? [] : ['y'],
			table: {
				columns: metrics.length > 1 ? ['run', 'metric', 'points', 'first x', 'last x', 'last value'] : ['run', 'points', 'first x', 'last x', `last ${metric}`],
				rows: values.map((v) => [
					v.name,
					...(metrics.length > 1 ? [v.metric ?? null] : []),
					v.x.length,
					v.x[0] ?? null,
					v.x.at(-1) ?? null,
					roundForTable(v.value.at(-1)),
				]),
			},
		},
	};
}
