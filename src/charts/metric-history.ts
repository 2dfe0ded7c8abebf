import type { TopLevelSpec } from 'vega-lite';
import type { Series } from '../schemas/series.ts';
import { CHART_COLORS, chartConfig } from './palette.ts';

/** Options of metricHistorySpec. */
export interface MetricHistoryOptions {
	/** Metric key; shown as the y-axis title, never used as a field name. */
	metric: string;
	/** The (downsampled) history to draw; only finite values are in it. */
	series: Pick<Series, 'step' | 'value'>;
	/** Width of the whole chart in pixels, axes included (so charts side by side scale alike). @default 480 */
	width?: number;
	/** Height of the whole chart in pixels, axes included. @default 220 */
	height?: number;
	/** Line colour. @default the first palette colour */
	color?: string;
}

/**
 * The Vega-Lite spec of one metric's history in one run: value against step. Data goes into
 * `data.values` as `{ step, value }` rows, so field names are fixed whatever the metric is
 * called. Points are drawn when there are few of them, so a short history stays visible.
 */
export function metricHistorySpec(options: MetricHistoryOptions): TopLevelSpec {
	const { metric, series, width = 480, height = 220, color = CHART_COLORS[0] } = options;
	const values = series.step.map((step, i) => ({ step, value: series.value[i] }));
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		width,
		height,
		autosize: { type: 'fit', contains: 'padding' },
		config: chartConfig,
		data: { values },
		mark: { type: 'line', color, point: values.length <= 30 ? { color } : false },
		encoding: {
			x: { field: 'step', type: 'quantitative', title: 'step', axis: { format: '~s', tickMinStep: 1 } },
			y: {
				field: 'value',
				type: 'quantitative',
				title: metric,
				scale: { zero: false },
				axis: { format: '~g' },
			},
		},
	};
}
