import { compareHistorySpec, type CompareSeries } from '../charts/compare-history.ts';
import { splitMetricGroups } from '../charts/run-metrics.ts';
import { runLabels } from '../charts/experiment-common.ts';
import { metricDeltas, paramKeys, VERDICT_MARK } from '../lib/compare-deltas.ts';
import {
	MAX_COMPARE,
	readCompareState,
	writeCompareState,
	type CompareState,
} from '../lib/compare-state.ts';
import { formatMetric } from '../lib/format-metric.ts';
import { formatTime } from '../lib/format-time.ts';
import { jsonIsland } from '../lib/json-island.ts';
import { pickRuns, pickText } from '../lib/compare-pick.ts';
import { browserStorage, readSelection, writeSelection } from '../lib/compare-selection.ts';
import { knownDirection } from '../lib/metric-direction.ts';
import { metricNumber } from '../lib/run-table-data.ts';
import { fillRunSeriesPath } from '../lib/series-shard.ts';
import type { RunSeries } from '../schemas/series.ts';
import type { CompareIndex } from './compare-index.ts';
import { loadRunSeries } from './run-series.ts';
import { specForEmbed } from './vega-chart-options.ts';
import './vega-chart.ts';
import { fillChartDownloads } from './chart-downloads.ts';

/** Most history charts drawn; the metrics table still lists every metric. */
const MAX_CHARTS = 24;
/** Charts of a quantity's splits together (train and validation loss of every compared run). */
const MAX_GROUP_CHARTS = 4;

/** Creates an element with properties and children; text is always set as text, never as HTML. */
function el(
	tag: string,
	props: Record<string, unknown> = {},
	...children: (Node | string)[]
): HTMLElement {
	const node = Object.assign(document.createElement(tag), props);
	node.append(...children);
	return node;
}

/**
 * `<compare-runs>`: the compare page. Reads `?runs=` (at most 20 ids, from any experiments), the
 * site's run index (`data-index`) and each run's downsampled histories (`data-series`, a
 * runSeriesPathTemplate filled in for each run), and shows params side by side (optionally only those that differ), latest metric
 * values with deltas against a baseline run coloured by each metric's direction, one overlaid
 * history chart per metric, and the images logged under the same artifact path side by side.
 * Every choice is written back to the query string.
 *
 * The runs come from the picker (`[data-picker]`: find runs of any experiment and source by
 * name, id, param value), from run pages' "Add to compare", or from the address. They are one
 * selection, kept in localStorage (compare-selection.ts): an address with `?runs=` replaces it,
 * and `/compare/` without one shows it.
 */
class CompareRuns extends HTMLElement {
	#state: CompareState = readCompareState(new URLSearchParams(location.search));
	#index: CompareIndex | null = null;
	#series = new Map<string, RunSeries | null>();
	#storage = browserStorage();

