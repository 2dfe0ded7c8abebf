import type { TopLevelSpec } from 'vega-lite';
import type { Series } from '../schemas/series.ts';
import { axisFormat } from './axis-format.ts';
import { LEGEND_FOCUS, seriesLegend, SERIES_COLORS, VL_SCHEMA } from './experiment-common.ts';
import { emaColumn } from './metric-history.ts';
import { chartConfig } from './palette.ts';

/** One metric of a run, drawn as one line. */
export interface MetricLine {
	/** Metric key: legend label and tooltip text, never a field name. */
	metric: string;
	series: Pick<Series, 'step' | 'timestamp' | 'value'>;
}

/**
 * What the x axis shows: the step, wall time, time since the run's first point, or another
 * metric of the same run (`{ metric: 'epoch', series }`), matched to each point by step.
 */
export type RunMetricsX = 'step' | 'time' | 'relative' | { metric: string; series: Pick<Series, 'step' | 'value'> };

/** Options of runMetricsSpec. */
export interface RunMetricsOptions {
	lines: readonly MetricLine[];
	/** @default 'step' */
	x?: RunMetricsX;
	/** Debiased exponential smoothing weight in [0, 1). @default 0 */
	smoothing?: number;
	/** Log-scaled y axis; non-positive values are left out. @default false */
	logY?: boolean;
	/** Chart title; null for none (run pages put the metric in a heading). @default the metrics joined by " vs " */
	title?: string | null;
	/** @default 480 */
	width?: number;
	/** @default 200 */
	height?: number;
}

/**
 * The value of the history `by` at each of `steps`: the value logged at that step, or the linear
 * interpolation between the points logged before and after it; null outside `by`'s first..last
 * step (no x for that point, it is not drawn). `by` is sorted by step here.
 */
export function valuesAtSteps(by: Pick<Series, 'step' | 'value'>, steps: readonly number[]): (number | null)[] {
	const order = by.step.map((_, i) => i).filter((i) => Number.isFinite(by.value[i])).sort((a, b) => by.step[a]! - by.step[b]!);
	const s = order.map((i) => by.step[i]!);
	const v = order.map((i) => by.value[i]!);
	return steps.map((step) => {
		// Binary search for the first logged step ≥ step.
		let lo = 0;
		let hi = s.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (s[mid]! < step) lo = mid + 1;
			else hi = mid;
		}
		if (lo < s.length && s[lo] === step) return v[lo]!;
		if (lo === 0 || lo === s.length) return null;
		const [s0, s1, v0, v1] = [s[lo - 1]!, s[lo]!, v[lo - 1]!, v[lo]!];
		return v0 + ((v1 - v0) * (step - s0)) / (s1 - s0);
	});
}

/**
 * Several metrics of one run on one chart (train and validation loss), one colour per metric, or
 * one metric against another metric of the run (`x: { metric: 'epoch', series }`). Each metric
 * is one data row of columns, flattened by Vega-Lite; the legend (below the plot) dims the other
 * lines when an entry is clicked. Metrics are titles and legend labels only, never field names.
 */
export function runMetricsSpec(options: RunMetricsOptions): TopLevelSpec {
	const { lines, x = 'step', smoothing = 0, logY = false, width = 480, height = 200 } = options;
	const smooth = smoothing > 0 && smoothing < 1;
	const labels = lines.map((l) => l.metric);
	const values = lines.map(({ metric, series }) => {
		const raw = smooth ? emaColumn(series.value, smoothing) : [...series.value];
		const t0 = series.timestamp[0] ?? 0;
		const xs: (number | null)[] =
			typeof x === 'object'
				? valuesAtSteps(x.series, series.step)
				: x === 'step'
					? [...series.step]
					: x === 'time'
						? [...series.timestamp]
						: series.timestamp.map((t) => (t - t0) / 1000);
		const keep = raw.flatMap((v, i) => (Number.isFinite(v) && (!logY || v > 0) && xs[i] !== null && Number.isFinite(xs[i]) ? [i] : []));
		return { run: metric, x: keep.map((i) => xs[i]!), step: keep.map((i) => series.step[i]!), value: keep.map((i) => Number(raw[i]!.toPrecision(7))) };
	});
	const xTitle = typeof x === 'object' ? x.metric : { step: 'step', time: 'time (UTC)', relative: 'seconds since the first point' }[x];
	const byX = typeof x === 'object' ? `against ${x.metric}` : `by ${xTitle}`;
	const title = options.title === undefined ? labels.join(' vs ') : options.title;
	const yTitle = labels.length === 1 ? labels[0]! : 'value';
	const point = values.every((v) => v.x.length <= 30);
	return {
		$schema: VL_SCHEMA,
		...(title === null ? {} : { title }),
		description: `${labels.join(', ')} ${byX}${smooth ? `, smoothed (weight ${smoothing})` : ''}${logY ? ', log scale' : ''}; one line per metric.`,
		width,
		height,
		autosize: { type: 'fit', contains: 'padding' },
		config: chartConfig,
		data: { values },
		transform: [{ flatten: ['x', 'step', 'value'] }],
		params: [LEGEND_FOCUS.param],
		// Against another metric the points may go back and forth: draw them in step order.
		mark: { type: 'line', strokeWidth: 1.5, point: point ? { aria: false } : false },
		encoding: {
			x:
				x === 'time'
					? { field: 'x', type: 'temporal', title: xTitle, scale: { type: 'utc' }, axis: { format: '%H:%M' } }
					: { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false }, axis: axisFormat(values.flatMap((v) => v.x)) },
			y: {
				field: 'value',
				type: 'quantitative',
				title: yTitle,
				scale: logY ? { type: 'log' } : { zero: false },
				axis: axisFormat(values.flatMap((v) => v.value)),
			},
			order: { field: 'step', type: 'quantitative' },
			color: {
				field: 'run',
				type: 'nominal',
				sort: labels,
				scale: { domain: labels, range: SERIES_COLORS.slice(0, Math.max(1, labels.length)) },
				legend: seriesLegend(width, 'metric'),
			},
			opacity: LEGEND_FOCUS.opacity,
			tooltip: [
				{ field: 'run', type: 'nominal', title: 'metric' },
				{ field: 'step', type: 'quantitative', title: 'step' },
				...(typeof x === 'object' ? [{ field: 'x', type: 'quantitative' as const, title: x.metric, format: '~g' }] : []),
				{ field: 'value', type: 'quantitative', title: 'value', format: '~g' },
			],
		},
	} as TopLevelSpec;
}

/** Prefixes and suffixes that name a data split: `train_loss` and `val_loss` are one quantity. */
const SPLIT = /^(?:train|training|val|valid|validation|test|eval)[_./-](.+)$|^(.+?)[_./-](?:train|training|val|valid|validation|test|eval)$/i;

/**
 * Metrics that measure one quantity on different data splits (`train_loss`, `val_loss`;
 * `loss/train`, `loss/val`), grouped by that quantity, in key order; only groups of two or more.
 */
export function splitMetricGroups(metrics: readonly string[]): { name: string; metrics: string[] }[] {
	const groups = new Map<string, string[]>();
	for (const metric of [...metrics].sort()) {
		const m = SPLIT.exec(metric);
		const name = m?.[1] ?? m?.[2];
		if (!name) continue;
		groups.set(name, [...(groups.get(name) ?? []), metric]);
	}
	return [...groups].filter(([, list]) => list.length >= 2).map(([name, list]) => ({ name, metrics: list }));
}
