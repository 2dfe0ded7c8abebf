import { sparklinePoints, thinOut } from '../components/run/sparkline.ts';
import { formatBytes } from '../lib/format-bytes.ts';
import { formatDuration, runDuration } from '../lib/format-duration.ts';
import { formatTime, isoTime } from '../lib/format-time.ts';
import { experimentHref, href, modelVersionHref, runHref } from '../lib/href.ts';
import { isPlainRunId } from '../lib/is-plain-run-id.ts';
import { runSeriesPath } from '../lib/series-shard.ts';
import type { RunShellRecord } from '../schemas/run-shell.ts';
import { h, s, fragment, type Child } from './dom.ts';
import { runShellCharts } from './run-shell-charts.ts';
import { metricSeries } from './run-series.ts';

/**
 * A run's page drawn in the browser from its data shard record (RunShellRecordSchema) and its
 * series JSON: the same elements and classes as src/routes/runs/[id].astro and its components
 * (RunMetricsTable, RunCharts, VegaChart, RunParams, KeyValueTable, RunArtifacts), so it looks
 * the same. Every string from the data goes in as text; only the description is HTML, rendered
 * and sanitised at build time (renderMarkdown). Every chart is drawn in the browser
 * (`<vega-chart>` from the series URL), in the static page's order.
 */

const BADGE = { FINISHED: 'finished', FAILED: 'failed', KILLED: 'killed', RUNNING: 'running', SCHEDULED: 'scheduled' } as const;

const time = (ms: number | undefined) => {
	const iso = isoTime(ms);
	return iso ? h('time', { datetime: iso }, formatTime(ms)) : h('span', { class: 'muted' }, formatTime(ms));
};
const muted = (text: string) => h('span', { class: 'muted' }, text);
const bdi = (text: string) => h('bdi', {}, text);
const fact = (term: string, value: Child, cls?: string) => fragment(h('dt', {}, term), h('dd', { class: cls }, value));
const scroll = (table: HTMLTableElement) => h('div', { class: 'table-scroll' }, table);
const head = (...labels: Array<[string, string?]>) =>
	h('thead', {}, h('tr', {}, ...labels.map(([label, cls]) => h('th', { scope: 'col', class: cls }, label))));

/** The facts, title and description (the part search indexes on the static page). */
function summary(id: string, run: RunShellRecord): HTMLElement {
	const facts = h(
		'dl',
		{ class: 'facts' },
		fact('Run id', id, 'mono'),
		fact('Status', run.status),
		fact('Start (UTC)', time(run.start)),
		fact('End (UTC)', run.end === undefined && run.status === 'RUNNING' ? muted('still running') : time(run.end)),
		fact('Duration', formatDuration(runDuration(run.start ?? null, run.end ?? null))),
		fact('User', run.user ?? muted('unknown')),
	);
	if (run.source) facts.append(fact('Source', run.source, 'mono'));
	if (run.commit) facts.append(fact('Git commit', run.commit, 'mono'));
	for (const [label, url, text] of run.links ?? []) facts.append(fact(label, h('a', { class: 'mono', href: url, rel: 'noopener noreferrer' }, text)));
	if (run.parent) {
		const [parentId, parentName] = run.parent;
		facts.append(fact('Parent run', parentName === undefined ? h('span', { class: 'mono' }, parentId) : h('a', { href: runHref(parentId) }, bdi(parentName))));
	}
	if (run.children) {
		const dd = h('dd');
		run.children.forEach(([childId, childName], i) => dd.append(...(i > 0 ? [', '] : []), h('a', { href: runHref(childId) }, bdi(childName))));
		facts.append(h('dt', {}, 'Child runs'), dd);
	}
	const body = h('div', { 'data-pagefind-body': true }, h('h1', {}, bdi(run.name), ' ', h('span', { class: `badge ${BADGE[run.status]}` }, BADGE[run.status])), facts);
	if (run.description) {
		// Ours: rendered and sanitised at build time. A template's content runs no script.
		const template = document.createElement('template');
		template.innerHTML = run.description;
		body.append(h('div', { class: 'markdown' }, template.content));
	}
	return body;
}

