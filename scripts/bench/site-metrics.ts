/**
 * Size figures of a built site and its snapshot: run-page bytes against the page budget of
 * goal G7 (30 KB with one chart, 26 KB more per extra chart) and points per chart series (G3).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const PAGE_BASE_BYTES = 30 * 1024;
export const PAGE_CHART_BYTES = 26 * 1024;

/** G7's budget for a run page with `charts` SSR charts. */
export function pageBudget(charts: number): number {
	return PAGE_BASE_BYTES + PAGE_CHART_BYTES * Math.max(0, charts - 1);
}

export interface PageSizes {
	pages: number;
	medianBytes: number;
	maxBytes: number;
	maxGzipBytes: number;
	/** Charts on the largest page. */
	maxPageCharts: number;
	/** Pages over their budget, and the largest page's share of its budget. */
	overBudget: number;
	worstBudgetShare: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Sizes of `dist/runs/<id>/index.html`; the charts of a page are its inline `<svg` roots with a `role`. */
export function runPageSizes(dist: string): PageSizes {
	const dir = join(dist, 'runs');
	const sizes: number[] = [];
	let max = { bytes: 0, gzip: 0, charts: 0 };
	let overBudget = 0;
	let worstBudgetShare = 0;
	for (const id of readdirSync(dir)) {
		const file = join(dir, id, 'index.html');
		if (!existsSync(file)) continue;
		const html = readFileSync(file);
		const charts = html.toString('utf8').match(/<svg[^>]*class="marks"/g)?.length ?? 0;
		sizes.push(html.length);
		const share = html.length / pageBudget(charts);
		if (share > 1) overBudget++;
		worstBudgetShare = Math.max(worstBudgetShare, share);
		if (html.length > max.bytes) max = { bytes: html.length, gzip: gzipSync(html).length, charts };
	}
	return { pages: sizes.length, medianBytes: median(sizes), maxBytes: max.bytes, maxGzipBytes: max.gzip, maxPageCharts: max.charts, overBudget, worstBudgetShare };
}

/** The longest chart series in `content/series/*.json` (RunSeriesSchema: the length of metrics.<key>.value[]; steps may be encoded). */
export function maxSeriesPoints(contentDir: string): { files: number; series: number; maxPoints: number } {
	const dir = join(contentDir, 'series');
	let files = 0;
	let series = 0;
	let maxPoints = 0;
	for (const name of readdirSync(dir)) {
		const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { metrics: Record<string, { value: unknown[] }> };
		files++;
		for (const s of Object.values(data.metrics)) {
			series++;
			maxPoints = Math.max(maxPoints, s.value.length);
		}
	}
	return { files, series, maxPoints };
}

/** Bytes of Astro's content-layer store (`<cacheDir>/data-store.json`), or null. */
export function dataStoreBytes(cacheDir: string): number | null {
	const file = join(cacheDir, 'data-store.json');
	return existsSync(file) ? statSync(file).size : null;
}

/** Bytes and regular files below `dir` (0 and 0 when it does not exist): what a host stores. */
export function treeSize(dir: string): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	if (!existsSync(dir)) return { bytes, files };
	for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		const st = statSync(join(dir, rel), { throwIfNoEntry: false });
		if (st?.isFile()) {
			bytes += st.size;
			files++;
		}
	}
	return { bytes, files };
}
