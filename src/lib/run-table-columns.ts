import type { RunTableData } from './run-table-data.ts';
import { metricCell, type ValueChoices } from './run-table-values.ts';

/** The fixed columns of a runs table, in display order. */
export const ATTRIBUTE_COLUMNS = ['name', 'status', 'start', 'duration', 'user'] as const;
/** Columns an export adds to the displayed ones. */
export const ID_COLUMNS = ['id', 'experiment', 'parent'] as const;

/**
 * A column id: one of the attribute or id columns, or `params.<key>`, `metrics.<key>`,
 * `tags.<key>` (split at the first dot, so keys may contain dots).
 */
export type ColumnId = string;

/** What a column holds, for formatting and alignment. */
export type ColumnKind = 'text' | 'number' | 'time' | 'duration';

/** Splits a column id into its group and key. */
export function parseColumn(id: ColumnId): {
	group: 'attribute' | 'params' | 'metrics' | 'tags';
	key: string;
} {
	const dot = id.indexOf('.');
	const group = id.slice(0, dot);
	if (dot > 0 && (group === 'params' || group === 'metrics' || group === 'tags'))
		return { group, key: id.slice(dot + 1) };
	return { group: 'attribute', key: id };
}

/** Kind of a column's values. */
export function columnKind(id: ColumnId): ColumnKind {
	const { group, key } = parseColumn(id);
	if (group === 'metrics') return 'number';
	if (key === 'start') return 'time';
	if (key === 'duration') return 'duration';
	return 'text';
}

/** Every column id the data can show, attributes first, then params, metrics and tags (the chooser's order). */
export function allColumns(data: RunTableData): ColumnId[] {
	return [
		...ATTRIBUTE_COLUMNS,
		...Object.keys(data.params).map((k) => `params.${k}`),
		...Object.keys(data.metrics).map((k) => `metrics.${k}`),
		...Object.keys(data.tags).map((k) => `tags.${k}`),
	];
}

/**
 * Value of column `id` in row `i`: a number for metrics (the value chosen in `values`, else the
 * latest), start and duration; text otherwise.
 */
export function cellValue(
	data: RunTableData,
	id: ColumnId,
	i: number,
	values: ValueChoices = {},
): string | number | null {
	const { group, key } = parseColumn(id);
	if (group === 'metrics') return metricCell(data, key, i, values[key]);
	if (group === 'params') return data.params[key]?.[i] ?? null;
	if (group === 'tags') return data.tags[key]?.[i] ?? null;
	switch (key) {
		case 'id':
			return data.ids[i] ?? null;
		case 'name':
			return data.names[i] ?? null;
		case 'experiment':
			return data.experiments[i] ?? null;
		case 'status':
			return data.status[i] ?? null;
		case 'start':
			return data.start[i] ?? null;
		case 'duration':
			return data.duration[i] ?? null;
		case 'user':
			return data.user[i] ?? null;
		case 'parent':
			return data.parent[i] ?? null;
		default:
			return null;
	}
}

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * Ascending order of two cell values: numbers (and texts that are numbers, such as params
 * `"0.01"` and `"1e-3"`) numerically, other texts by code point; null and NaN last.
 */
export function compareCells(a: string | number | null, b: string | number | null): number {
	const missingA = a === null || a === '' || Number.isNaN(a);
	const missingB = b === null || b === '' || Number.isNaN(b);
	if (missingA || missingB) return Number(missingA) - Number(missingB);
	const na = typeof a === 'number' ? a : NUMERIC_TEXT.test(a!) ? Number(a) : null;
	const nb = typeof b === 'number' ? b : NUMERIC_TEXT.test(b!) ? Number(b) : null;
	if (na !== null && nb !== null) return na - nb || 0;
	if (na !== null) return -1;
	if (nb !== null) return 1;
	const [sa, sb] = [String(a), String(b)];
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Row indices sorted by a column; ties keep their input order. Missing values go last either way. */
export function sortRows(
	data: RunTableData,
	rows: readonly number[],
	id: ColumnId,
	descending: boolean,
	choices: ValueChoices = {},
): number[] {
	const values = new Map(rows.map((i) => [i, cellValue(data, id, i, choices)]));
	const missing = (v: string | number | null) => v === null || v === '' || Number.isNaN(v);
	return [...rows].sort((x, y) => {
		const [a, b] = [values.get(x)!, values.get(y)!];
		if (missing(a) || missing(b)) return Number(missing(a)) - Number(missing(b));
		return descending ? compareCells(b, a) : compareCells(a, b);
	});
}

/**
 * Places each row right after its parent when the parent is among `rows` (recursively, children
 * keeping their relative order), and gives its depth; other rows are top level. Cycles in bad
 * data end at the first repeated run.
 */
export function treeOrder(
	data: RunTableData,
	rows: readonly number[],
): { index: number; depth: number }[] {
	const byId = new Map(rows.map((i) => [data.ids[i]!, i]));
	const children = new Map<number, number[]>();
	const roots: number[] = [];
	for (const i of rows) {
		const parent = data.parent[i];
		const p = parent == null || parent === data.ids[i] ? undefined : byId.get(parent);
		if (p === undefined) roots.push(i);
		else children.set(p, [...(children.get(p) ?? []), i]);
	}
	const out: { index: number; depth: number }[] = [];
	const seen = new Set<number>();
	const visit = (i: number, depth: number) => {
		if (seen.has(i)) return;
		seen.add(i);
		out.push({ index: i, depth });
		for (const child of children.get(i) ?? []) visit(child, depth + 1);
	};
	for (const i of roots) visit(i, 0);
	for (const i of rows) visit(i, 0);
	return out;
}
