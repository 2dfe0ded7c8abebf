import { keyPoints } from '../components/run/key-points.ts';
import { sparklinePoints, thinOut } from '../components/run/sparkline.ts';
import { h, s } from './dom.ts';

/**
 * One run-page chart drawn in the browser (RunCharts' markup for a chart without a build-time
 * SVG): `.run-chart[data-metric][data-t0]` with its title, a figure whose caption is
 * `description`, a `<vega-chart>` that draws `metric` from the series JSON at `src` when it comes
 * into view (an outline of the line until then), its downloads' placeholder (ChartDownloads) and
 * the key points as a data table. Shared by
 * the static run page, which lists these charts instead of writing them into its HTML, and the
 * page the shell draws.
 */
export function browserChart(metric: string, columns: { s: number[]; v: number[]; t0: number }, src: string, description: string): HTMLElement {
	const rows = keyPoints(columns.v).map((p) => [p.label, columns.s[p.index]!, columns.v[p.index]!] as const);
	const outline = h(
		'div',
		{ class: 'chart-outline' },
		s('svg', { viewBox: '0 0 480 200', preserveAspectRatio: 'none', 'aria-hidden': 'true' }, s('polyline', { points: sparklinePoints(thinOut(columns.v, 32), 480, 200) })),
		h('p', {}, 'Drawn in the browser; the key points are in the data table below.'),
	);
	const table = h(
		'details',
		{ class: 'vega-data' },
		h('summary', {}, 'Data table'),
		h(
			'div',
			{ class: 'table-scroll' },
			h(
				'table',
				{},
				h('thead', {}, h('tr', {}, ...['point', 'step', metric].map((label) => h('th', { scope: 'col' }, label)))),
				h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((v) => h('td', { class: typeof v === 'number' ? 'num' : undefined }, String(v)))))),
			),
		),
	);
	const figure = h(
		'figure',
		{ class: 'vega-figure' },
		h('figcaption', {}, h('span', { class: 'sr-only' }, `${metric}.`), h('span', { class: 'vega-description' }, description)),
		h('vega-chart' as 'div', { 'data-src': src, 'data-metric': metric }, h('div', { 'data-static': true }, outline)),
		// ChartDownloads' placeholder, filled by fillChartDownloads once the chart is in the page.
		h('p', { class: 'chart-downloads', hidden: true }),
		table,
	);
	return h('div', { class: 'run-chart', 'data-metric': metric, 'data-t0': columns.t0 }, h('h3', { class: 'mono' }, metric), figure);
}
