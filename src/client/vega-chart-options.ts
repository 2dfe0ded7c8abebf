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