/** The metrics table (RunMetricsTable), with sparklines from the series JSON. */
function metricsTable(run: RunShellRecord, series: unknown): HTMLElement {
	if (!run.metrics) return h('p', { class: 'empty' }, 'No metrics logged.');
	const rows = run.metrics.map(([key, last, min, max, best, count, nonFinite, , dir]) => {
		const spark = sparklinePoints(thinOut(metricSeries(series, key)?.value ?? []));
		return h(
			'tr',
			{},
			h('th', { scope: 'row', class: 'mono' }, key),
			h('td', { class: 'num' }, last),
			h('td', { class: 'num' }, min),
			h('td', { class: 'num' }, max),
			h('td', { class: 'num', title: `best = ${dir === 'l' ? 'min' : 'max'}` }, best === null ? '—' : String(best)),
			h('td', { class: 'num' }, String(count), nonFinite > 0 && muted(` (${nonFinite} non-finite)`)),
			h('td', {}, spark && s('svg', { class: 'sparkline', viewBox: '0 0 80 20', width: 80, height: 20, 'aria-hidden': 'true' }, s('polyline', { points: spark }))),
		);
	});
	const cols: Array<[string, string?]> = [['Metric'], ['Last', 'num'], ['Min', 'num'], ['Max', 'num'], ['Step of best', 'num'], ['Points', 'num'], ['History']];
	return scroll(h('table', { class: 'run-metrics' }, head(...cols), h('tbody', {}, ...rows)));
}

/** A key/value table (KeyValueTable). */
function keyValues(entries: ReadonlyArray<readonly [string, string]>, keyLabel: string, empty: string): HTMLElement {
	if (entries.length === 0) return h('p', { class: 'empty' }, empty);
	const rows = entries.map(([k, v]) => h('tr', {}, h('th', { scope: 'row', class: 'mono' }, k), h('td', { class: 'mono value' }, v === '' ? muted('(empty)') : v)));
	return scroll(h('table', { class: 'kv' }, head([keyLabel], ['Value']), h('tbody', {}, ...rows)));
}

/** The params table with its filter (RunParams). */
function params(entries: ReadonlyArray<readonly [string, string]>): HTMLElement {
	if (entries.length === 0) return h('p', { class: 'empty' }, 'No params logged.');
	const rows = entries.map(([k, v]) => h('tr', {}, h('th', { scope: 'row', class: 'mono' }, bdi(k)), h('td', { class: 'mono value' }, bdi(v))));
	return h(
		'div',
		{ class: 'params', 'data-params-filter': true },
		h('p', { class: 'params-filter', hidden: true }, h('label', {}, 'Filter params ', h('input', { type: 'search', placeholder: 'name or value', autocomplete: 'off', spellcheck: 'false' })), h('output', { class: 'muted', 'aria-live': 'polite' })),
		scroll(h('table', {}, head(['Param'], ['Value']), h('tbody', {}, ...rows))),
	);
}

