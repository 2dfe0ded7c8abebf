import type { TopLevelSpec } from 'vega-lite';
import type { Direction } from '../schemas/config.ts';
import { chartConfig } from './palette.ts';
import { bestRuns } from './experiment-best-history.ts';
import { axisFormat } from './axis-format.ts';
import { roundForTable, runLabels, VL_SCHEMA, wantsLogScale } from './experiment-common.ts';
import type { ParamRun } from './experiment-parallel.ts';

/** Options of experimentParamScatterSpec. */
export interface ParamScatterOptions {
	metric: string;
	direction: Direction;
	/** Most params, one panel each. @default 6 */
	maxParams?: number;
	/** Most runs drawn (the best ones). @default 100 */
	maxRuns?: number;
	/** Panel size in pixels. @default 170 */
	size?: number;
}

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Params whose values are all numbers and take at least two distinct values, sorted. */
export function numericParams(runs: readonly ParamRun[]): string[] {
	const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
	return keys.filter((key) => {
		const values = runs.flatMap((r) => (key in r.params ? [r.params[key]!] : []));
		return (
			values.length > 0 &&
			values.every((v) => NUMERIC.test(v)) &&
			new Set(values.map(Number)).size >= 2
		);
	});
}

/**
 * One scatter panel per numeric param (x, log when positive values span two decades) against
 * the final primary metric (y), panels side by side, three per row. Null when no param is numeric
 * and varies, so the page can leave the chart out.
 */
export function experimentParamScatterSpec(
	runs: readonly ParamRun[],
	options: ParamScatterOptions,
): TopLevelSpec | null {
	const { metric, direction, maxParams = 6, maxRuns = 100, size = 170 } = options;
	const drawn = bestRuns(runs, direction, maxRuns);
	const params = numericParams(drawn).slice(0, maxParams);
	if (params.length === 0) return null;
	const labels = runLabels(drawn);
	const panels = params.map((param) => {
		const values = drawn.flatMap((run, i) =>
			param in run.params ? [{ run: labels[i]!, x: Number(run.params[param]), y: run.final! }] : [],
		);
		const log = wantsLogScale(values.map((v) => v.x));
		return {
			width: size,
			height: size,
			data: { values },
			// One aria-label per point would triple the SVG; the data table is the accessible alternative.
			mark: { type: 'point', filled: true, size: 40, opacity: 0.8, tooltip: true, aria: false },
			encoding: {
				x: {
					field: 'x',
					type: 'quantitative',
					title: param,
					scale: log ? { type: 'log', nice: false, padding: 8 } : { zero: false, padding: 8 },
					axis: { ...axisFormat(values.map((v) => v.x)), tickCount: 5, labelOverlap: true },
				},
				y: {
					field: 'y',
					type: 'quantitative',
					title: metric,
					scale: { zero: false, padding: 8 },
					axis: { ...axisFormat(values.map((v) => v.y)), tickCount: 5, labelOverlap: true },
				},
				tooltip: [
					{ field: 'run', type: 'nominal' },
					{ field: 'x', type: 'quantitative', title: param },
					{ field: 'y', type: 'quantitative', title: metric },
				],
			},
		} as const;
	});
	return {
		$schema: VL_SCHEMA,
		title: `${metric} by param`,
		description: `Final ${metric} (${direction} is better) of ${drawn.length} runs against each numeric param: ${params.join(', ')}.`,
		config: chartConfig,
		columns: 3,
		concat: panels,
		usermeta: {
			logAxes: ['y'],
			table: {
				columns: ['run', ...params, metric],
				rows: drawn.map((run, i) => [
					labels[i]!,
					...params.map((p) => (p in run.params ? Number(run.params[p]) : null)),
					roundForTable(run.final),
				]),
			},
		},
	} as TopLevelSpec;
}
