import type { CompareIndex } from '../client/compare-index.ts';

/** Most runs the picker lists for one query; the rest are counted. */
export const MAX_PICKS = 30;

/**
 * The text a run is found by in the compare page's picker, lower-cased: its id, name, status,
 * experiment name and slug (which carries a source's namespace on multi-source sites), and every
 * param as `key=value` and as its value alone.
 */
export function pickText(index: CompareIndex, row: number): string {
	const runs = index.runs;
	const experiment = index.experiments[runs.experiments[row]!];
	const parts = [runs.ids[row], runs.names[row], runs.status[row], experiment?.name, experiment?.slug];
	for (const [key, values] of Object.entries(runs.params)) {
		const value = values[row];
		if (value != null) parts.push(`${key}=${value}`, value);
	}
	return parts.filter((p) => p != null && p !== '').join('\n').toLowerCase();
}

/**
 * Rows of the index matching a picker query: every whitespace-separated word of `query` occurs
 * in the run's pickText (so `0.003 relu` finds runs with both values, and an id prefix finds
 * its run), restricted to one experiment id when given, in the index's order (newest first).
 * @returns at most MAX_PICKS rows and how many matched in all
 */
export function pickRuns(
	index: CompareIndex,
	query: string,
	experimentId: string | null,
	texts: (row: number) => string = (row) => pickText(index, row),
): { rows: number[]; total: number } {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	const rows: number[] = [];
	let total = 0;
	for (let row = 0; row < index.runs.ids.length; row++) {
		if (experimentId && index.runs.experiments[row] !== experimentId) continue;
		const text = words.length > 0 ? texts(row) : '';
		if (!words.every((w) => text.includes(w))) continue;
		total++;
		if (rows.length < MAX_PICKS) rows.push(row);
	}
	return { rows, total };
}
