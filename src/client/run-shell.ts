/**
 * The shell of run pages (`runPages: 'shell'`): on `/runs/_/`, which the host serves at every
 * `/runs/<id>/` (`_redirects`: `runs/* runs/_/ 200`), and on the 404 page of hosts without
 * rewrites, it reads the run id from the address, fetches the run's data shard
 * (`runs/_data/<key>.json`, src/lib/run-data-shard.ts) and its series (from the series shard
 * beside it, src/lib/series-shard.ts), and draws the run's
 * page in place of `[data-run-shell]` (runShellPage). An id the data does not hold gets a "Run
 * not found" message; on the 404 page, an address that names no run leaves the page as it is.
 *
 * Markup: `<div data-run-shell data-svg-per-run data-site-title [hidden]>` with
 * `[data-run-shell-status]`; on the 404 page a sibling `[data-not-found]`.
 */
import './vega-chart.ts';
import { href } from '../lib/href.ts';
import { RUN_SHARD_VERSION, runIdFromPath, runShardPath } from '../lib/run-data-shard.ts';
import type { RunShard } from '../schemas/run-shell.ts';
import { h } from './dom.ts';
import { loadRunSeries } from './run-series.ts';
import { runShellPage, shellSeriesHref } from './run-shell-page.ts';

async function fetchShard(runId: string): Promise<RunShard | null> {
	const response = await fetch(href(runShardPath(runId)), { credentials: 'same-origin' });
	// No shard file: no run of the site hashes to it. The host then answers 404, or, since the
	// rewrite covers every missing path under runs/, this shell page itself (HTML, status 200).
	if (response.status === 404) return null;
	if (!response.ok) throw new Error(`${runShardPath(runId)}: HTTP ${response.status}`);
	if (!/json/i.test(response.headers.get('content-type') ?? '')) return null;
	const shard = (await response.json()) as RunShard;
	if (shard?.v !== RUN_SHARD_VERSION || typeof shard.runs !== 'object') throw new Error(`${runShardPath(runId)}: not a run data shard of this version`);
	return shard;
}

function notFound(root: HTMLElement, runId: string, siteTitle: string): void {
	document.title = `Run not found · ${siteTitle}`;
	root.replaceChildren(
		h('h1', {}, 'Run not found'),
		h('p', {}, 'No run with the id ', h('code', {}, runId), ' is in this build of the site. A run that was deleted, or left out of the export, has no page.'),
		h('p', {}, h('a', { href: href('') }, 'Go to the experiments'), ' or ', h('a', { href: href('search/') }, 'search the site'), '.'),
	);
}

async function start(root: HTMLElement): Promise<void> {
	const runId = runIdFromPath(location.pathname, href(''));
	const siteTitle = root.dataset['siteTitle'] ?? '';
	const status = root.querySelector('[data-run-shell-status]');
	const fallback = document.querySelector<HTMLElement>('[data-not-found]');
	if (runId === null) {
		// The 404 page at an address that is no run page: its own text stays.
		if (fallback) return;
		if (status) status.textContent = 'This address names no run. Run pages are at runs/<run id>/.';
		return;
	}
	if (fallback) fallback.hidden = true;
	root.hidden = false;
	try {
		const src = shellSeriesHref(runId);
		const shard = await fetchShard(runId);
		const run = shard && Object.hasOwn(shard.runs, runId) ? shard.runs[runId]! : null;
		if (!run) return notFound(root, runId, siteTitle);
		// Only for a run the data holds: an unknown id asks for nothing that is not there.
		const series = src ? await loadRunSeries(src).catch(() => null) : null;
		document.title = `${run.name} · ${siteTitle}`;
		root.replaceChildren(runShellPage(runId, run, series, { svgPerRun: Number(root.dataset['svgPerRun'] ?? 1) }));
		// The static page's behaviour (chart controls, params filter, CSV download) on the drawn page.
		await import('./run-page.ts');
	} catch (error) {
		console.warn('The run page could not be drawn:', error);
		root.replaceChildren(h('h1', {}, 'Run not available'), h('p', {}, 'The data of this run could not be loaded. Reload the page to try again.'));
	}
}

const root = document.querySelector<HTMLElement>('[data-run-shell]');
if (root) void start(root);