/** The artifacts list (RunArtifacts); `base` is the run's URL. */
function artifacts(list: NonNullable<RunShellRecord['artifacts']>, base: string): HTMLElement {
	const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
	const images = list.filter((a) => a.thumbnail);
	const others = list.filter((a) => !a.thumbnail);
	const root = h('div', { class: 'run-artifacts' });
	if (images.length > 0) {
		root.append(
			h('ul', { class: 'thumbs' }, ...images.map((a) => h('li', {}, h('a', { href: `${base}${a.served}` }, h('img', { src: `${base}${a.thumbnail![0]}`, width: a.thumbnail![1], height: a.thumbnail![2], alt: a.path, loading: 'lazy', decoding: 'async' })), h('span', { class: 'mono' }, a.path), ' ', muted(formatBytes(a.size))))),
		);
	}
	if (others.length > 0) {
		const items = others.map((a) => {
			const download = a.served ? h('a', { class: 'mono', href: `${base}${a.served}`, download: fileName(a.path) }, a.path) : null;
			if (a.preview !== undefined) {
				return h(
					'li',
					{},
					h(
						'details',
						{},
						h('summary', {}, h('span', { class: 'mono' }, a.path), ' ', muted(formatBytes(a.size))),
						h('pre', { class: 'preview' }, a.preview + (a.truncated ? '\n…' : '')),
						a.served ? h('a', { href: `${base}${a.served}`, download: fileName(a.path) }, `Download ${fileName(a.path)}`) : a.notPublished && h('p', { class: 'muted' }, `Not published as a file: ${a.notPublished}.`),
					),
				);
			}
			const note = `${formatBytes(a.size)}${a.kind === 'download-only' ? ' · download only' : ''}${a.served ? '' : a.notPublished ? ` · not published: ${a.notPublished}` : ' · not copied to the site'}`;
			return h('li', {}, download ?? h('span', { class: 'mono' }, a.path), ' ', muted(note));
		});
		root.append(h('ul', { class: 'artifacts' }, ...items));
	}
	return root;
}

/**
 * Where the shell reads run `id`'s series: its entry of the series shard beside its data shard;
 * null for an id that is not plain (isPlainRunId), which has no series.
 */
export function shellSeriesHref(id: string): string | null {
	return isPlainRunId(id) ? href(runSeriesPath(id, true)) : null;
}

/**
 * The run page of run `id` from its record and its series JSON (null when it has none): the
 * nodes to put in place of the shell's content.
 */
export function runShellPage(id: string, run: RunShellRecord, series: unknown, options: { svgPerRun: number }): DocumentFragment {
	const base = href('');
	const crumbs = h('p', { class: 'breadcrumbs' }, h('a', { href: base }, 'Experiments'), ' / ', run.experiment ? h('a', { href: experimentHref(run.experiment[1]) }, bdi(run.experiment[0])) : run.experimentId, ' /');
	const page = fragment(crumbs, summary(id, run), h('h2', {}, 'Metrics'), metricsTable(run, series));
	const src = shellSeriesHref(id);
	const history = run.history === 'series' ? src : run.history ? href(run.history) : null;
	if (history) {
		page.append(h('p', { class: 'downloads' }, 'Full history: ', h('a', { href: history, download: 'history.json', 'data-history-json': true }, 'JSON'), h('span', { 'data-history-csv': true, hidden: true }, ' · ', h('a', { href: history, download: 'history.csv' }, 'CSV'))));
	}
	const chartSection = src && series ? runShellCharts(run, series, src, options.svgPerRun) : null;
	if (chartSection) page.append(chartSection);
	const tags = run.tags ?? [];
	const userTags = tags.filter(([k]) => !k.startsWith('mlflow.'));
	const systemTags = tags.filter(([k]) => k.startsWith('mlflow.'));
	page.append(h('h2', {}, 'Parameters'), params(run.params ?? []), h('h2', {}, 'Tags'), keyValues(userTags, 'Tag', 'No user tags.'));
	if (systemTags.length > 0) page.append(h('details', {}, h('summary', {}, `${systemTags.length} system tags (mlflow.*)`), keyValues(systemTags, 'Tag', 'None.')));
	if (run.datasets) {
		const rows = run.datasets.map(([name, digest, context, type]) => h('tr', {}, h('td', {}, bdi(name)), h('td', { class: 'mono' }, digest), h('td', {}, context ?? '—'), h('td', {}, type ?? '—')));
		page.append(h('h2', {}, 'Datasets'), scroll(h('table', {}, head(['Name'], ['Digest'], ['Context'], ['Source type']), h('tbody', {}, ...rows))));
	}
	if (run.artifacts) page.append(h('h2', {}, 'Artifacts'), artifacts(run.artifacts, runHref(id)));
	if (run.models) {
		page.append(h('h2', {}, 'Model versions'), h('ul', {}, ...run.models.map(([slug, version, name]) => h('li', {}, h('a', { href: modelVersionHref(slug, version) }, bdi(name), ` version ${version}`)))));
	}
	return page;
}
