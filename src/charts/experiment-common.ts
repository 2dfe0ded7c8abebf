import { minMaxLttb } from '../export/downsample.ts';
import { SERIES_COLORS } from './palette.ts';

/** The series palette, from palette.ts (re-exported: the spec builders import it from here). */
export { SERIES_COLORS };

/** Vega-Lite `$schema` of every spec. */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A cell of a chart's data-table alternative. */
export type TableCell = string | number | null;

/**
 * The data-table alternative of a chart, carried in `usermeta.table` of its spec: the page shows
 * it in a `<details>` next to the chart and leaves it out of the data island.
 */
export interface ChartTable {
	columns: string[];
	rows: TableCell[][];
}

/** A run as charts name it. */
export interface ChartRun {
	id: string;
	name: string | null;
}

/**
 * Legend labels of runs: the run name, or the first 8 characters of the id for a run without a
 * name; names used by several runs get their short id appended, so every label is unique.
 */
export function runLabels(runs: readonly ChartRun[]): string[] {
	const base = runs.map((r) => r.name ?? r.id.slice(0, 8));
	const counts = new Map<string, number>();
	for (const label of base) counts.set(label, (counts.get(label) ?? 0) + 1);
	const labels = base.map((label, i) =>
		counts.get(label)! > 1 ? `${label} (${runs[i]!.id.slice(0, 8)})` : label,
	);
	// A name could equal another run's "name (id)" label; fall back to full ids then.
	return new Set(labels).size === labels.length ? labels : runs.map((r) => r.id);
}

/** A metric history as columns. */
export interface SeriesColumns {
	step: readonly number[];
	value: readonly number[];
}

/**
 * At most `maxPoints` points of a history, chosen by MinMaxLTTB (first, last, minimum and
 * maximum kept); non-finite values are dropped first.
 */
export function thinSeries(
	series: SeriesColumns,
	maxPoints: number,
): { step: number[]; value: number[] } {
	const keep = series.value.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
	const step = keep.map((i) => series.step[i]!);
	const value = keep.map((i) => series.value[i]!);
	if (step.length <= maxPoints) return { step, value };
	const picked = minMaxLttb(step, value, Math.max(4, maxPoints));
	return { step: Array.from(picked, (i) => step[i]!), value: Array.from(picked, (i) => value[i]!) };
}

/** Rounds for display in data tables: 6 significant digits, integers unchanged. */
export function roundForTable(value: number | null | undefined): number | null {
	if (value == null || !Number.isFinite(value)) return null;
	return Number.isInteger(value) ? value : Number(value.toPrecision(6));
}

/** True when positive values span at least two decades, where a log axis reads better. */
export function wantsLogScale(values: readonly number[]): boolean {
	if (values.length < 2 || values.some((v) => !(v > 0))) return false;
	return Math.max(...values) / Math.min(...values) >= 100;
}

/** Width of one column of a legend below a chart, in pixels (label, swatch and gap). */
export const LEGEND_COLUMN = 190;

/**
 * The legend of a chart with one colour per series: below the plot (a legend to the right took
 * half of a phone's width), in as many columns as fit `width`, each label up to a column wide.
 * `<vega-chart>` recomputes the columns when it fits a chart to a narrow screen (fitSpec).
 */
export function seriesLegend(width: number, title: string) {
	return {
		title,
		orient: 'bottom' as const,
		direction: 'vertical' as const,
		columns: Math.max(1, Math.floor(width / LEGEND_COLUMN)),
		labelLimit: LEGEND_COLUMN - 30,
		titleLimit: width,
		symbolType: 'stroke' as const,
	};
}

/**
 * A point selection bound to the legend: clicking a legend entry (shift-click for more) leaves
 * its series at full strength and dims the others; clicking the empty legend area or double
 * clicking clears it. `opacity` is the matching encoding, for the marks of every series.
 */
export const LEGEND_FOCUS = {
	param: { name: 'focus', select: { type: 'point' as const, fields: ['run'] }, bind: 'legend' as const },
	opacity: { condition: { param: 'focus', value: 1 }, value: 0.15 },
};
