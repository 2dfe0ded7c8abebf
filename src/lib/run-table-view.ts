import { FilterExpressionError, parseFilter, type FilterClause } from './filter-expression.ts';
import { matchesFilter } from './matches-filter.ts';
import { sortRows, treeOrder, type ColumnId } from './run-table-columns.ts';
import { rowFields, type RunTableData } from './run-table-data.ts';

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
}

export const DEFAULT_STATE: TableState = {
	q: '',
	filter: '',
	sort: null,
	desc: false,
	columns: null,
	page: 0,
	group: true,
};

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
}

/** Applies text filter, filter expression, sort, grouping and paging to the table data. */
export function tableView(data: RunTableData, state: TableState): TableView {
	let error: FilterExpressionError | null = null;
	let clauses: FilterClause[] = [];
	try {
		clauses = parseFilter(state.filter);
	} catch (e) {
		if (!(e instanceof FilterExpressionError)) throw e;
		error = e;
	}
	const needle = state.q.trim().toLowerCase();
	const hit = (value: string | null | undefined) =>
		value != null && value.toLowerCase().includes(needle);
	let rows: number[] = [];
	for (let i = 0; i < data.ids.length; i++) {
		if (needle && !hit(data.names[i]) && !hit(data.ids[i]) && !hit(data.user[i])) continue;
		if (clauses.length > 0 && !matchesFilter(rowFields(data, i), clauses)) continue;
		rows.push(i);
	}
	if (state.sort) rows = sortRows(data, rows, state.sort, state.desc);
	const ordered = state.group ? treeOrder(data, rows) : rows.map((index) => ({ index, depth: 0 }));
	const pageCount = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
	const pageIndex = Math.min(Math.max(0, state.page), pageCount - 1);
	return {
		rows: ordered,
		page: ordered.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE),
		pageIndex,
		pageCount,
		error,
	};
}
