import type { TopLevelSpec } from 'vega-lite';
import type { Direction } from '../schemas/config.ts';
import { CHART_COLORS, chartConfig } from './palette.ts';
import { bestRuns } from './experiment-best-history.ts';
import { distinctNumberLabels } from './axis-format.ts';
import { middleEllipsis } from './legend-labels.ts';
import { roundForTable, runLabels, VL_SCHEMA, type ChartRun } from './experiment-common.ts';

/** A run with its params and final primary-metric value. */
export interface ParamRun extends ChartRun {
	params: Readonly<Record<string, string>>;
	final: number | null;
}

/** Options of experimentParallelSpec. */
export interface ParallelOptions {
	metric: string;
	direction: Direction;
	/** Most runs drawn (the best ones). @default 50 */
	maxRuns?: number;
	/** Most param axes. @default 8 */
	maxAxes?: number;
	/** Params with more distinct non-numeric values than this are not an axis. @default 20 */
	maxCategories?: number;
	width?: number;
	height?: number;
}

/** Most characters of a text axis' end label; the tooltip and data table have the whole text. */
const END_LABEL_CHARS = 14;

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** An axis: where each value sits between 0 (bottom) and 1 (top), and its end labels. */
interface Axis {
	name: string;
	position: (value: string | number) => number | null;
	low: string;
	high: string;
}

function paramAxis(
	name: string,
	values: readonly (string | undefined)[],
	maxCategories: number,
): Axis | null {
	const present = values.filter((v): v is string => v !== undefined);
	const distinct = [...new Set(present)];
	if (distinct.length < 2) return null;
	if (distinct.every((v) => NUMERIC.test(v))) {
		const nums = distinct.map(Number);
		const [min, max] = [Math.min(...nums), Math.max(...nums)];
		const log = min > 0 && max / min >= 100;
		const f = (x: number) => (log ? Math.log10(x) : x);
		const [low, high] = distinctNumberLabels([min, max]);
		return {
			name,
			position: (v) => (f(Number(v)) - f(min)) / (f(max) - f(min) || 1),
			low: low!,
			high: high!,
		};
	}
	if (distinct.length > maxCategories) return null;
	const sorted = distinct.sort();
	return {
		name,
		position: (v) => sorted.indexOf(String(v)) / (sorted.length - 1),
		low: middleEllipsis(sorted[0]!, END_LABEL_CHARS),
		high: middleEllipsis(sorted.at(-1)!, END_LABEL_CHARS),
	};
}

/**
 * Parallel coordinates of the params that vary between runs (numbers on a linear or, across two
 * decades or more, log axis; short lists of texts in sorted order) against the primary metric,
 * the last axis. One line per run, coloured by the metric; positions are computed here, so the
 * spec carries no expression built from data.
 */
