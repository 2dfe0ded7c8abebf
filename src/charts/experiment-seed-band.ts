import type { TopLevelSpec } from 'vega-lite';
import type { BandPoint } from '../lib/aggregate-seeds.ts';
import { chartConfig } from './palette.ts';
import { roundForTable, SERIES_COLORS, VL_SCHEMA } from './experiment-common.ts';

/** One seed group's aggregated history. */
export interface SeedBand {
	/** Legend label, e.g. the shared params `lr=0.1, depth=3`. */
	label: string;
	/** Number of runs (seeds) in the group. */
	runs: number;
	band: readonly BandPoint[];
}

/** Options of experimentSeedBandSpec. */
export interface SeedBandOptions {
	metric: string;
	width?: number;
	height?: number;
}

/**
 * Mean line and ±1 standard-deviation band per group of runs that differ only by seed. Each
 * group is one data row of columns (flattened by Vega-Lite); the band is drawn under the line.
 */
export function experimentSeedBandSpec(
	groups: readonly SeedBand[],
	options: SeedBandOptions,
): TopLevelSpec {
	const { metric, width = 560, height = 240 } = options;
	const labels = groups.map((g) => `${g.label} (${g.runs} seeds)`);
	const values = groups.map((g, i) => ({
		group: labels[i]!,
		step: g.band.map((p) => p.step),
		mean: g.band.map((p) => p.mean),
		lower: g.band.map((p) => p.lower),
		upper: g.band.map((p) => p.upper),
	}));
	const color = {
		field: 'group',
		type: 'nominal',
		title: 'params (seeds)',
		sort: labels,
		scale: { domain: labels, range: SERIES_COLORS.slice(0, Math.max(1, labels.length)) },
		legend: { labelLimit: 220 },
	} as const;
	const x = { field: 'step', type: 'quantitative', title: 'step', axis: { format: '~s' } } as const;
	return {
		$schema: VL_SCHEMA,
		title: `${metric}: mean ±1 sd over seeds`,
		description: `Mean of ${metric} per step with a band of ±1 sample standard deviation, for ${groups.length} group${groups.length === 1 ? '' : 's'} of runs that differ only by their seed.`,
		width,
		height,
		config: chartConfig,
		data: { values },
		transform: [{ flatten: ['step', 'mean', 'lower', 'upper'] }],
		layer: [
			{
				mark: { type: 'area', opacity: 0.2 },
				encoding: {
					x,
					y: { field: 'lower', type: 'quantitative', title: metric, scale: { zero: false } },
					y2: { field: 'upper' },
					color,
				},
			},
			{
				mark: { type: 'line', strokeWidth: 1.5 },
				encoding: {
					x,
					y: { field: 'mean', type: 'quantitative', title: metric, axis: { format: '~g' } },
					color,
				},
			},
		],
		usermeta: {
			table: {
				columns: ['params (seeds)', 'runs', 'last step', `mean ${metric}`, 'sd'],
				rows: groups.map((g, i) => {
					const last = g.band.at(-1);
					return [
						labels[i]!,
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
