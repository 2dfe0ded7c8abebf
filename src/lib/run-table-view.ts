import { FilterExpressionError, parseFilter, type FilterClause } from './filter-expression.ts';
import { matchesFilter } from './matches-filter.ts';
import { cellValue, parseColumn, sortRows, treeOrder, type ColumnId } from './run-table-columns.ts';
import { rowFields, type RunTableData } from './run-table-data.ts';
import { groupByParam, meanSd, sortGroups, type RunGroup } from './run-table-groups.ts';
import { metricCell, VALUE_CHOICES, type ValueChoice, type ValueChoices } from './run-table-values.ts';

/** Rows per page of the runs table; the page never renders more. */
export const PAGE_SIZE = 100;

/** What the reader chose in a runs table; kept in the page's query string. */
export interface TableState {
	/** Text filter on run name, id and user, case-insensitive (`?q=`). */
	q: string;
	/** MLflow filter expression (`?filter=`). */
	filter: string;
	/** Sorted column (`?sort=metrics.val_loss`, `-` prefix for descending); null keeps the page's order. */
	sort: ColumnId | null;
	desc: boolean;
	/** Shown columns (`?cols=`); null shows the page's default columns. */
	columns: ColumnId[] | null;
	/** 0-based page (`?page=` is 1-based). */
	page: number;
	/** Child runs under their parent (`?flat=1` turns it off). */
	group: boolean;
	/** Which value each metric column shows (`?value.val_loss=min`); unlisted keys show `last`. */
	values: ValueChoices;
	/** Only the param, metric and tag columns whose value is not the same in every run (`?diff=1`). */
	onlyDiff: boolean;
	/** Param whose values group the runs into rows of mean ± sd (`?by=lr`); null shows runs. */
	by: string | null;
}

export const DEFAULT_STATE: TableState = {
	q: '',
	filter: '',
	sort: null,
	desc: false,
	columns: null,
	page: 0,
	group: true,
	values: {},
	onlyDiff: false,
	by: null,
};

const VALUE_PREFIX = 'value.';

/** Reads the table state from a query string; unknown or malformed values fall back to defaults. */
export function readTableState(query: URLSearchParams): TableState {
	const sort = query.get('sort');
	const page = Number.parseInt(query.get('page') ?? '', 10);
	const cols = query.get('cols');
	return {
		q: query.get('q') ?? '',
		filter: query.get('filter') ?? '',
		sort: sort ? sort.replace(/^-/, '') : null,
		desc: sort?.startsWith('-') ?? false,
		columns: cols === null ? null : cols.split(',').filter((c) => c !== ''),
		page: Number.isFinite(page) && page > 1 ? page - 1 : 0,
		group: query.get('flat') !== '1',
		values: Object.fromEntries(
			[...query]
				.filter(([k, v]) => k.startsWith(VALUE_PREFIX) && v !== 'last' && VALUE_CHOICES.includes(v as ValueChoice))
				.map(([k, v]) => [k.slice(VALUE_PREFIX.length), v as ValueChoice]),
		),
		onlyDiff: query.get('diff') === '1',
		by: query.get('by') || null,
	};
}

/** Writes the non-default parts of `state` into `query` (other parameters are kept). */
export function writeTableState(
	state: TableState,
	query: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
	const set = (key: string, value: string | null) =>
		value === null ? query.delete(key) : query.set(key, value);
	set('q', state.q || null);
	set('filter', state.filter || null);
	set('sort', state.sort ? `${state.desc ? '-' : ''}${state.sort}` : null);
	set('cols', state.columns ? state.columns.join(',') : null);
	set('page', state.page > 0 ? String(state.page + 1) : null);
	set('flat', state.group ? null : '1');
	for (const key of [...query.keys()]) if (key.startsWith(VALUE_PREFIX)) query.delete(key);
	for (const [key, choice] of Object.entries(state.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
		if (choice !== 'last') query.set(`${VALUE_PREFIX}${key}`, choice);
	set('diff', state.onlyDiff ? '1' : null);
	set('by', state.by);
	return query;
}

/** The rows a state shows. */
export interface TableView {
	/** Every matching row in display order, with its depth under a parent. */
	rows: { index: number; depth: number }[];
	/** Rows of the current page (at most PAGE_SIZE), the page clamped to the last one. */
	page: { index: number; depth: number }[];
	pageIndex: number;
	pageCount: number;
	/** The filter expression's error; the expression is then not applied. */
	error: FilterExpressionError | null;
	/** With `by`: every group of matching runs, in display order; null otherwise. */
	groups: RunGroup[] | null;
	/** With `by`: the groups of the current page (paging counts groups); empty otherwise. */
	groupPage: RunGroup[];
}

/**
 * The param, metric and tag columns among `columns` whose value differs between runs (a run
 * without the key counts as a value of its own); attribute columns are always kept.
 */
export function differingColumns(data: RunTableData, columns: readonly ColumnId[], values: ValueChoices = {}): ColumnId[] {
	return columns.filter((id) => {
		if (parseColumn(id).group === 'attribute') return true;
		const seen = new Set<string>();
		for (let i = 0; i < data.ids.length && seen.size < 2; i++) seen.add(String(cellValue(data, id, i, values)));
		return seen.size > 1;
	});
}

/**
 * Applies text filter, filter expression, sort, grouping and paging to the table data. Metric
 * filters and sorts read the value each column shows (`values`); with `by`, the matching runs
 * are grouped by that param and pages count groups.
 */
export function tableView(data: RunTableData, state: TableState): TableView {
	let error: FilterExpressionError | null = null;
	let clauses: FilterClause[] = [];
	try {
		clauses = parseFilter(state.filter);
	} catch (e) {
		if (!(e instanceof FilterExpressionError)) throw e;
		error = e;
	}
	const chosen = (key: string, i: number) => metricCell(data, key, i, state.values[key]);
	const needle = state.q.trim().toLowerCase();
	const hit = (value: string | null | undefined) =>
		value != null && value.toLowerCase().includes(needle);
	let rows: number[] = [];
	for (let i = 0; i < data.ids.length; i++) {
		if (needle && !hit(data.names[i]) && !hit(data.ids[i]) && !hit(data.user[i])) continue;
		if (clauses.length > 0 && !matchesFilter(rowFields(data, i, chosen), clauses)) continue;
		rows.push(i);
	}
	if (state.sort) rows = sortRows(data, rows, state.sort, state.desc, state.values);
	if (state.by) {
		let groups = groupByParam(data, rows, state.by);
		const sorted = state.sort ? parseColumn(state.sort) : null;
		if (sorted?.group === 'metrics') {
			const mean = (g: RunGroup) => meanSd(g.indices.map((i) => chosen(sorted.key, i)))?.mean ?? null;
			groups = sortGroups(groups, mean, state.desc);
		}
		const pageCount = Math.max(1, Math.ceil(groups.length / PAGE_SIZE));
		const pageIndex = Math.min(Math.max(0, state.page), pageCount - 1);
		return {
			rows: rows.map((index) => ({ index, depth: 0 })),
			page: [],
			pageIndex,
			pageCount,
			error,
			groups,
			groupPage: groups.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE),
		};
	}
	const ordered = state.group ? treeOrder(data, rows) : rows.map((index) => ({ index, depth: 0 }));
	const pageCount = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
	const pageIndex = Math.min(Math.max(0, state.page), pageCount - 1);
	return {
		rows: ordered,
		page: ordered.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE),
		pageIndex,
		pageCount,
		error,
		groups: null,
		groupPage: [],
	};
}
