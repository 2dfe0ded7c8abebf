import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS, chartConfig } from '../charts/palette.ts';
import type { EvalResult } from '../schemas/model-card.ts';

/**
 * A horizontal bar chart of a card's numeric evaluation results: one bar per result, labelled
 * `metric (split)`, coloured by split (no legend: the label names the split). Rows go into `data.values` under fixed field names, so
 * metric names never become field names or expressions. Null when no result is numeric.
 */
export function evalResultsSpec(results: EvalResult[], width = 320): TopLevelSpec | null {
	const rows = results
		.filter((r): r is EvalResult & { value: number } => typeof r.value === 'number' && Number.isFinite(r.value))
		.map((r) => ({
			label: r.split ? `${r.metric} (${r.split})` : r.metric,
			value: r.value,
			split: r.split ?? 'split not documented',
			dataset: r.dataset ?? 'not documented',
			key: r.key,
		}));
	if (rows.length === 0) return null;
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		width,
		height: { step: 22 },
		config: chartConfig,
		data: { values: rows },
		mark: { type: 'bar', tooltip: true },
		encoding: {
			y: { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: 180 } },
			x: { field: 'value', type: 'quantitative', title: 'value', axis: { format: '~g' } },
			color: {
				field: 'split',
				type: 'nominal',
				title: 'split',
				scale: { range: [...CHART_COLORS] },
				// The split is in every bar's label already.
				legend: null,
			},
			tooltip: [
				{ field: 'key', type: 'nominal', title: 'logged as' },
				{ field: 'value', type: 'quantitative', format: '.4~g' },
				{ field: 'dataset', type: 'nominal' },
			],
		},
	};
}
