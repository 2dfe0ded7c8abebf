import type { TopLevelSpec } from 'vega-lite';
import type { Direction } from '../schemas/config.ts';
import { byDirection } from '../lib/metric-direction.ts';
import { chartConfig } from './palette.ts';
import { axisFormat } from './axis-format.ts';
import { legendTitle, shortLegendLabels } from './legend-labels.ts';
import {
	LEGEND_FOCUS,
	roundForTable,
	runLabels,
	seriesLegend,
	SERIES_COLORS,
	thinSeries,
	VL_SCHEMA,
	type ChartRun,
	type SeriesColumns,
} from './experiment-common.ts';

/** A run with its final value and history of one metric. */
export interface HistoryRun extends ChartRun {
	/** Latest value of the metric; null (or NaN) ranks last and is never among the best. */
	final: number | null;
	/** Downsampled history; runs without one, or with a single point, are skipped. */
	series: SeriesColumns | undefined;
}

/** Options of experimentBestHistorySpec. */
export interface BestHistoryOptions {
	/** Primary metric key (titles only; never a field name). */
	metric: string;
	direction: Direction;
	/** How many runs to overlay. @default 10 */
	n?: number;
	/** Points per run after thinning (≤ the site's maxPoints). @default 300 */
	pointsPerSeries?: number;
	width?: number;
	height?: number;
}

/** The `n` runs with the best finite final value, best first; ties keep input order. */
export function bestRuns<T extends { final: number | null }>(
	runs: readonly T[],
	direction: Direction,
	n: number,
): T[] {
	const order = byDirection(direction);
	return runs
		.filter((r) => r.final !== null && Number.isFinite(r.final))
		.map((run, i) => ({ run, i }))
		.sort((a, b) => order(a.run.final, b.run.final) || a.i - b.i)
		.slice(0, n)
		.map(({ run }) => run);
}

/**
 * History overlay of the best `n` runs by the primary metric: one line per run, legend in rank
 * order. Each run's history is one data row of columns, flattened by Vega-Lite, so the page
 * carries about 12 bytes per point.
 */
export function experimentBestHistorySpec(
	runs: readonly HistoryRun[],
	options: BestHistoryOptions,
): TopLevelSpec {
	const { metric, direction, n = 10, pointsPerSeries = 300, width = 560, height = 240 } = options;
	const best = bestRuns(
		runs.filter((r) => r.series && r.series.step.length >= 2),
		direction,
		n,
	);
	// Full names (unique) in tooltips and the table; short ones, that differ, in the legend.
	const names = runLabels(best);
	const short = shortLegendLabels(names);
	const labels = short.labels;
	const values = best.map((run, i) => ({
		run: labels[i]!,
		name: names[i]!,
		...thinSeries(run.series!, pointsPerSeries),
	}));
	const dir = direction === 'lower' ? 'lower is better' : 'higher is better';
	return {
		$schema: VL_SCHEMA,
		title: `${metric}: best ${best.length} run${best.length === 1 ? '' : 's'}`,
		description: `History of ${metric} for the ${best.length} runs with the best final value (${dir}), one line per run, best first in the legend.`,
		width,
		height,
		config: chartConfig,
		data: { values },
		transform: [{ flatten: ['step', 'value'] }],
		params: [LEGEND_FOCUS.param],
		mark: { type: 'line', strokeWidth: 1.5, point: values.every((v) => v.step.length <= 30) },
		encoding: {
			x: { field: 'step', type: 'quantitative', title: 'step', axis: axisFormat(values.flatMap((v) => v.step)) },
			y: {
				field: 'value',
				type: 'quantitative',
				title: metric,
				scale: { zero: false },
				axis: axisFormat(values.flatMap((v) => v.value)),
			},
			color: {
				field: 'run',
				type: 'nominal',
				sort: labels,
				scale: { domain: labels, range: SERIES_COLORS.slice(0, Math.max(1, labels.length)) },
				legend: seriesLegend(width, legendTitle('run, best first', short)),
			},
			opacity: LEGEND_FOCUS.opacity,
			tooltip: [
				{ field: 'name', type: 'nominal', title: 'run' },
				{ field: 'step', type: 'quantitative', title: 'step' },
				{ field: 'value', type: 'quantitative', title: metric, format: '~g' },
			],
		},
		usermeta: {
			logAxes: ['y'],
			table: {
				columns: ['rank', 'run', `final ${metric}`, 'first step', 'last step', 'points'],
				rows: best.map((run, i) => [
					i + 1,
					names[i]!,
					roundForTable(run.final),
					values[i]!.step[0] ?? null,
					values[i]!.step.at(-1) ?? null,
					values[i]!.step.length,
				]),
			},
		},
	};
}