export function experimentParallelSpec(
	runs: readonly ParamRun[],
	options: ParallelOptions,
): TopLevelSpec {
	const {
		metric,
		direction,
		maxRuns = 50,
		maxAxes = 8,
		maxCategories = 20,
		width = 560,
		height = 240,
	} = options;
	const drawn = bestRuns(runs, direction, maxRuns);
	const keys = [...new Set(drawn.flatMap((r) => Object.keys(r.params)))].sort();
	const axes = keys
		.map((key) =>
			paramAxis(
				key,
				drawn.map((r) => r.params[key]),
				maxCategories,
			),
		)
		.filter((a): a is Axis => a !== null)
		.slice(0, maxAxes);
	const finals = drawn.map((r) => r.final!);
	const [lo, hi] = [Math.min(...finals), Math.max(...finals)];
	const [metricLow, metricHigh] = distinctNumberLabels([lo, hi], 3);
	const metricAxis: Axis = {
		name: metric,
		position: (v) => (Number(v) - lo) / (hi - lo || 1),
		low: metricLow!,
		high: metricHigh!,
	};
	const all = [...axes, metricAxis];
	const labels = runLabels(drawn);
	// One row of columns per run, flattened by Vega-Lite: run name and metric are written once.
	const lines = drawn.map((run, i) => {
		const cells = all.flatMap((axis, k) => {
			const raw = k === axes.length ? run.final! : run.params[axis.name];
			const pos = raw === undefined ? null : axis.position(raw);
			return pos === null
				? []
				: [{ axis: axis.name, pos: Math.round(pos * 1e4) / 1e4, value: String(raw) }];
		});
		return {
			run: labels[i]!,
			metric: run.final,
			axis: cells.map((c) => c.axis),
			pos: cells.map((c) => c.pos),
			value: cells.map((c) => c.value),
		};
	});
	const ticks = all.flatMap((a) => [
		{ axis: a.name, pos: 0, label: a.low },
		{ axis: a.name, pos: 1, label: a.high },
	]);
	// Padding keeps the first and last axes' labels inside the chart.
	const x = { field: 'axis', type: 'nominal', sort: all.map((a) => a.name), title: null, scale: { padding: 0.4 } } as const;
	// Labels centred on neighbouring axes never reach each other: each gets the space between.
	const spacing = Math.max(30, Math.floor(width / Math.max(1, all.length)) - 6);
	return {
		$schema: VL_SCHEMA,
		title: `Params against ${metric}`,
		description: `Parallel coordinates of ${axes.length} param${axes.length === 1 ? '' : 's'} that vary and the final ${metric} for ${drawn.length} runs; each line is a run, coloured by ${metric} (${direction} is better).`,
		width,
		height,
		config: chartConfig,
		layer: [
			{
				data: { values: all.map((a) => ({ axis: a.name, from: 0, to: 1 })) },
				mark: { type: 'rule', color: '#8888', aria: false },
				encoding: {
					x,
					y: { field: 'from', type: 'quantitative', axis: null },
					y2: { field: 'to' },
				},
			},
			{
				data: { values: lines },
				transform: [{ flatten: ['axis', 'pos', 'value'] }],
				mark: { type: 'line', strokeWidth: 1.2, opacity: 0.75, aria: false },
				encoding: {
					x: { ...x, axis: { labelAngle: 0, labelLimit: spacing, labelOverlap: true, orient: 'bottom' } },
					y: { field: 'pos', type: 'quantitative', axis: null, scale: { domain: [0, 1] } },
					detail: { field: 'run', type: 'nominal' },
					color: {
						field: 'metric',
						type: 'quantitative',
						title: metric,
						// Below the plot: a legend at the side took a third of a phone's width.
						legend: { orient: 'bottom', direction: 'horizontal', gradientLength: Math.min(200, width), format: '~g' },
						// Best runs blue, worst orange: both keep 3:1 contrast on light and dark pages.
						scale: {
							range:
								direction === 'lower'
									? [CHART_COLORS[0], CHART_COLORS[1]]
									: [CHART_COLORS[1], CHART_COLORS[0]],
						},
					},
					tooltip: [
						{ field: 'run', type: 'nominal' },
						{ field: 'axis', type: 'nominal', title: 'axis' },
						{ field: 'value', type: 'nominal', title: 'value' },
					],
				},
			},
			{
				data: { values: ticks },
				mark: {
					type: 'text',
					fontSize: 10,
					dy: -6,
					baseline: 'bottom',
					color: 'currentColor',
					limit: spacing,
					aria: false,
				},
				encoding: {
					x,
					y: { field: 'pos', type: 'quantitative', axis: null },
					text: { field: 'label' },
				},
			},
		],
		usermeta: {
			table: {
				columns: ['run', ...axes.map((a) => a.name), metric],
				rows: drawn.map((run, i) => [
					labels[i]!,
					...axes.map((a) => run.params[a.name] ?? null),
					roundForTable(run.final),
				]),
			},
		},
	};
}
