import { historyCsv } from '../lib/history-csv.ts';
import { parseRunSeries } from '../lib/parse-run-series.ts';

/**
 * The run page's "CSV" history download, made in the browser from the history JSON the page
 * links (the same rows historyCsv wrote as a file per run, which doubled the bytes a history
 * takes in the site). The link is `hidden` in the HTML, since it needs this script; its `href`
 * is the JSON. On a click the JSON is fetched, checked (parseRunSeries) and saved as
 * `history.csv`; if that fails the JSON itself is downloaded.
 *
 * Markup: `<span data-history-csv hidden> · <a href="<history JSON>" download="history.csv">CSV</a></span>`
 */
async function download(link: HTMLAnchorElement): Promise<void> {
	const response = await fetch(link.href, { credentials: 'same-origin' });
	if (!response.ok) throw new Error(`${link.href}: HTTP ${response.status}`);
	const csv = historyCsv(parseRunSeries(await response.text(), link.href));
	const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
	const save = document.createElement('a');
	save.href = url;
	save.download = link.getAttribute('download') ?? 'history.csv';
	save.click();
	// The download has started by the next turn; a minute leaves slow machines time to read it.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

for (const wrapper of document.querySelectorAll<HTMLElement>('[data-history-csv]')) {
	const link = wrapper.querySelector<HTMLAnchorElement>('a');
	if (!link) continue;
	wrapper.hidden = false;
	link.addEventListener('click', (event) => {
		event.preventDefault();
		download(link).catch((error: unknown) => {
			console.warn('history.csv could not be made; downloading the JSON:', error);
			const save = document.createElement('a');
			save.href = link.href;
			save.download = 'history.json';
			save.click();
		});
	});
}
