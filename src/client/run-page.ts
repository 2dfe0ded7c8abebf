/**
 * The chart controls of a run page: x axis (step, wall time, relative time), smoothing and log
 * scale. The controls are `hidden` in the HTML (the build-time SVGs are by step) and shown here. On a
 * change, each chart's spec is rebuilt (runMetricSpec, loaded with `import()` only then, so the
 * page's initial script stays small) from its columns: those of the run's series JSON at the
 * chart's `data-src` (the same cached request as `<vega-chart>`'s), or those inline in its data
 * island. Its `<vega-chart>` is replaced by a new one with the data inline, which draws itself
 * when visible.
 *
 * The x axis may also be another metric of the run (`metric:<key>`, e.g. epoch), and a chart
 * with `data-metrics` draws several metrics together: both are drawn with runMetricsSpec from the
 * run's series JSON.
 *
 * Markup: `[data-run-charts]` with `.chart-controls[hidden]` (select x, range smoothing, checkbox log) and `.run-chart[data-metric][data-t0]`
 * elements, each holding one `<vega-chart [data-src data-metric]>` with a `<script type="application/json">` island,
 * in `.charts[data-src][data-browser-charts]`: the metrics whose charts this script adds first (browserChart).
 */
import { browserChart } from './browser-chart.ts';
import { fillChartDownloads } from './chart-downloads.ts';
import './history-links.ts';
import './params-filter.ts';
import { loadRunSeries, metricColumns, metricSeries, readMetricList } from './run-series.ts';

interface Columns {
	s: number[];
	t: number[];
	v: number[];
}

async function columnsOf(chart: Element): Promise<Columns | null> {
	const element = chart.querySelector<HTMLElement>('vega-chart');
	const src = element?.dataset['src'];
	if (src) {
		try {
			return metricColumns(await loadRunSeries(src), element.dataset['metric'] ?? '');
		} catch {
			return null;
		}
	}
	const island = chart.querySelector('vega-chart > script[type="application/json"]');
	try {
		const spec = JSON.parse(island?.textContent ?? 'null') as { data?: { values?: Columns[] } } | null;
		const row = spec?.data?.values?.[0];
		return row && Array.isArray(row.s) && Array.isArray(row.t) && Array.isArray(row.v) ? row : null;
	} catch {
		return null;
	}
}

function enhance(root: Element): void {
	const form = root.querySelector<HTMLElement>('.chart-controls');
	const xSelect = form?.querySelector<HTMLSelectElement>('select[name="x"]');
	const smoothingInput = form?.querySelector<HTMLInputElement>('input[name="smoothing"]');
	const logInput = form?.querySelector<HTMLInputElement>('input[name="log"]');
	if (!form || !xSelect || !smoothingInput || !logInput) return;
	const charts = [...root.querySelectorAll<HTMLElement>('.run-chart')].map((element) => ({
		element,
		metric: element.dataset['metric'] ?? '',
		metrics: readMetricList(element.dataset['metrics']),
		src: element.querySelector<HTMLElement>('vega-chart')?.dataset['src'],
		t0: Number(element.dataset['t0'] ?? 0),
		columns: null as Columns | null,
	}));
	form.hidden = false;
	form.addEventListener('input', async () => {
		const xMetric = xSelect.value.startsWith('metric:') ? xSelect.value.slice('metric:'.length) : null;
		const x = (xMetric === null ? xSelect.value : 'step') as 'step' | 'time' | 'relative';
		const smoothing = Number(smoothingInput.value) || 0;
		const logY = logInput.checked;
		const output = form.querySelector('output');
		if (output) output.value = String(smoothing);
		const [{ runMetricSpec }, { runMetricsSpec }] = await Promise.all([import('../charts/metric-history.ts'), import('../charts/run-metrics.ts')]);
		for (const chart of charts) {
			let spec: unknown;
			if (chart.metrics || xMetric !== null) {
				// Several metrics, or one against another metric: both read the run's series JSON.
				const json = chart.src ? await loadRunSeries(chart.src).catch(() => null) : null;
				const lines = (chart.metrics ?? [chart.metric]).flatMap((metric) => {
					const series = metricSeries(json, metric);
					return series ? [{ metric, series }] : [];
				});
				const by = xMetric === null ? null : metricSeries(json, xMetric);
				if (lines.length === 0 || (xMetric !== null && !by)) continue;
				spec = runMetricsSpec({ lines, x: by && xMetric !== null ? { metric: xMetric, series: by } : x, smoothing, logY, title: null });
			} else {
				chart.columns ??= await columnsOf(chart.element);
				if (!chart.columns) continue;
				const { s, t, v } = chart.columns;
				const series = { step: s, timestamp: t.map((d) => d + chart.t0), value: v };
				spec = runMetricSpec({ metric: chart.metric, series, x, smoothing, logY });
			}
			const caption = chart.element.querySelector('.vega-description');
			if (caption) {
				const by = xMetric !== null ? `against ${xMetric}` : { step: 'by step', time: 'by wall time', relative: 'by relative time' }[x];
				const extra = `${smoothing > 0 ? `, smoothed ${smoothing}` : ''}${logY ? ', log scale' : ''}`;
				const original = (caption as HTMLElement).dataset['original'] ?? caption.textContent ?? '';
				(caption as HTMLElement).dataset['original'] = original;
				caption.textContent = original.replace(/ by step(?=[.,])/, ` ${by}${extra}`);
			}
			const old = chart.element.querySelector('vega-chart');
			if (!old) continue;
			const next = document.createElement('vega-chart');
			const island = document.createElement('script');
			island.type = 'application/json';
			// textContent of a script element is never parsed as HTML.
			island.textContent = JSON.stringify(spec);
			const placeholder = document.createElement('div');
			placeholder.dataset['static'] = '';
			placeholder.style.minHeight = `${old.getBoundingClientRect().height}px`;
			next.append(placeholder, island);
			old.replaceWith(next);
		}
	});
}

