import { loadRunSeries, metricSeries, readMetricList, withSeriesData } from './run-series.ts';
import { embedOptions, fitSpec, readIsland, specForEmbed, withLogScale, type ChartSpec } from './vega-chart-options.ts';

/**
 * `<vega-chart>`: shows the SVG rendered at build time until half of the chart is in view or the
 * reader points at, touches or focuses it; then loads vega-embed (and Vega's expression
 * interpreter) with `import()` and swaps the SVG for the interactive chart. The spec comes from a
 * child `<script type="application/json">`. With `data-src` (a run's series JSON, same origin)
 * and `data-metric`, the island holds the spec without data and the element fetches the series
 * when it upgrades (one cached request per URL, see run-series.ts) and adds the metric's values.
 * With `data-src` and no island, the element draws the run metric chart (runMetricSpec, the
 * build-time SVG's spec) of `data-metric` from the fetched series: run pages draw most charts so,
 * keeping their bytes per run small. If anything fails the static content simply stays.
 *
 * With `data-metrics` (a JSON list of metric keys) instead of `data-metric`, it draws those
 * metrics of the run on one chart (runMetricsSpec).
 *
 * The live chart is fitted to the element's width (fitSpec): on a phone it is redrawn narrower
 * with its legend in one column below, instead of the wide picture scaled down to unreadable
 * text; it is redrawn when the width changes. With `data-log-axes` (e.g. `y`) and a checkbox
 * `input[data-chart-log]` in the figure's `.chart-tools`, that checkbox is shown and switches
 * those axes to a log scale (withLogScale), drawing the chart live if it was not yet.
 *
 * Markup: `<vega-chart [data-src data-metric|data-metrics] [data-log-axes]><div data-static>…svg…</div>[<script type="application/json">…</script>]</vega-chart>`
 */
class VegaChart extends HTMLElement {
	#observer: IntersectionObserver | undefined;
	#result: { finalize(): void; view: unknown; spec: unknown } | undefined;
	#embedding: Promise<void> | undefined;
	#started = false;
	#dark = matchMedia('(prefers-color-scheme: dark)');
	#onScheme = () => {
		if (this.#result) this.#embedding = this.#embed();
	};
	#onInteract = () => this.#activate();
	#log = false;
	#width = 0;
	#resize: ResizeObserver | undefined;
	#logInput: HTMLInputElement | null = null;
	#onLog = () => {
		this.#log = Boolean(this.#logInput?.checked);
		this.#started = true;
		this.#observer?.disconnect();
		this.#embedding = this.#embed();
	};

	connectedCallback() {
		const axes = this.dataset['logAxes'];
		this.#logInput = axes ? (this.closest('figure')?.querySelector<HTMLInputElement>('.chart-tools input[data-chart-log]') ?? null) : null;
		if (this.#logInput) {
			this.#logInput.closest<HTMLElement>('.chart-tools')!.hidden = false;
			this.#logInput.addEventListener('change', this.#onLog);
		}
		if ('ResizeObserver' in window) {
			// A live chart is drawn for its width: redraw it when that changes noticeably.
			this.#resize = new ResizeObserver(() => {
				if (this.#result && Math.abs(this.clientWidth - this.#width) > 24) this.#embedding = this.#embed();
			});
			this.#resize.observe(this);
		}
		for (const type of ['pointerenter', 'focusin', 'touchstart']) {
			this.addEventListener(type, this.#onInteract, { once: true, passive: true });
		}
		if ('IntersectionObserver' in window) {
			// Half the chart in view: a chart just below the fold does not pull in ~300 KB of Vega.
			this.#observer = new IntersectionObserver(
				(entries) => entries.some((e) => e.isIntersecting) && this.#activate(),
				{
					threshold: 0.5,
				},
			);
			this.#observer.observe(this);
		}
		this.#dark.addEventListener('change', this.#onScheme);
	}

	disconnectedCallback() {
		this.#observer?.disconnect();
		this.#dark.removeEventListener('change', this.#onScheme);
		this.#logInput?.removeEventListener('change', this.#onLog);
		this.#resize?.disconnect();
		this.#result?.finalize();
		this.#result = undefined;
		this.#started = false;
	}

	#activate() {
		if (this.#started) return;
		this.#started = true;
		this.#observer?.disconnect();
		this.#embedding = this.#embed();
	}

	/**
	 * The live chart, drawn now if it was not yet: Vega's view and the spec it drew (data
	 * included). Null when it cannot be drawn. The chart downloads use it (chart-downloads.ts).
	 */
	async ready(): Promise<{ view: unknown; spec: unknown } | null> {
		this.#activate();
		// Every drawing (first, redraw for a new width, scheme or log scale) is #embedding: wait
		// for the newest, so the view handed out is never one a redraw has just finalised.
		let drawing;
		do {
			drawing = this.#embedding;
			await drawing;
		} while (drawing !== this.#embedding);
		return this.#result ? { view: this.#result.view, spec: this.#result.spec } : null;
	}

	async #spec() {
		const island = this.querySelector(':scope > script[type="application/json"]');
		const src = this.dataset['src'];
		const metric = this.dataset['metric'] ?? '';
		const metrics = readMetricList(this.dataset['metrics']);
		if (!island && src && metrics) {
			// Several metrics of the run on one chart.
			const [series, { runMetricsSpec }] = await Promise.all([loadRunSeries(src), import('../charts/run-metrics.ts')]);
			const lines = metrics.flatMap((m) => {
				const history = metricSeries(series, m);
				return history ? [{ metric: m, series: history }] : [];
			});
			return lines.length > 0 ? (runMetricsSpec({ lines, title: null }) as unknown as ChartSpec) : null;
		}
		if (!island && src) {
			// A run page chart without a build-time SVG: its spec is made here, from the series.
			const [series, { runMetricSpec }] = await Promise.all([loadRunSeries(src), import('../charts/metric-history.ts')]);
			const history = metricSeries(series, metric);
			return history ? (runMetricSpec({ metric, series: history }) as unknown as ChartSpec) : null;
		}
		const spec = readIsland(island?.textContent);
		if (!spec || !src) return spec;
		return withSeriesData(spec, await loadRunSeries(src), metric);
	}

	async #embed() {
		try {
			const spec = await this.#spec();
			if (!spec) return;
			const [{ default: embed }, { expressionInterpreter }] = await Promise.all([
				import('vega-embed'),
				import('vega-interpreter'),
			]);
			if (!this.isConnected) return;
			let target = this.querySelector<HTMLElement>(':scope > [data-live]');
			if (!target) {
				target = document.createElement('div');
				target.dataset['live'] = '';
				this.append(target);
			}
			this.#result?.finalize();
			const options = embedOptions({ dark: this.#dark.matches, expr: expressionInterpreter });
			this.#width = this.clientWidth;
			const axes = this.#log ? (this.dataset['logAxes'] ?? '').split(/\s+/).filter(Boolean) : [];
			this.#result = await embed(target, specForEmbed(fitSpec(withLogScale(spec, axes), this.#width)) as never, options as never);
			// Removed, not hidden: its gradient ids would otherwise shadow the live chart's, and
			// Chromium does not paint a gradient defined inside a display:none subtree.
			this.querySelector<HTMLElement>(':scope > [data-static]')?.remove();
			this.dataset['state'] = 'live';
			this.dispatchEvent(new Event('vega-chart-drawn', { bubbles: true }));
		} catch (error) {
			this.dataset['state'] = 'static';
			console.warn('<vega-chart> kept the static chart:', error);
		}
	}
}

if (!customElements.get('vega-chart')) customElements.define('vega-chart', VegaChart);
