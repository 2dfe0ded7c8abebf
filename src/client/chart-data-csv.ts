import { csvField } from '../lib/history-csv.ts';

/**
 * The data of a chart as CSV, made from its Vega-Lite spec: every inline dataset (`data.values`
 * at any level, and `datasets`), one row per record. A record of equal-length arrays (the run
 * charts' compact columns, flattened by the spec) becomes one row per index. Columns are the
 * union of the records' keys in first-seen order; a spec with several datasets gets a first
 * column `dataset` naming each. Pure, so tests run it in Node.
 */
export function chartDataCsv(spec: unknown): string {
	const sets = inlineDatasets(spec);
	const several = sets.length > 1;
	const rows: Record<string, unknown>[] = [];
	sets.forEach(({ name, values }) => {
		for (const record of values.flatMap(expandColumns)) rows.push(several ? { dataset: name, ...record } : record);
	});
	const columns: string[] = [];
	for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
	return [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\n') + '\n';
}

/** Every inline dataset of a spec, depth first: `datasets` by name, then `data.values` where they are. */
function inlineDatasets(spec: unknown): { name: string; values: unknown[] }[] {
	const found: { name: string; values: unknown[] }[] = [];
	const seen = new Set<unknown>();
	const visit = (node: unknown, path: string) => {
		if (node === null || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${path}${i + 1}`));
		const object = node as Record<string, unknown>;
		const datasets = object['datasets'];
		if (datasets && typeof datasets === 'object') {
			for (const [name, values] of Object.entries(datasets)) if (Array.isArray(values) && !seen.has(values)) seen.add(values), found.push({ name, values });
		}
		const values = (object['data'] as { values?: unknown } | undefined)?.values;
		if (Array.isArray(values) && !seen.has(values)) seen.add(values), found.push({ name: path || 'data', values });
		for (const key of ['layer', 'concat', 'hconcat', 'vconcat', 'spec']) if (key in object) visit(object[key], path ? `${path}.${key}` : key);
	};
	visit(spec, '');
	return found;
}

/** `{ s: [0, 1], v: [3, 4] }` → two rows; any other record is one row. */
function expandColumns(record: unknown): Record<string, unknown>[] {
	if (record === null || typeof record !== 'object' || Array.isArray(record)) return [{ value: record }];
	const entries = Object.entries(record);
	const lengths = new Set(entries.map(([, v]) => (Array.isArray(v) ? v.length : -1)));
	if (entries.length === 0 || lengths.size !== 1 || lengths.has(-1)) return [record as Record<string, unknown>];
	const length = [...lengths][0]!;
	return Array.from({ length }, (_, i): Record<string, unknown> => Object.fromEntries(entries.map(([k, v]) => [k, (v as unknown[])[i]])));
}

/** A CSV cell: numbers as JavaScript writes them, text through csvField (quoted, formulas defused), objects as JSON. */
function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return csvField(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A file name for a chart's downloads: its title, lower-cased, with anything but letters, digits, `-`, `_` and `.` as `-`. */
export function chartFileName(title: string): string {
	return title.toLowerCase().replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80) || 'chart';
}
