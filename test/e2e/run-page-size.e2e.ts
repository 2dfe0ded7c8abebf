import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyCsv } from '../../src/lib/history-csv.ts';
import { parseRunSeries } from '../../src/lib/parse-run-series.ts';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

// What keeps a run page small (README "Size of a site") still works in the browser: the charts
// drawn in the browser from the run's series JSON, and the history CSV and JSON made from it.
const map = siteMap();

let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('a run page drawn mostly in the browser', () => {
	it('draws each chart without a build-time SVG when it scrolls into view, from one request for the series', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			const seriesRequests: string[] = [];
			page.on('request', (r) => r.url().includes('/compare/series/') && seriesRequests.push(r.url()));
			await page.goto(siteUrl(map.run));
			// The page lists the charts it draws in the browser and adds them once the series is in.
			const grid = page.locator('.charts[data-browser-charts]');
			const listed = JSON.parse((await grid.getAttribute('data-browser-charts'))!) as string[];
			await page.locator('.charts[data-browser-charts][data-ready]').waitFor();
			// By metric: the outline goes once a chart is drawn. (Charts of several metrics together
			// are checked in chart-readability.e2e.ts.)
			const metrics = await page.locator('.run-chart[data-metric]:has(.chart-outline)').evaluateAll((charts) => charts.map((c) => (c as HTMLElement).dataset['metric']!));
			expect(metrics.length, `no chart drawn in the browser on ${map.run}`).toBeGreaterThan(0);
			expect(metrics).toEqual(listed);
			// Until drawn, each has its key points as a table (first, last, min, max) and a caption
			// with the numbers of its row in the metrics table.
			for (const metric of metrics) {
				const chart = page.locator(`.run-chart[data-metric="${metric}"]`);
				const labels = await chart.locator('details.vega-data tbody tr td:first-child').allTextContents();
				expect(labels[0]).toBe('first');
				expect(labels).toContain('last');
				const last = await page.evaluate((m) => [...document.querySelectorAll('table.run-metrics tbody tr')].find((tr) => tr.querySelector('th')?.textContent === m)?.querySelector('td')?.textContent, metric);
				expect(await chart.locator('.vega-description').textContent()).toContain(`${metric} by step. Last ${last};`);
			}
			for (const metric of metrics) {
				const chart = page.locator(`.run-chart[data-metric="${metric}"]`);
				await chart.scrollIntoViewIfNeeded();
				await chart.locator('vega-chart[data-state="live"] [data-live] svg.marks').waitFor();
				expect(await chart.locator('.chart-outline').count()).toBe(0);
				const box = await chart.locator('[data-live] svg.marks').boundingBox();
				expect(box!.width).toBeGreaterThan(300);
				expect(box!.height).toBeGreaterThan(120);
				// The line is drawn: a path with many segments.
				const d = await chart.locator('[data-live] svg .role-mark path').first().getAttribute('d');
				expect(d?.split('L').length ?? 0).toBeGreaterThan(3);
			}
			expect(new Set(seriesRequests).size).toBe(1);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('says so in place of the charts it lists when the series does not load', async () => {
		const { context, page } = await openPage(browser);
		try {
			await page.route('**/compare/series/**', (route) => route.abort());
			await page.goto(siteUrl(map.run));
			const listed = JSON.parse((await page.locator('.charts[data-browser-charts]').getAttribute('data-browser-charts'))!) as string[];
			await page.locator('.charts[data-browser-charts][data-ready]').waitFor();
			expect(await page.locator('.run-chart[data-metric]').count()).toBe(1);
			expect(await page.locator('.run-charts > .table-note').textContent()).toContain(`${listed.length} more charts could not be drawn`);
			// The build-time chart is still there, and the controls work on it.
			expect(await page.locator('.run-chart [data-static] svg.marks').count()).toBe(1);
		} finally {
			await context.close();
		}
	});

	it('downloads the history as CSV, made from the JSON the page links', async () => {
		const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
		try {
			await page.goto(siteUrl(map.run));
			const csvLink = page.locator('[data-history-csv] a');
			await expect.poll(() => csvLink.isVisible()).toBe(true);
			const jsonHref = await page.locator('a[download="history.json"]').getAttribute('href');
			expect(await csvLink.getAttribute('href')).toBe(jsonHref);
			const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
			expect(download.suggestedFilename()).toBe('history.csv');
			const csv = readFileSync((await download.path())!, 'utf8');
			const json = await (await page.request.get(new URL(jsonHref!, page.url()).href)).text();
			expect(csv).toBe(historyCsv(parseRunSeries(json, jsonHref!)));
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('downloads the history as JSON with every step and timestamp written out, from the compact file the page links', async () => {
		const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
		try {
			await page.goto(siteUrl(map.run));
			const jsonLink = page.locator('a[data-history-json]');
			const href = (await jsonLink.getAttribute('href'))!;
			const published = await (await page.request.get(new URL(href, page.url()).href)).text();
			// The published file writes steps 0, 1, 2, … as a progression (src/lib/series-columns.ts).
			expect(published).toMatch(/"step": \{/);
			const [download] = await Promise.all([page.waitForEvent('download'), jsonLink.click()]);
			expect(download.suggestedFilename()).toBe('history.json');
			const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { runId: string; metrics: Record<string, { step: unknown; timestamp: unknown; value: unknown }> };
			const { runId, maxPoints, metrics } = parseRunSeries(published, href);
			expect(saved).toEqual({ runId, maxPoints, metrics });
			for (const s of Object.values(saved.metrics)) expect(Array.isArray(s.step) && Array.isArray(s.timestamp)).toBe(true);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('without JavaScript, offers the JSON download only', async () => {
		const { context, page } = await openPage(browser, { javaScriptEnabled: false });
		try {
			await page.goto(siteUrl(map.run));
			expect(await page.locator('[data-history-csv]').isVisible()).toBe(false);
			// The charts past charts.svgPerRun are listed, not drawn: the page says where their numbers are.
			const listed = JSON.parse((await page.locator('.charts[data-browser-charts]').getAttribute('data-browser-charts'))!) as string[];
			expect(await page.locator('.run-charts .table-note').first().textContent()).toContain(`${listed.length} more charts are drawn with JavaScript`);
			expect(await page.locator('.run-chart[data-metric]').count()).toBe(1);
			const href = await page.locator('a[download="history.json"]').getAttribute('href');
			const response = await page.request.get(new URL(href!, page.url()).href);
			expect(response.status()).toBe(200);
		} finally {
			await context.close();
		}
	});
});
