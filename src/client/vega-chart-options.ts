/**
 * The pure parts of `<vega-chart>`: what it hands to vega-embed. Kept apart from the custom
 * element so tests run in Node without a DOM.
 */

/** A chart spec as read from the data island; only `usermeta` is looked at. */
export type ChartSpec = Record<string, unknown> & { usermeta?: unknown };

/**
 * A copy of `spec` without `usermeta`. vega-embed merges `usermeta.embedOptions` over the options
 * it is given (loader, patch, expression functions, ...), so data that reached a spec could
 * otherwise change how the chart is embedded; our own `usermeta.table` is only for the page.
 */
export function specForEmbed(spec: ChartSpec): ChartSpec {
	const { usermeta: _ignored, ...rest } = spec;
	return rest;
}

/**
 * The fixed vega-embed options of every chart: no action menu, the SVG renderer (text stays
 * selectable and colours follow `currentColor`), Vega's AST + expression interpreter instead of
 * `new Function` (works under a Content-Security-Policy without `unsafe-eval`), no style
 * elements injected (a strict `style-src` would block them; the site's CSS styles the tooltip),
 * and a tooltip theme that follows the reader's colour scheme.
 */
export function embedOptions<E>(options: { dark: boolean; expr: E }) {
	return {
		actions: false,
		renderer: 'svg',
		ast: true,
		expr: options.expr,
		defaultStyle: false,
		tooltip: { theme: options.dark ? 'dark' : 'light', disableDefaultStyle: true },
		logLevel: 0,
	} as const;
}

/** Parses a data island's text; null (never a throw) when it is missing or not a JSON object. */
export function readIsland(text: string | null | undefined): ChartSpec | null {
	if (!text) return null;
	try {
		const value: unknown = JSON.parse(text);
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as ChartSpec)
			: null;
	} catch {
		return null;
	}
}

/** Width of one legend column, as in src/charts/experiment-common.ts (LEGEND_COLUMN). */
const LEGEND_COLUMN = 190;
/** About what the y axis (labels and title) adds to a chart's `width`. */
const AXIS_ROOM = 80;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Calls `visit` on `spec` and every view nested in it (layer, concat, hconcat, vconcat). */
function eachView(spec: Json, visit: (view: Json) => void): void {
	visit(spec);
	for (const key of ['layer', 'concat', 'hconcat', 'vconcat'] as const) {
		const list = spec[key];
		if (Array.isArray(list)) for (const child of list) if (isObject(child)) eachView(child, visit);
	}
}

/** Calls `visit` on every channel definition of every view's encoding. */
function eachChannel(spec: Json, visit: (channel: string, def: Json, view: Json) => void): void {
	eachView(spec, (view) => {
		const encoding = view['encoding'];
		if (!isObject(encoding)) return;
		for (const [channel, def] of Object.entries(encoding)) if (isObject(def)) visit(channel, def, view);
	});
}

/**
 * A copy of `spec` drawn to fit `available` pixels of width, for narrow screens: a chart wider
 * than that gets that width with `autosize: fit-x` (axes included), a legend below the plot gets
 * as many columns as fit, a text axis (run names) at most 40 % of the width, and a grid of panels
 * (concat) fewer columns. A chart that fits is returned unchanged: at desktop widths the live
 * chart looks like the build-time SVG. Never throws on an unexpected spec.
 */
export function fitSpec(spec: ChartSpec, available: number): ChartSpec {
	if (!(available > 0)) return spec;
	const copy = structuredClone(spec) as Json;
	const columns = copy['columns'];
	const concat = copy['concat'];
	if (Array.isArray(concat) && typeof columns === 'number') {
		const first = concat.find(isObject);
		const panel = typeof first?.['width'] === 'number' ? (first['width'] as number) : 200;
		if (panel * columns + AXIS_ROOM * columns <= available) return spec;
		const fit = Math.max(1, Math.floor(available / (panel + AXIS_ROOM)));
		copy['columns'] = fit;
		if (fit === 1) for (const view of concat) if (isObject(view) && typeof view['width'] === 'number') view['width'] = Math.max(120, Math.min(view['width'] as number, available - AXIS_ROOM));
		return copy;
	}
	const width = copy['width'];
	if (typeof width !== 'number' || width + AXIS_ROOM <= available) return spec;
	copy['width'] = Math.max(120, Math.floor(available));
	copy['autosize'] = { type: 'fit-x', contains: 'padding' };
	eachChannel(copy, (channel, def) => {
		const legend = def['legend'];
		if (isObject(legend) && legend['orient'] === 'bottom') {
			legend['columns'] = Math.max(1, Math.floor(available / LEGEND_COLUMN));
			legend['labelLimit'] = Math.min(Number(legend['labelLimit']) || LEGEND_COLUMN, Math.max(60, available - 40));
			legend['titleLimit'] = Math.max(60, available - 10);
		}
		const axis = def['axis'];
		if ((channel === 'y' || channel === 'x') && isObject(axis) && typeof axis['labelLimit'] === 'number') {
			axis['labelLimit'] = Math.min(axis['labelLimit'], Math.floor(available * 0.4));
		}
	});
	return copy;
}

/**
 * A copy of `spec` with a log scale on the quantitative `axes` (`'x'`, `'y'`) of every view, and
 * the points a log scale cannot place (zero or below) filtered out of those views. `zero` is
 * dropped from their scales; everything else about the scale stays.
 */
export function withLogScale(spec: ChartSpec, axes: readonly string[]): ChartSpec {
	if (axes.length === 0) return spec;
	const copy = structuredClone(spec) as Json;
	eachChannel(copy, (channel, def, view) => {
		if (!axes.includes(channel) || def['type'] !== 'quantitative' || typeof def['field'] !== 'string') return;
		const { zero: _zero, ...scale } = isObject(def['scale']) ? def['scale'] : {};
		def['scale'] = { ...scale, type: 'log' };
		const transform = Array.isArray(view['transform']) ? view['transform'] : [];
		view['transform'] = [...transform, { filter: { field: def['field'], gt: 0 } }];
	});
	return copy;
}
