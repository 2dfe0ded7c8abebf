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
import {
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
 * column chooser, child runs under their parent, selection for the compare page, CSV/JSON
 * download. The state lives in the query string. Every value is written with textContent.
 *
 * Attributes: `data-columns` (JSON list of default column ids), `data-base` (site base URL),
 * `data-file` (download file name without extension), optional `data-src`.
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
		q.value = this.#state.q;
		filter.value = this.#state.filter;
		group.checked = this.#state.group;
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

	#columns(): ColumnId[] {
		const known = new Set(this.#data ? allColumns(this.#data) : this.#defaults);
		// The run column carries the selection checkbox, so it is always shown, first.
		return [
			'name',
			...(this.#state.columns ?? this.#defaults).filter((c) => c !== 'name' && known.has(c)),
		];
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
		if (input.name === 'select') {
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
			const same =
				chosen.length === this.#defaults.length && chosen.every((c, i) => c === this.#defaults[i]);
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
		const columns = this.#columns();
		const table = this.#el<HTMLTableElement>('table');
		const head = document.createElement('tr');
		for (const id of columns) {
			const th = Object.assign(document.createElement('th'), { scope: 'col' });
			if (columnKind(id) !== 'text' || id === 'duration') th.className = 'num';
			const button = Object.assign(document.createElement('button'), {
				type: 'button',
				className: 'sort',
				textContent: this.#label(id),
			});
			button.dataset['sort'] = id;
			if (this.#state.sort === id)
				th.setAttribute('aria-sort', this.#state.desc ? 'descending' : 'ascending');
			th.append(button);
			head.append(th);
		}
		table.tHead?.remove();
		table.createTHead().append(head);
		const body = document.createElement('tbody');
		for (const { index, depth } of view.page) body.append(this.#row(data, index, depth, columns));
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
			view.rows.length === 0
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
			const value = cellValue(data, column, i);
			const kind = columnKind(column);
			if (column === 'name') {
				const a = Object.assign(document.createElement('a'), {
					href: `${this.#base()}runs/${encodeURIComponent(id)}/`,
					textContent: data.names[i] ?? id.slice(0, 8),
				});
				td.className = 'run-cell';
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
