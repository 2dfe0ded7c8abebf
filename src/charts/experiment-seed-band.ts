import type { TopLevelSpec } from 'vega-lite';
import type { BandPoint } from '../lib/aggregate-seeds.ts';
import { chartConfig } from './palette.ts';
import { axisFormat } from './axis-format.ts';
import { legendTitle, shortLegendLabels } from './legend-labels.ts';
import { LEGEND_FOCUS, roundForTable, seriesLegend, SERIES_COLORS, VL_SCHEMA } from './experiment-common.ts';

/** One seed group's aggregated history. */
export interface SeedBand {
	/** Legend label, e.g. the values of the params that differ between groups, `0.1 · 3`. */
	label: string;
	/** The group's params in full (`lr=0.1, depth=3`), for tooltips and the table. @default label */
	params?: string;
	/** Number of runs (seeds) in the group. */
	runs: number;
	band: readonly BandPoint[];
}

/** Options of experimentSeedBandSpec. */
export interface SeedBandOptions {
	metric: string;
	/** Legend title, e.g. the names of the params the labels give values of. @default 'params' */
	legend?: string;
	width?: number;
	height?: number;
}

/** True when a group's band can be drawn as a line: two steps or more. */
export const drawableBand = (group: SeedBand) => group.band.length >= 2;

/**
 * Mean line and ±1 standard-deviation band per group of runs that differ only by seed. Each
 * group is one data row of columns (flattened by Vega-Lite); the band is drawn under the line.
 * Groups of fewer than two steps (runs that logged the metric once) make no line: they are left
 * out and counted in the description. Legend labels keep what tells the groups apart
 * (shortLegendLabels); the data table has the full labels.
 */
export function experimentSeedBandSpec(
	groupsIn: readonly SeedBand[],
	options: SeedBandOptions,
): TopLevelSpec {
	const { metric, legend = 'params', width = 560, height = 240 } = options;
	let groups = groupsIn;
	const skipped = groups.length - groups.filter(drawableBand).length;
	groups = groups.filter(drawableBand);
	const short = shortLegendLabels(groups.map((g) => g.label));
	const labels = short.labels;
	const steps = groups.flatMap((g) => g.band.map((p) => p.step));
	const values = groups.map((g, i) => ({
		run: labels[i]!,
		name: `${g.params ?? g.label} (${g.runs} runs)`,
		step: g.band.map((p) => p.step),
		mean: g.band.map((p) => p.mean),
		lower: g.band.map((p) => p.lower),
		upper: g.band.map((p) => p.upper),
	}));
	const color = {
		field: 'run',
		type: 'nominal',
		sort: labels,
		scale: { domain: labels, range: SERIES_COLORS.slice(0, Math.max(1, labels.length)) },
		// Symbols at full strength: the band layer's faint opacity would otherwise reach them.
		legend: { ...seriesLegend(width, legendTitle(legend, short)), symbolOpacity: 1, symbolStrokeWidth: 2 },
	} as const;
	const x = { field: 'step', type: 'quantitative', title: 'step', axis: axisFormat(steps) } as const;
	const yFormat = axisFormat(groups.flatMap((g) => g.band.flatMap((p) => [p.lower, p.upper])));
	return {
		$schema: VL_SCHEMA,
		title: `${metric}: mean ±1 sd over seeds`,
		description: `Mean of ${metric} per step with a band of ±1 sample standard deviation, for ${groups.length} group${groups.length === 1 ? '' : 's'} of runs that differ only by their seed${skipped > 0 ? `; ${skipped} group${skipped === 1 ? '' : 's'} with a single step left out` : ''}.`,
		width,
		height,
		config: chartConfig,
		data: { values },
		transform: [{ flatten: ['step', 'mean', 'lower', 'upper'] }],
		layer: [
			{
				mark: { type: 'area' },
				encoding: {
					x,
					y: { field: 'lower', type: 'quantitative', title: metric, scale: { zero: false }, axis: yFormat },
					y2: { field: 'upper' },
					color,
					opacity: { condition: { param: 'focus', value: 0.2 }, value: 0.04 },
				},
			},
			{
				params: [LEGEND_FOCUS.param],
				mark: { type: 'line', strokeWidth: 1.5 },
				encoding: {
					x,
					y: { field: 'mean', type: 'quantitative', title: metric, axis: yFormat },
					color,
					opacity: LEGEND_FOCUS.opacity,
					tooltip: [
						{ field: 'name', type: 'nominal', title: 'params' },
						{ field: 'step', type: 'quantitative', title: 'step' },
						{ field: 'mean', type: 'quantitative', title: `mean ${metric}`, format: '~g' },
					],
				},
			},
		],
		usermeta: {
			logAxes: ['y'],
			table: {
				columns: ['params', 'runs', 'last step', `mean ${metric}`, 'sd'],
				rows: groups.map((g) => {
					const last = g.band.at(-1);
					return [
						g.params ?? g.label,
						g.runs,
						last?.step ?? null,
						roundForTable(last?.mean),
						roundForTable(last?.sd),
					];
				}),
			},
		},
	};
}
