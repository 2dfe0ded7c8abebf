import type { TopLevelSpec } from 'vega-lite';
import type { Direction } from '../schemas/config.ts';
import { chartConfig } from './palette.ts';
import { bestRuns } from './experiment-best-history.ts';
import { axisFormat } from './axis-format.ts';
import { legendTitle, shortLegendLabels } from './legend-labels.ts';
import { roundForTable, runLabels, VL_SCHEMA, type ChartRun } from './experiment-common.ts';

/** Options of experimentFinalBarsSpec. */
export interface FinalBarsOptions {
	metric: string;
	direction: Direction;
	/** Most bars (the best runs). @default 25 */
	n?: number;
	width?: number;
}

/**
 * Final value of a metric per run as a dot plot, best run on top, at most `n` rows. The value axis
 * spans the data's range, not zero to the maximum: bars from 0 made accuracies of 0.8217 and
 * 0.8253 look the same. Row labels keep what tells the runs apart (shortLegendLabels); the
 * tooltip and the data table have the full names. Runs without a finite value are left out and
 * counted in the description. (The name says bars: the chart's id and file stay stable.)
 */
export function experimentFinalBarsSpec(
	runs: readonly (ChartRun & { final: number | null })[],
	options: FinalBarsOptions,
): TopLevelSpec {
	const { metric, direction, n = 25, width = 480 } = options;
	const best = bestRuns(runs, direction, n);
	const names = runLabels(best);
	const short = shortLegendLabels(names, 30);
	const labels = short.labels;
	const values = best.map((run, i) => ({ run: labels[i]!, name: names[i]!, value: run.final!, rank: i + 1 }));
	const missing = runs.filter((r) => r.final === null || !Number.isFinite(r.final)).length;
	const shown =
		best.length < runs.length - missing
			? `the best ${best.length} of ${runs.length - missing}`
			: `${best.length}`;
	return {
		$schema: VL_SCHEMA,
		title: `Final ${metric} per run`,
		description: `Final ${metric} of ${shown} runs, best first (${direction} is better)${missing > 0 ? `; ${missing} run${missing === 1 ? '' : 's'} without a finite value left out` : ''}.`,
		width,
		height: { step: 18 },
		config: chartConfig,
		data: { values },
		mark: { type: 'point', filled: true, size: 70, opacity: 1, tooltip: true },
		encoding: {
			y: {
				field: 'run',
				type: 'nominal',
				sort: labels,
				title: legendTitle('run', short) === 'run' ? null : legendTitle('run', short),
				axis: { labelLimit: 200, grid: true, gridDash: [2, 3] },
			},
			x: {
				field: 'value',
				type: 'quantitative',
				title: metric,
				scale: { zero: false, nice: true, padding: 12 },
				axis: axisFormat(values.map((v) => v.value)),
			},
			tooltip: [
				{ field: 'rank', type: 'quantitative' },
				{ field: 'name', type: 'nominal', title: 'run' },
				{ field: 'value', type: 'quantitative', title: metric, format: '~g' },
			],
		},
		usermeta: {
			logAxes: ['x'],
			table: {
				columns: ['rank', 'run', metric],
				rows: values.map((v) => [v.rank, v.name, roundForTable(v.value)]),
			},
		},
	};
}