	async connectedCallback() {
		const message = this.querySelector<HTMLElement>('[data-message]')!;
		if (this.#state.runs.length > 0) writeSelection(this.#storage, this.#state.runs);
		else {
			const stored = readSelection(this.#storage);
			if (stored.length > 0) {
				this.#state = { ...this.#state, runs: stored, baseline: stored[0]! };
				this.#save();
			}
		}
		message.textContent = 'Loading runs…';
		try {
			const response = await fetch(this.dataset['index']!);
			if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
			this.#index = (await response.json()) as CompareIndex;
		} catch (error) {
			message.textContent = `The run index could not be loaded (${String(error)}).`;
			return;
		}
		this.#wireControls();
		this.#wirePicker();
		await this.#show();
	}

	/** Shows the runs of the state: message, tables, then charts and images once histories load. */
	async #show() {
		const message = this.querySelector<HTMLElement>('[data-message]')!;
		const known = this.#state.runs.filter((id) => this.#rowOf(id) !== -1);
		const unknown = this.#state.runs.filter((id) => this.#rowOf(id) === -1);
		const notes = [];
		if (this.#state.runs.length === 0)
			notes.push('No runs chosen yet. Find runs below, or press \u201cAdd to compare\u201d on a run page.');
		if (unknown.length > 0) notes.push(`Not in this site: ${unknown.join(', ')}.`);
		if (this.#state.dropped > 0)
			notes.push(
				`Only the first ${MAX_COMPARE} runs are compared; ${this.#state.dropped} more were left out.`,
			);
		message.textContent = notes.join(' ');
		this.#state = {
			...this.#state,
			runs: known,
			baseline: known.includes(this.#state.baseline ?? '')
				? this.#state.baseline
				: (known[0] ?? null),
		};
		this.#renderSelection();
		this.querySelector<HTMLElement>('[data-body]')!.hidden = known.length === 0;
		if (known.length === 0) return;
		this.#renderTables();
		this.#renderImages();
		await Promise.all(known.filter((id) => !this.#series.has(id)).map((id) => this.#loadSeries(id)));
		this.#renderCharts();
	}

	/** Replaces the compared runs (picker, selection chips), keeping the other choices. */
	#choose(runs: string[]) {
		const kept = writeSelection(this.#storage, runs);
		this.#state = { ...this.#state, runs: kept, dropped: 0 };
		this.#save();
		void this.#show();
	}

	#wirePicker() {
		const picker = this.querySelector<HTMLDetailsElement>('[data-picker]');
		if (!picker) return;
		// Open while nothing is chosen; a shared comparison opens on its runs.
		picker.open = this.#state.runs.length === 0;
		const index = this.#index!;
		const find = picker.querySelector<HTMLInputElement>('[name=find]')!;
		const experiment = picker.querySelector<HTMLSelectElement>('[name=experiment]')!;
		const names = Object.entries(index.experiments).sort(([, a], [, b]) => a.name.localeCompare(b.name));
		experiment.append(...names.map(([id, e]) => el('option', { value: id, textContent: e.name })));
		const texts = new Map<number, string>();
		const text = (row: number) => {
			let t = texts.get(row);
			if (t === undefined) texts.set(row, (t = pickText(index, row)));
			return t;
		};
		const render = () => {
			const { rows, total } = pickRuns(index, find.value, experiment.value || null, text);
			const status = picker.querySelector<HTMLElement>('[data-picker-status]')!;
			status.textContent =
				total === 0
					? 'No run matches.'
					: `${total} run${total === 1 ? '' : 's'}${total > rows.length ? `, the first ${rows.length} listed` : ''}.`;
			const data = index.runs;
			picker.querySelector('[data-picker-results]')!.replaceChildren(
				...rows.map((row) => {
					const id = data.ids[row]!;
					const box = el('input', { type: 'checkbox', value: id, checked: this.#state.runs.includes(id) });
					const e = index.experiments[data.experiments[row]!];
					return el(
						'li',
						{},
						el(
							'label',
							{},
							box,
							el('span', { className: 'pick-name' }, data.names[row] ?? id.slice(0, 8)),
							el('span', { className: 'muted pick-meta' }, `${e?.name ?? data.experiments[row]} · ${data.status[row]!.toLowerCase()} · ${formatTime(data.start[row] ?? null, { compact: true })} · ${id.slice(0, 8)}`),
						),
					);
				}),
			);
		};
		find.addEventListener('input', render);
		experiment.addEventListener('change', render);
		picker.addEventListener('change', (event) => {
			const box = event.target as HTMLInputElement;
			if (box.type !== 'checkbox') return;
			const runs = this.#state.runs.filter((id) => id !== box.value);
			if (box.checked) {
				if (runs.length >= MAX_COMPARE) {
					box.checked = false;
					picker.querySelector<HTMLElement>('[data-picker-status]')!.textContent = `At most ${MAX_COMPARE} runs are compared at once.`;
					return;
				}
				runs.push(box.value);
			}
			this.#choose(runs);
		});
		this.#renderPicker = render;
		render();
	}

	#renderPicker: () => void = () => {};

	/** The chosen runs as chips with a remove button each, and a button that clears them. */
	#renderSelection() {
		const list = this.querySelector<HTMLElement>('[data-selection]');
		if (!list || !this.#index) return;
		const data = this.#index.runs;
		const chips = this.#state.runs.map((id) => {
			const name = data.names[this.#rowOf(id)] ?? id.slice(0, 8);
			const remove = el('button', { type: 'button', className: 'chip-remove', textContent: '×' });
			remove.setAttribute('aria-label', `Remove ${name} from the comparison`);
			remove.addEventListener('click', () => this.#choose(this.#state.runs.filter((x) => x !== id)));
			return el('li', { className: 'chip' }, name, remove);
		});
		const clear = el('button', { type: 'button', textContent: 'Clear' });
		clear.addEventListener('click', () => this.#choose([]));
		list.replaceChildren(...chips, ...(chips.length > 0 ? [el('li', {}, clear)] : []));
		const count = this.querySelector<HTMLElement>('[data-picker-count]');
		if (count) count.textContent = this.#state.runs.length === 0 ? '' : ` (${this.#state.runs.length} chosen)`;
		this.#renderPicker();
	}

	/**
	 * The images logged under the same artifact path by two or more of the compared runs
	 * (confusion matrices, sample predictions), one row per path, one column per run.
	 */
	#renderImages() {
		const index = this.#index!;
		const base = this.dataset['base']!;
		const labels = this.#labels();
		const byRun = this.#state.runs.map((id) => new Map(index.images?.[this.#rowOf(id)] ?? []));
		const paths = [...new Set(byRun.flatMap((m) => [...m.keys()]))]
			.filter((path) => byRun.filter((m) => m.has(path)).length >= 2)
			.sort();
		const section = this.querySelector<HTMLElement>('[data-images]');
		if (!section) return;
		section.hidden = paths.length === 0;
		section.querySelector('[data-image-rows]')!.replaceChildren(
			...paths.map((path) =>
				el(
					'figure',
					{ className: 'compare-images' },
					el('figcaption', { className: 'mono' }, path),
					el(
						'div',
						{ className: 'compare-image-row' },
						...this.#state.runs.map((id, k) => {
							const thumb = byRun[k]!.get(path);
							const run = `${base}runs/${encodeURIComponent(id)}/`;
							if (!thumb) return el('div', { className: 'compare-image muted' }, el('span', {}, labels[k]!), el('p', {}, 'Not logged.'));
							const img = el('img', { src: run + thumb, alt: `${path} of ${labels[k]}`, loading: 'lazy', decoding: 'async' });
							img.addEventListener('error', () => img.replaceWith(el('p', { className: 'muted' }, 'No preview: the image could not be read.')));
							return el('div', { className: 'compare-image' }, el('a', { href: run, textContent: labels[k]! }), img);
						}),
					),
				),
			),
		);
	}

	#rowOf(id: string): number {
		return this.#index?.runs.ids.indexOf(id) ?? -1;
	}

	async #loadSeries(id: string) {
		const url = fillRunSeriesPath(this.dataset['series']!, id);
		this.#series.set(id, (await loadRunSeries(url).catch(() => null)) as RunSeries | null);
	}

	#save() {
		const query = writeCompareState(this.#state, new URLSearchParams(location.search));
		const search = query.toString().replaceAll('%2C', ',');
		history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
	}

	#wireControls() {
		// Once: #show() renders the tables and charts again whenever the chosen runs change.
		const diff = this.querySelector<HTMLInputElement>('[name=diff]')!;
		const x = this.querySelector<HTMLSelectElement>('[name=x]')!;
		const log = this.querySelector<HTMLInputElement>('[name=log]')!;
		const smooth = this.querySelector<HTMLInputElement>('[name=smooth]')!;
		diff.checked = this.#state.onlyDiff;
		x.value = this.#state.x;
		log.checked = this.#state.logY;
		smooth.value = String(this.#state.smoothing);
		diff.addEventListener('change', () => this.#set({ onlyDiff: diff.checked }, 'tables'));
		x.addEventListener('change', () => this.#set({ x: x.value as CompareState['x'] }, 'charts'));
		log.addEventListener('change', () => this.#set({ logY: log.checked }, 'charts'));
		smooth.addEventListener('change', () =>
			this.#set({ smoothing: Number(smooth.value) }, 'charts'),
		);
		this.addEventListener('change', (event) => {
			const input = event.target as HTMLInputElement;
			if (input.name === 'baseline') this.#set({ baseline: input.value }, 'tables');
		});
	}

	#set(change: Partial<CompareState>, what: 'tables' | 'charts') {
		this.#state = { ...this.#state, ...change };
		this.#save();
		if (this.#state.runs.length === 0) return;
		if (what === 'tables') this.#renderTables();
		else this.#renderCharts();
	}

	#labels(): string[] {
		const data = this.#index!.runs;
		return runLabels(
			this.#state.runs.map((id) => ({ id, name: data.names[this.#rowOf(id)] ?? null })),
		);
	}

	#renderTables() {
		const index = this.#index!;
		const data = index.runs;
		const rows = this.#state.runs.map((id) => this.#rowOf(id));
		const labels = this.#labels();
		const base = this.dataset['base']!;
		const head = () =>
			el(
				'thead',
				{},
				el(
					'tr',
					{},
					el('th', { scope: 'col' }, ''),
					...rows.map((_, k) => el('th', { scope: 'col' }, labels[k]!)),
				),
			);
		const runsTable = el('table', {}, head()) as HTMLTableElement;
		const body = runsTable.createTBody();
		const line = (title: string, cells: (Node | string)[]) =>
			body.append(
				el('tr', {}, el('th', { scope: 'row' }, title), ...cells.map((c) => el('td', {}, c))),
			);
		line(
			'Run',
			rows.map((i, k) =>
				el('a', {
					href: `${base}runs/${encodeURIComponent(data.ids[i]!)}/`,
					textContent: labels[k]!,
				}),
			),
		);
		line(
			'Experiment',
			rows.map((i) => {
				const experiment = index.experiments[data.experiments[i]!];
				return experiment
					? el('a', {
							href: `${base}experiments/${encodeURIComponent(experiment.slug)}/`,
							textContent: experiment.name,
						})
					: data.experiments[i]!;
			}),
		);
		line(
			'Status',
			rows.map((i) => data.status[i]!),
		);
		line(
			'Start (UTC)',
			rows.map((i) => formatTime(data.start[i] ?? null, { compact: true })),
		);
		line(
			'Baseline',
			rows.map((i) => {
				const radio = el('input', {
					type: 'radio',
					name: 'baseline',
					value: data.ids[i]!,
					checked: data.ids[i] === this.#state.baseline,
				});
				radio.setAttribute('aria-label', `Use ${data.names[i] ?? data.ids[i]} as the baseline`);
				return radio;
			}),
		);
		this.querySelector('[data-runs]')!.replaceChildren(runsTable);

		const params = rows.map((i) =>
			Object.fromEntries(
				Object.entries(data.params).flatMap(([k, v]) => (v[i] == null ? [] : [[k, v[i]!]])),
			),
		);
		const keys = paramKeys(params, this.#state.onlyDiff);
		const paramsTable = el('table', {}, head()) as HTMLTableElement;
		const pBody = paramsTable.createTBody();
		for (const key of keys) {
			const values = params.map((p) => (Object.hasOwn(p, key) ? p[key]! : null));
			const differs = new Set(values).size > 1;
			pBody.append(
				el(
					'tr',
					{ className: differs ? 'differs' : '' },
					el('th', { scope: 'row', className: 'mono' }, key),
					...values.map((v) => el('td', { className: 'mono' }, v ?? '—')),
				),
			);
		}
		this.querySelector('[data-params]')!.replaceChildren(
			keys.length > 0
				? paramsTable
				: el(
						'p',
						{ className: 'muted' },
						this.#state.onlyDiff ? 'All params are the same.' : 'No params.',
					),
		);

		const baseline = rows.findIndex((i) => data.ids[i] === this.#state.baseline);
		const metricsTable = el('table', {}, head()) as HTMLTableElement;
		const mBody = metricsTable.createTBody();
		for (const key of Object.keys(data.metrics).filter((k) =>
			rows.some((i) => data.metrics[k]![i] != null),
		)) {
			const direction = knownDirection(key, index.directions);
			const deltas = metricDeltas(
				rows.map((i) => metricNumber(data.metrics[key]![i])),
				Math.max(0, baseline),
				direction,
			);
			const title = el(
				'th',
				{ scope: 'row' },
				el('span', { className: 'mono' }, key),
				el(
					'span',
					{ className: 'muted dir' },
					direction === null
						? ' direction unknown'
						: direction === 'lower'
							? ' ↓ lower is better'
							: ' ↑ higher is better',
				),
			);
			mBody.append(
				el(
					'tr',
					{},
					title,
					...deltas.map((d, k) => {
						const td = el('td', { className: `num ${d.verdict}` }, formatMetric(d.value));
						if (k !== baseline && d.delta !== null) {
							const rel =
								d.relative === null
									? ''
									: ` (${d.relative > 0 ? '+' : ''}${(d.relative * 100).toFixed(1)}%)`;
							// The mark and the hidden word say what the colour says (▲ better, ▼ worse).
							const mark = VERDICT_MARK[d.verdict];
							td.append(
								el('br'),
								el(
									'small',
									{},
									`${mark ? `${mark} ` : ''}${d.delta > 0 ? '+' : d.delta < 0 ? '−' : '±'}${formatMetric(Math.abs(d.delta))}${rel}`,
									...(mark ? [el('span', { className: 'sr-only' }, ` ${d.verdict}`)] : []),
								),
							);
							td.title =
								d.verdict === 'changed'
									? 'changed; no known direction, so neither better nor worse'
									: `${d.verdict} than the baseline`;
						}
						return td;
					}),
				),
			);
		}
		this.querySelector('[data-metrics]')!.replaceChildren(metricsTable);
	}

	#renderCharts() {
		const labels = this.#labels();
		// A metric logged once per run is a number, not a history: the metrics table shows it.
		const keys = [
			...new Set(
				this.#state.runs.flatMap((id) =>
					Object.entries(this.#series.get(id)?.metrics ?? {}).flatMap(([k, s]) =>
						s.step.length >= 2 ? [k] : [],
					),
				),
			),
		].sort();
		// The splits of one quantity (train_loss, val_loss) together first, then one chart per metric.
		const groups = splitMetricGroups(keys).slice(0, MAX_GROUP_CHARTS);
		const charted = [...groups.map((g) => ({ title: g.metrics.join(' vs '), metrics: g.metrics })), ...keys.slice(0, MAX_CHARTS).map((m) => ({ title: m, metrics: [m] }))];
		const charts = charted.map(({ title, metrics }) => {
			const runs: CompareSeries[] = metrics.flatMap((metric) =>
				this.#state.runs.flatMap((id, k) => {
					const s = this.#series.get(id)?.metrics[metric];
					return s
						? [{ label: labels[k]!, ...(metrics.length > 1 ? { metric } : {}), step: s.step, timestamp: s.timestamp, value: s.value }]
						: [];
				}),
			);
			const spec = compareHistorySpec(runs, {
				metric: title,
				x: this.#state.x,
				logY: this.#state.logY,
				smoothing: this.#state.smoothing,
			});
			const island = el('script', { type: 'application/json' });
			island.textContent = jsonIsland(specForEmbed(spec as unknown as Record<string, unknown>));
			return el(
				'figure',
				{ className: 'compare-chart' },
				el('figcaption', { className: 'muted' }, spec.description ?? ''),
				el('vega-chart', {}, island),
				el('p', { className: 'chart-downloads', hidden: true }),
			);
		});
		const note =
			keys.length > MAX_CHARTS
				? [
						el(
							'p',
							{ className: 'muted' },
							`The first ${MAX_CHARTS} of ${keys.length} metrics are charted.`,
						),
					]
				: [];
		this.querySelector('[data-charts]')!.replaceChildren(
			...(charts.length > 0
				? charts
				: [el('p', { className: 'muted' }, 'No metric history to chart.')]),
			...note,
		);
		fillChartDownloads(this.querySelector('[data-charts]')!);
	}
}

if (!customElements.get('compare-runs')) customElements.define('compare-runs', CompareRuns);