/**
 * The caption of a chart added in the browser, from the metric's row of the page's metrics table
 * (RunMetricsTable: Last, Min, Max, Step of best, Points as `8` or `8 (3 non-finite)`), as the
 * build writes it for an SVG chart but the step of the last value, which the table does not hold.
 */
function captionFromTable(rows: ReadonlyMap<string, string[]>, metric: string, drawn: number): string {
	const cells = rows.get(metric) ?? [];
	const count = /^\d+/.exec(cells[4] ?? '')?.[0];
	if (cells.length < 5 || count === undefined) return `${metric} by step, ${drawn} points.`;
	return `${metric} by step. Last ${cells[0]}; min ${cells[1]}, max ${cells[2]}; ${String(drawn) === count ? `${drawn} points` : `${drawn} of ${count} points drawn`}.`;
}

/**
 * Adds the charts a static run page lists instead of writing them (`.charts[data-browser-charts]`,
 * see RunCharts.astro), in that order, once the run's series JSON at `data-src` is loaded; then
 * marks the grid `data-ready`. If the series cannot be loaded, says so in their place.
 */
async function addBrowserCharts(root: Element): Promise<void> {
	const grid = root.querySelector<HTMLElement>('.charts[data-browser-charts]');
	const metrics = readMetricList(grid?.dataset['browserCharts']);
	const src = grid?.dataset['src'];
	if (!grid || !metrics || !src) return;
	const series = await loadRunSeries(src).catch(() => null);
	if (!series) {
		const note = document.createElement('p');
		note.className = 'table-note';
		note.textContent = `${metrics.length === 1 ? 'One more chart' : `${metrics.length} more charts`} could not be drawn: the run's series (${src}) did not load. The metrics table above has each metric's history.`;
		grid.after(note);
	} else {
		// The metrics table's cells by metric, read once for every caption.
		const rows = new Map([...document.querySelectorAll('table.run-metrics tbody tr')].map((tr) => [tr.querySelector('th')?.textContent ?? '', [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')]));
		for (const metric of metrics) {
			const columns = metricColumns(series, metric);
			if (columns) grid.append(browserChart(metric, columns, src, captionFromTable(rows, metric, columns.s.length)));
		}
	}
	grid.dataset['ready'] = '';
}

for (const root of document.querySelectorAll('[data-run-charts]')) {
	// The controls redraw every chart, those added here too, and each gets its download links
	// (the charts a shell-drawn page made as well).
	void addBrowserCharts(root)
		.catch((error: unknown) => console.warn('The charts drawn in the browser could not be added:', error))
		.finally(() => {
			fillChartDownloads(root);
			enhance(root);
		});
}
