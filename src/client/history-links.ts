import { historyCsv } from '../lib/history-csv.ts';
import { stableStringify } from '../lib/json.ts';
import { checkRunSeries } from '../lib/parse-run-series.ts';
import { loadRunSeries } from './run-series.ts';

/**
 * The run page's history downloads, made in the browser from the history JSON the page links.
 * - "JSON" (`data-history-json`): the file's columns written out, one integer per point
 *   (`{"runId", "maxPoints", "metrics": {"<key>": {"step": [...], "timestamp": [...], "value": [...]}}}`),
 *   as history files were before 0.3. The published file writes steps and timestamps compactly
 *   (src/lib/series-columns.ts); without JavaScript the link downloads it as it is.
 * - "CSV" (`data-history-csv`, `hidden` in the HTML since it needs this script): the rows
 *   historyCsv wrote as a file per run before that doubled the bytes a history takes.
 * On a click the JSON is fetched, checked (checkRunSeries) and saved under the link's `download`
 * name; if that fails the published JSON itself is downloaded (with run pages as a shell and a
 * history that is the series, the whole series shard).
 *
 * Markup: `<a href="<history JSON>" download="history.json" data-history-json>JSON</a>` and
 * `<span data-history-csv hidden> · <a href="<history JSON>" download="history.csv">CSV</a></span>`
 */
async function download(link: HTMLAnchorElement, as: 'json' | 'csv'): Promise<void> {
	// The file the link names, or a run's entry of a series shard (`<shard>#<id>`, a shell-drawn
	// page): loadRunSeries reads both, and may already hold it for the page's charts.
	const { runId, maxPoints, metrics } = checkRunSeries(await loadRunSeries(link.href), link.href);
	const text = as === 'csv' ? historyCsv({ metrics }) : stableStringify({ runId, maxPoints, metrics });
	const url = URL.createObjectURL(new Blob([text], { type: as === 'csv' ? 'text/csv' : 'application/json' }));
	save(url, link.getAttribute('download') ?? `history.${as}`);
	// The download has started by the next turn; a minute leaves slow machines time to read it.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function save(href: string, name: string): void {
	const a = document.createElement('a');
	a.href = href;
	a.download = name;
	a.click();
}

function wire(link: HTMLAnchorElement, as: 'json' | 'csv'): void {
	link.addEventListener('click', (event) => {
		event.preventDefault();
		download(link, as).catch((error: unknown) => {
			console.warn(`history.${as} could not be made; downloading the published JSON:`, error);
			save(link.href, 'history.json');
		});
	});
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-history-json]')) wire(link, 'json');
for (const wrapper of document.querySelectorAll<HTMLElement>('[data-history-csv]')) {
	const link = wrapper.querySelector<HTMLAnchorElement>('a');
	if (!link) continue;
	wrapper.hidden = false;
	wire(link, 'csv');
}
