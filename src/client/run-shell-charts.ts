import { svgChartMetrics } from '../components/run/svg-chart-metrics.ts';
import type { RunShellRecord } from '../schemas/run-shell.ts';
import { browserChart } from './browser-chart.ts';
import { h } from './dom.ts';
import { metricColumns, metricSeries } from './run-series.ts';

/**
 * The charts section of a shell-drawn run page (RunCharts' markup): one chart per metric with 2
 * or more points, every one drawn by `<vega-chart>` from the series JSON at `src`, with an outline
 * of its line and its key points as a table until then; in the static page's order (the
 * `svgPerRun` first by svgChartMetrics, then the others by name). Null without charts.
 */
export function runShellCharts(run: RunShellRecord, series: unknown, src: string, svgPerRun: number): HTMLElement | null {
	const metrics = (series as { metrics?: Record<string, { step?: unknown[] }> } | null)?.metrics ?? {};
	const charted = Object.keys(metrics)
		.filter((m) => (metricSeries(series, m)?.step.length ?? 0) >= 2)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	if (charted.length === 0) return null;
	const first = svgChartMetrics(charted, run.primary ?? null, svgPerRun);
	const order = [...first, ...charted.filter((m) => !first.includes(m))];
	const summaries = new Map((run.metrics ?? []).map((m) => [m[0], m]));
	const controls = h(
		'div',
		{ class: 'chart-controls', role: 'group', 'aria-label': 'Chart options', hidden: true },
		h('label', {}, 'x axis', h('select', { name: 'x' }, h('option', { value: 'step', selected: true }, 'step'), h('option', { value: 'relative' }, 'relative time'), h('option', { value: 'time' }, 'wall time (UTC)'))),
		h('label', {}, 'smoothing ', h('input', { type: 'range', name: 'smoothing', min: 0, max: 0.95, step: 0.05, value: 0 }), h('output', {}, '0')),
		h('label', {}, h('input', { type: 'checkbox', name: 'log' }), ' log scale'),
	);
	const list = order.map((metric) => {
		const columns = metricColumns(series, metric)!;
		const m = summaries.get(metric);
		const points = columns.s.length;
		const description = m
			? `${metric} by step. Last ${m[1]} at step ${m[7]}; min ${m[2]}, max ${m[3]}; ${points === m[5] ? `${points} points` : `${points} of ${m[5]} points drawn`}.`
			: `${metric} by step, ${points} points.`;
		return browserChart(metric, columns, src, description);
	});
	return h('section', { class: 'run-charts', 'data-run-charts': true }, controls, h('div', { class: 'charts' }, ...list));
}

