import { chartDataCsv, chartFileName } from './chart-data-csv.ts';

/**
 * The downloads under every chart: SVG, PNG, its Vega-Lite spec and its data as CSV. The build
 * leaves an empty placeholder under each chart (ChartDownloads.astro); this script puts the four
 * links in it; the
 * files are made here when the reader points at or focuses the chart (or clicks a link first),
 * from the chart itself: `<vega-chart>` is made live if it is not yet (its `ready()`), and Vega
 * writes the SVG and PNG of what it drew; the
 * spec and CSV come from the spec it drew, data included (a run page's series too). So a chart
 * adds its links' markup to the site and no file: four files per chart per run would multiply
 * the bytes of a large site (README: Size of a site).
 *
 * Markup: `<p class="chart-downloads" hidden></p>` inside the chart's `<figure>`, next to its
 * `<vega-chart>`; filled with `<a href="#" data-chart-download="svg|png|json|csv">`.
 */
interface LiveChart extends HTMLElement {
	ready(): Promise<{ view: { toSVG(): Promise<string>; toImageURL(type: string, scale?: number): Promise<string> }; spec: Record<string, unknown> } | null>;
}

const TYPES = { svg: 'image/svg+xml', png: 'image/png', json: 'application/json', csv: 'text/csv' } as const;
type Kind = keyof typeof TYPES;

/** The four files of the chart a downloads paragraph belongs to, made from the live chart. */
async function makeFiles(links: HTMLElement): Promise<Record<Kind, Blob>> {
	const chart = links.closest('figure')?.querySelector<LiveChart>('vega-chart');
	const live = await chart?.ready();
	if (!live) throw new Error('the chart could not be drawn');
	const text = (kind: Kind, body: string) => new Blob([body], { type: TYPES[kind] });
	return {
		svg: text('svg', await live.view.toSVG()),
		png: dataUrlBlob(await live.view.toImageURL('png', 2)),
		json: text('json', `${JSON.stringify(live.spec, null, 2)}\n`),
		csv: text('csv', chartDataCsv(live.spec)),
	};
}

/** The bytes of a base64 `data:` URL (fetching it would need `connect-src data:`). */
function dataUrlBlob(url: string): Blob {
	const [head = '', data = ''] = url.split(',', 2);
	const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
	return new Blob([bytes], { type: /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream' });
}

/** Object URL and file name of each download of a chart, once made. */
type Files = Record<Kind, { url: string; name: string }>;
const prepared = new WeakMap<HTMLElement, Promise<Files>>();
const ready = new WeakMap<HTMLElement, Files>();

/**
 * Makes the files of the chart of `links`, once per drawing of the chart, as object URLs: made
 * before the click, the reader's click itself downloads (see the click listener), while a
 * download started later, from script, may be held back by the browser as one it did not ask for.
 */
function prepare(links: HTMLElement): Promise<Files> {
	let done = prepared.get(links);
	if (!done) {
		done = makeFiles(links).then((blobs) => {
			const base = chartFileName(links.dataset['name'] ?? 'chart');
			const file = (kind: Kind) => ({ url: URL.createObjectURL(blobs[kind]), name: `${base}.${kind === 'json' ? 'vl.json' : kind}` });
			const files: Files = { svg: file('svg'), png: file('png'), json: file('json'), csv: file('csv') };
			ready.set(links, files);
			links.dataset['state'] = 'ready';
			return files;
		});
		done.catch(() => prepared.delete(links));
		prepared.set(links, done);
	}
	return done;
}

/**
 * Makes a figure's files again when its chart is drawn again (a new width, smoothing, axis or log
 * scale). Until they are made, the links keep the previous drawing's files, so a click always
 * downloads at once: a download started later from script, after the files are made, is one the
 * browser may hold back as not asked for.
 */
function reset(figure: Element | null): void {
	const links = figure?.querySelector<HTMLElement>('.chart-downloads');
	// Files still being made are of this drawing: the chart was drawn to make them.
	const files = links && ready.get(links);
	if (!links || !files) return;
	prepared.delete(links);
	prepare(links).then(
		// Later, not at once: a download of the previous files may have just started.
		() => setTimeout(() => Object.values(files).forEach(({ url }) => URL.revokeObjectURL(url)), 60_000),
		() => {},
	);
}

const linksNear = (target: EventTarget | null) =>
	(target as Element | null)?.closest?.('figure')?.querySelector<HTMLElement>(':scope > .chart-downloads:not([hidden])') ?? null;

const LINKS = [
	['svg', 'SVG', 'The chart as an SVG picture'],
	['png', 'PNG', 'The chart as a PNG picture, at twice its size'],
	['json', 'Vega-Lite spec', 'The Vega-Lite spec of the chart, with its data'],
	['csv', 'CSV', 'The data of the chart as CSV'],
] as const;

/** Fills a placeholder with its four links, named after the chart's title (its figure's caption). */
function fill(links: HTMLElement): void {
	const caption = links.closest('figure')?.querySelector('figcaption');
	const title = (caption?.querySelector('.sr-only') ?? caption)?.textContent?.replace(/\.$/, '').trim() || 'chart';
	links.dataset['name'] = title;
	const label = document.createElement('span');
	label.textContent = 'Download';
	label.setAttribute('aria-hidden', 'true');
	const hidden = document.createElement('span');
	hidden.className = 'sr-only';
	hidden.textContent = `Download ${title}: `;
	links.replaceChildren(hidden, label);
	for (const [kind, text, hint] of LINKS) {
		const link = document.createElement('a');
		link.href = '#';
		link.dataset['chartDownload'] = kind;
		link.title = hint;
		link.textContent = text;
		links.append(link);
	}
	links.hidden = false;
}

/** Fills every empty placeholder under `root`: the page's at load, and charts a page script draws later (compare). */
export function fillChartDownloads(root: ParentNode = document): void {
	for (const links of root.querySelectorAll<HTMLElement>('.chart-downloads[hidden]')) fill(links);
}

fillChartDownloads();
// Pointing at or focusing a chart prepares its files, before any click.
for (const type of ['pointerover', 'focusin']) {
	document.addEventListener(type, (event) => {
		const links = linksNear(event.target);
		if (links) prepare(links).catch(() => {});
	});
}
document.addEventListener('vega-chart-drawn', (event) => reset((event.target as Element).closest('figure')));
document.addEventListener('click', (event) => {
	const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-chart-download]');
	const links = link?.closest<HTMLElement>('.chart-downloads');
	if (!link || !links) return;
	const kind = link.dataset['chartDownload'] as Kind;
	const files = ready.get(links);
	event.preventDefault();
	if (files) {
		// A detached link, followed within the reader's click: the page's links stay `#` (the same
		// for a keyboard walk before and after a chart is drawn), and nothing about the download
		// depends on when the browser reads the link it was clicked on.
		const file = document.createElement('a');
		file.href = files[kind].url;
		file.download = files[kind].name;
		file.click();
		return;
	}
	prepare(links).then(
		() => link.click(),
		(error: unknown) => {
			links.dataset['state'] = 'failed';
			console.warn(`The chart's ${kind} could not be made:`, error);
		},
	);
});
