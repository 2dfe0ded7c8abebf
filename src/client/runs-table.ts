import { compareHref, MAX_COMPARE } from '../lib/compare-state.ts';
import { formatDuration } from '../lib/format-duration.ts';
import { formatMetric } from '../lib/format-metric.ts';
import { formatTime } from '../lib/format-time.ts';
import {
	allColumns,
	cellValue,
	columnKind,
	parseColumn,
	type ColumnId,
} from '../lib/run-table-columns.ts';
import type { RunTableData } from '../lib/run-table-data.ts';
import { tableToCsv, tableToJson } from '../lib/run-table-export.ts';
import { meanSd, type RunGroup } from '../lib/run-table-groups.ts';
import { headerGroups } from '../lib/run-table-header.ts';
import { metricCell, valueChoices, type ValueChoice } from '../lib/run-table-values.ts';
import {
	differingColumns,
	readTableState,
	tableView,
	writeTableState,
	type TableState,
} from '../lib/run-table-view.ts';

/**
 * `<runs-table>`: progressively enhances the server-rendered runs table (its first page). Reads
 * the full table data from a child `<script type="application/json" data-runs>`, or fetches
 * `data-src` when the reader first uses the controls (big experiments), then renders one page
 * of at most 100 rows at a time: sort by any column, text filter, MLflow filter expression,
 * column chooser, the last/min/max/best value of each metric, only the columns that differ,
 * runs grouped by a param (mean ± sd), child runs under their parent, selection for the compare
 * page, CSV/JSON download. Headers are grouped (see headerGroups). The state lives in the query
 * string. Every value is written with textContent.
 *
 * Attributes: `data-columns` (JSON list of default column ids), `data-primary` (the primary
 * metric key), `data-base` (site base URL), `data-file` (download file name without extension),
 * optional `data-src`.
 */
class RunsTable extends HTMLElement {
	#data: RunTableData | null = null;
	#loading: Promise<void> | null = null;
	#state: TableState = readTableState(new URLSearchParams(location.search));
	#defaults: ColumnId[] = [];
	#selected = new Set<string>();
	#timer: ReturnType<typeof setTimeout> | undefined;

