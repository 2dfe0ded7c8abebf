import type { TopLevelSpec } from 'vega-lite';
import type { Direction } from '../schemas/config.ts';
import { chartConfig } from './palette.ts';
import { bestRuns } from './experiment-best-history.ts';
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
 * Final value of a metric per run as horizontal bars, best run on top, at most `n` bars. Runs
 * without a finite value are left out and counted in the description.
 */
export function experimentFinalBarsSpec(
	runs: readonly (ChartRun & { final: number | null })[],
	options: FinalBarsOptions,
): TopLevelSpec {
	const { metric, direction, n = 25, width = 480 } = options;
	const best = bestRuns(runs, direction, n);
	const labels = runLabels(best);
	const values = best.map((run, i) => ({ run: labels[i]!, value: run.final!, rank: i + 1 }));
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
		mark: { type: 'bar', tooltip: true },
		encoding: {
			y: { field: 'run', type: 'nominal', sort: labels, title: null, axis: { labelLimit: 180 } },
			x: { field: 'value', type: 'quantitative', title: metric, axis: { format: '~g' } },
			tooltip: [
				{ field: 'rank', type: 'quantitative' },
				{ field: 'run', type: 'nominal' },
				{ field: 'value', type: 'quantitative', title: metric },
			],
		},
		usermeta: {
			table: {
				columns: ['rank', 'run', metric],
				rows: values.map((v) => [v.rank, v.run, roundForTable(v.value)]),
			},
		},
	};
}
