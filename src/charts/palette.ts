import type { Config } from 'vega-lite';

/**
 * Series colours that keep at least 3:1 contrast on both the light (#ffffff) and the dark
 * (#15171a) page background, so one rendered SVG reads in either colour scheme.
 */
export const CHART_COLORS = [
	'#3b82c4',
	'#e0792b',
	'#2f9e6e',
	'#d1495b',
	'#8a6fd1',
	'#a07a2c',
	'#2a9bb0',
	'#c2569e',
] as const;

/**
 * Ten series colours for charts with one line per run or metric: CHART_COLORS and two more of
 * the same 3:1 contrast on both backgrounds, so a best-10 overlay repeats none. One palette for
 * light and dark pages: a run keeps its colour when the reader switches scheme, and the
 * build-time SVG (drawn once) reads in either.
 */
export const SERIES_COLORS: readonly string[] = [...CHART_COLORS, '#6f9a1f', '#8c8c8c'];

/**
 * The Vega-Lite config of every chart: transparent background, text and axes in `currentColor`
 * (they follow the page's text colour), grid lines in a neutral grey that CSS may restyle
 * (`.role-axis-grid line`), the system font stack.
 */
export const chartConfig: Config = {
	background: 'transparent',
	font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
	view: { stroke: null },
	range: { category: [...CHART_COLORS] },
	axis: {
		labelColor: 'currentColor',
		titleColor: 'currentColor',
		domainColor: 'currentColor',
		tickColor: 'currentColor',
		gridColor: '#8884',
		labelFontSize: 11,
		titleFontSize: 11,
		titleFontWeight: 'normal',
	},
	legend: { labelColor: 'currentColor', titleColor: 'currentColor' },
	title: { color: 'currentColor', fontSize: 13, anchor: 'start' },
	line: { strokeWidth: 2, color: CHART_COLORS[0] },
	point: { color: CHART_COLORS[0], filled: true, size: 30 },
};