	connectedCallback() {
		if (!this.querySelector('table')) return;
		this.#defaults = JSON.parse(this.dataset['columns'] ?? '[]') as ColumnId[];
		const controls = this.#el<HTMLElement>('[data-controls]');
		controls.hidden = false;
		const q = this.#el<HTMLInputElement>('[name=q]');
		const filter = this.#el<HTMLInputElement>('[name=filter]');
		const group = this.#el<HTMLInputElement>('[name=group]');
		const diff = this.#el<HTMLInputElement>('[name=diff]');
		const by = this.#el<HTMLSelectElement>('select[name=by]');
		q.value = this.#state.q;
		filter.value = this.#state.filter;
		group.checked = this.#state.group;
		diff.checked = this.#state.onlyDiff;
		by.value = this.#state.by ?? '';
		diff.addEventListener('change', () =>
			this.#update(() => (this.#state = { ...this.#state, onlyDiff: diff.checked })),
		);
		by.addEventListener('change', () =>
			this.#update(() => (this.#state = { ...this.#state, by: by.value || null, page: 0 })),
		);
		const later = (apply: () => void) => {
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => this.#update(apply), 150);
		};
		q.addEventListener('input', () =>
			later(() => (this.#state = { ...this.#state, q: q.value, page: 0 })),
		);
		filter.addEventListener('input', () =>
			later(() => (this.#state = { ...this.#state, filter: filter.value, page: 0 })),
		);
		group.addEventListener('change', () =>
			this.#update(() => (this.#state = { ...this.#state, group: group.checked })),
		);
		// Big experiments fetch their data when the reader reaches for the table, then show checkboxes.
		// Rendering replaces the header, so it must happen once only: a second render between
		// mousedown (focusin) and mouseup would swallow the first click on a sort button.
		const activate = () => {
			for (const type of ['focusin', 'pointerenter', 'touchstart'])
				this.removeEventListener(type, activate);
			if (!this.#data) void this.#update(() => {});
		};
		for (const type of ['focusin', 'pointerenter', 'touchstart'])
			this.addEventListener(type, activate, { passive: true });
		this.addEventListener('click', (event) => this.#onClick(event));
		this.addEventListener('change', (event) => this.#onChange(event));
		const defaultState = writeTableState(this.#state).toString() === '';
		if (this.querySelector('script[data-runs]') || !defaultState) void this.#update(() => {});
	}

	#el<T extends Element>(selector: string): T {
		return this.querySelector<T>(selector)!;
	}

	async #load() {
		this.#loading ??= (async () => {
			const island = this.querySelector('script[data-runs]');
			if (island) this.#data = JSON.parse(island.textContent ?? 'null') as RunTableData;
			else if (this.dataset['src']) {
				this.#el<HTMLElement>('[data-pager-status]').textContent = 'Loading all runs…';
				const response = await fetch(this.dataset['src']);
				if (response.ok) this.#data = (await response.json()) as RunTableData;
			}
			if (this.#data) this.#renderColumnChooser();
		})();
		return this.#loading;
	}

	async #update(apply: () => void) {
		apply();
		await this.#load();
		if (!this.#data) return;
		this.#render();
		const query = writeTableState(this.#state, new URLSearchParams(location.search));
		const search = query.toString();
		history.replaceState(
			history.state,
			'',
			`${location.pathname}${search ? `?${search}` : ''}${location.hash}`,
		);
	}

	/** The chosen (or default) columns the data has, without unchanging ones when asked. */
	#chosenColumns(): ColumnId[] {
		const known = new Set(this.#data ? allColumns(this.#data) : this.#defaults);
		// The run column carries the selection checkbox, so it is always shown, first.
		const chosen = [
			'name',
			...(this.#state.columns ?? this.#defaults).filter((c) => c !== 'name' && known.has(c)),
		];
		return this.#state.onlyDiff && this.#data
			? differingColumns(this.#data, chosen, this.#state.values)
			: chosen;
	}

	#columns(): ColumnId[] {
		return this.#groups().flatMap((g) => g.columns);
	}

	#groups() {
		return headerGroups(this.#chosenColumns(), this.dataset['primary']);
	}

	#onClick(event: Event) {
		const target = event.target as HTMLElement;
		const sort = target.closest<HTMLButtonElement>('button[data-sort]');
		if (sort) {
			const id = sort.dataset['sort']!;
			void this.#update(() => {
				const same = this.#state.sort === id;
				this.#state = {
					...this.#state,
					sort: same && this.#state.desc ? null : id,
					desc: same && !this.#state.desc,
					page: 0,
				};
			});
		}
		const page = target.closest<HTMLButtonElement>('button[data-page]');
		if (page)
			void this.#update(
				() =>
					(this.#state = { ...this.#state, page: this.#state.page + Number(page.dataset['page']) }),
			);
		const download = target.closest<HTMLButtonElement>('button[data-download]');
		if (download) void this.#download(download.dataset['download'] as 'csv' | 'json');
	}

	#onChange(event: Event) {
		const input = event.target as HTMLInputElement;
		if (input.name === 'value') {
			const key = input.dataset['key']!;
			const choice = input.value as ValueChoice;
			void this.#update(() => {
				const values = { ...this.#state.values };
				if (choice === 'last') delete values[key];
				else values[key] = choice;
				this.#state = { ...this.#state, values };
			});
		} else if (input.name === 'select') {
			if (input.checked) this.#selected.add(input.value);
			else this.#selected.delete(input.value);
			this.#renderCompare();
		} else if (input.name === 'column') {
			const chosen = [
				'name',
				...[...this.querySelectorAll<HTMLInputElement>('input[name=column]:checked')].map(
					(c) => c.value,
				),
			];
			// Display order comes from headerGroups, so the defaults are matched as a set.
			const defaults = new Set(this.#defaults);
			const same = chosen.length === defaults.size && chosen.every((c) => defaults.has(c));
			void this.#update(() => (this.#state = { ...this.#state, columns: same ? null : chosen }));
		}
	}

	async #download(kind: 'csv' | 'json') {
		await this.#load();
		if (!this.#data) return;
		const rows = tableView(this.#data, { ...this.#state, page: 0 }).rows.map((r) => r.index);
		const text =
			kind === 'csv'
				? `\uFEFF${tableToCsv(this.#data, this.#columns(), rows)}`
				: tableToJson(this.#data, rows);
		const url = URL.createObjectURL(
			new Blob([text], { type: kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }),
		);
		const a = document.createElement('a');
		a.href = url;
		a.download = `${this.dataset['file'] ?? 'runs'}.${kind}`;
		a.click();
		setTimeout(() => URL.revokeObjectURL(url), 1000);
	}

	#renderColumnChooser() {
		const box = this.#el<HTMLElement>('[data-columns-list]');
		const shown = new Set(this.#columns());
		box.replaceChildren(
			...allColumns(this.#data!)
				.filter((id) => id !== 'name')
				.map((id) => {
					const label = document.createElement('label');
					const input = Object.assign(document.createElement('input'), {
						type: 'checkbox',
						name: 'column',
						value: id,
						checked: shown.has(id),
					});
					label.append(input, ` ${id}`);
					return label;
				}),
		);
	}

	#render() {
		const data = this.#data!;
		const view = tableView(data, this.#state);
		const groups = this.#groups();
		const columns = groups.flatMap((g) => g.columns);
		const table = this.#el<HTMLTableElement>('table');
		const groupRow = document.createElement('tr');
		groupRow.className = 'runs-groups';
		for (const g of groups) {
			if (g.id === 'run') {
				groupRow.append(Object.assign(document.createElement('td'), { className: 'run-col' }));
				continue;
			}
			const th = Object.assign(document.createElement('th'), {
				scope: 'colgroup',
				colSpan: g.columns.length,
				className: `group-${g.id}`,
				textContent: g.label,
			});
			groupRow.append(th);
		}
		const head = document.createElement('tr');
		for (const id of columns) {
			const th = Object.assign(document.createElement('th'), { scope: 'col' });
			const classes = [];
			if (id === 'name') classes.push('run-col');
			if (columnKind(id) !== 'text' || id === 'duration') classes.push('num');
			if (id.includes('.')) classes.push('mono');
			th.className = classes.join(' ');
			const button = Object.assign(document.createElement('button'), {
				type: 'button',
				className: 'sort',
				textContent: this.#label(id),
			});
			button.dataset['sort'] = id;
			if (this.#state.sort === id)
				th.setAttribute('aria-sort', this.#state.desc ? 'descending' : 'ascending');
			th.append(button);
			const { group, key } = parseColumn(id);
			if (group === 'metrics') th.append(this.#valueSelect(data, key));
			head.append(th);
		}
		table.tHead?.remove();
		table.createTHead().append(groupRow, head);
		const body = document.createElement('tbody');
		if (view.groups) for (const g of view.groupPage) body.append(this.#groupRow(data, g, columns));
		else for (const { index, depth } of view.page) body.append(this.#row(data, index, depth, columns));
		table.tBodies[0]?.replaceWith(body);
		if (!table.tBodies[0]) table.append(body);
		const error = this.#el<HTMLElement>('[data-filter-error]');
		error.textContent = view.error ? view.error.message : '';
		this.#el<HTMLInputElement>('[name=filter]').setAttribute(
			'aria-invalid',
			String(view.error !== null),
		);
		const first = view.pageIndex * 100;
		this.#el<HTMLElement>('[data-pager-status]').textContent =
			view.groups && view.rows.length > 0
				? `${view.groups.length} group${view.groups.length === 1 ? '' : 's'} of ${view.rows.length} run${view.rows.length === 1 ? '' : 's'} by ${this.#state.by}; metrics are mean ± sd.`
				: view.rows.length === 0
				? `No run matches (of ${data.ids.length}).`
				: `Runs ${first + 1}–${first + view.page.length} of ${view.rows.length}${view.rows.length < data.ids.length ? ` matching (${data.ids.length} in all)` : ''}.`;
		this.#el<HTMLButtonElement>('button[data-page="-1"]').disabled = view.pageIndex === 0;
		this.#el<HTMLButtonElement>('button[data-page="1"]').disabled =
			view.pageIndex >= view.pageCount - 1;
		this.#state = { ...this.#state, page: view.pageIndex };
		this.#renderCompare();
	}

	#label(id: ColumnId): string {
		const { group, key } = parseColumn(id);
		if (group !== 'attribute') return key;
		return (
			{ name: 'Run', status: 'Status', start: 'Start (UTC)', duration: 'Duration', user: 'User' }[
				key
			] ?? key
		);
	}

	#row(data: RunTableData, i: number, depth: number, columns: ColumnId[]) {
		const tr = document.createElement('tr');
		if (depth > 0) {
			tr.className = `child depth-${Math.min(depth, 3)}`;
			tr.style.setProperty('--depth', String(depth));
		}
		const id = data.ids[i]!;
		const check = Object.assign(document.createElement('input'), {
			type: 'checkbox',
			name: 'select',
			value: id,
			checked: this.#selected.has(id),
		});
		check.setAttribute('aria-label', `Select run ${data.names[i] ?? id}`);
		for (const column of columns) {
			const td = document.createElement('td');
			const value = cellValue(data, column, i, this.#state.values);
			const kind = columnKind(column);
			if (column === 'name') {
				const a = Object.assign(document.createElement('a'), {
					href: `${this.#base()}runs/${encodeURIComponent(id)}/`,
				});
				const name = data.names[i] ?? id.slice(0, 8);
				// Long names are cut with an ellipsis (the full name in the title), so the sticky
				// run column leaves room for the numbers on a phone.
				a.append(Object.assign(document.createElement('bdi'), { className: 'truncate', textContent: name, title: name }));
				td.className = 'run-cell run-col';
				td.append(check, ' ', a);
			} else if (kind === 'number') {
				td.className = 'num';
				td.textContent = formatMetric(value as number | null);
			} else if (kind === 'time') {
				td.className = 'nowrap';
				td.textContent = formatTime(value as number | null, { compact: true });
			} else if (kind === 'duration') {
				td.className = 'num';
				td.textContent = formatDuration(value as number | null);
			} else {
				td.textContent = value === null ? '—' : String(value);
				if (column.startsWith('params.') || column.startsWith('tags.')) td.className = 'mono';
				if (column === 'status') td.dataset['runStatus'] = String(value);
			}
			tr.append(td);
		}
		return tr;
	}

	/** The last/min/max/best choice of a metric column; `best` only for a known direction. */
	#valueSelect(data: RunTableData, key: string): HTMLSelectElement {
		const select = Object.assign(document.createElement('select'), {
			name: 'value',
			className: 'value-choice',
		});
		select.dataset['key'] = key;
		select.setAttribute('aria-label', `Value of ${key}`);
		const choices = valueChoices(data, key);
		for (const choice of choices) {
			const label =
				choice === 'best' ? `best (${data.directions?.[key] === 'lower' ? 'min' : 'max'})` : choice;
			select.append(Object.assign(document.createElement('option'), { value: choice, textContent: label }));
		}
		const chosen = this.#state.values[key];
		select.value = chosen && choices.includes(chosen) ? chosen : 'last';
		select.disabled = choices.length === 1;
		return select;
	}

	/** One row per param value: its runs' mean ± sd of each metric, the shared value of the rest. */
	#groupRow(data: RunTableData, group: RunGroup, columns: ColumnId[]) {
		const tr = document.createElement('tr');
		tr.className = 'group-row';
		for (const column of columns) {
			const { group: kind, key } = parseColumn(column);
			if (column === 'name') {
				const th = Object.assign(document.createElement('th'), {
					scope: 'row',
					className: 'run-cell run-col',
				});
				const n = group.indices.length;
				th.append(
					Object.assign(document.createElement('span'), {
						className: 'mono',
						textContent: `${this.#state.by} = ${group.value ?? '—'}`,
					}),
					Object.assign(document.createElement('span'), {
						className: 'muted',
						textContent: ` (${n} run${n === 1 ? '' : 's'})`,
					}),
				);
				tr.append(th);
				continue;
			}
			const td = document.createElement('td');
			if (kind === 'metrics') {
				td.className = 'num';
				const stats = meanSd(group.indices.map((i) => metricCell(data, key, i, this.#state.values[key])));
				if (stats === null) td.textContent = '—';
				else {
					td.textContent = formatMetric(stats.mean);
					if (stats.sd !== null)
						td.append(
							Object.assign(document.createElement('span'), {
								className: 'sd',
								textContent: ` ± ${formatMetric(stats.sd)}`,
							}),
						);
					td.title = `mean of ${stats.n} run${stats.n === 1 ? '' : 's'}`;
				}
			} else if (kind === 'params' || kind === 'tags') {
				td.className = 'mono';
				const values = new Set(group.indices.map((i) => cellValue(data, column, i)));
				td.textContent =
					values.size === 1 ? String([...values][0] ?? '—') : `${values.size} values`;
			} else td.textContent = '';
			tr.append(td);
		}
		return tr;
	}

	#base(): string {
		const base = this.dataset['base'] ?? '/';
		return base.endsWith('/') ? base : `${base}/`;
	}

	#renderCompare() {
		const link = this.#el<HTMLAnchorElement>('[data-compare]');
		const ids = [...this.#selected];
		link.textContent = `Compare selected (${ids.length})`;
		if (ids.length === 0) link.removeAttribute('href');
		else link.href = compareHref(this.#base(), ids.slice(0, MAX_COMPARE));
		link.title =
			ids.length > MAX_COMPARE ? `The compare page shows the first ${MAX_COMPARE} runs.` : '';
	}
}

if (!customElements.get('runs-table')) customElements.define('runs-table', RunsTable);
