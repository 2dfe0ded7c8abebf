import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

const map = siteMap();
const runs = map.compareRunIds;
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const paramRows = (page: Page) => page.locator('compare-runs [data-params] tbody tr').count();
const loaded = (page: Page) => page.locator('compare-runs [data-metrics] tbody tr').first().waitFor();

const VIEWS = [1280, 375].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

describe('the compare page', () => {
	it.each(VIEWS)('draws train and validation loss of every compared run on one chart at $width px, $scheme', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(`compare/?runs=${runs.join(',')}`));
			await loaded(page);
			// The splits of each quantity come first, accuracy then loss.
			const captions = page.locator('compare-runs [data-charts] figure > figcaption');
			await expect.poll(() => captions.first().textContent()).toMatch(/^train_accuracy vs val_accuracy of \d+ compared runs, one dash per metric/);
			expect(await captions.nth(1).textContent()).toMatch(/^train_loss vs val_loss of \d+ compared runs, one dash per metric/);
			const figure = page.locator('compare-runs [data-charts] figure').nth(1);
			await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
			const svg = figure.locator('vega-chart [data-live] svg.marks');
			await svg.waitFor();
			// A line per run and metric: colour tells the runs, dash the metric; both legends.
			const lines = await svg.locator('.role-mark path').count();
			expect(lines).toBe(runs.length * 2);
			const legend = await svg.locator('.role-legend-label text').allTextContents();
			expect(legend).toEqual(expect.arrayContaining(['train_loss', 'val_loss']));
			expect(legend.length).toBe(runs.length + 2);
			const dashes = await svg.locator('.role-mark path').evaluateAll((paths) => new Set(paths.map((p) => p.getAttribute('stroke-dasharray') ?? '')).size);
			expect(dashes).toBe(2);
			// It fits the screen.
			const box = await svg.boundingBox();
			expect(box!.x + box!.width).toBeLessThanOrEqual(width);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('puts the chosen runs side by side with params, metric deltas and overlaid histories', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(`compare/?runs=${runs.join(',')}`));
			await loaded(page);
			expect(await page.locator('compare-runs [data-runs] thead th').count()).toBe(runs.length + 1);
			expect(await paramRows(page)).toBeGreaterThan(0);
			// Deltas against the baseline (the first run): every other run's cells say better, worse or same.
			const verdicts = await page.locator('compare-runs [data-metrics] tbody td').evaluateAll((tds) => tds.map((td) => td.className));
			expect(verdicts.some((c) => /\b(better|worse)\b/.test(c))).toBe(true);
			// The first chart of one metric (charts of a quantity's splits come before them).
			const charts = page.locator('compare-runs [data-charts] figure:not(:has(figcaption:text(" vs "))) vega-chart');
			await expect.poll(() => charts.count()).toBeGreaterThan(0);
			await charts.first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
			await charts.first().locator('[data-live] svg.marks').waitFor();
			// One line per run in its legend.
			const legend = await charts.first().locator('[data-live] svg .role-legend-label text').allTextContents();
			expect(legend).toHaveLength(runs.length);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('keeps every choice in the address, so a reload shows the same comparison', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(`compare/?runs=${runs.join(',')}`));
			await loaded(page);
			const allParams = await paramRows(page);
			await page.locator('compare-runs input[name=diff]').check();
			await page.locator(`compare-runs input[name=baseline][value="${runs[1]}"]`).check();
			await page.locator('compare-runs select[name=x]').selectOption('relative');
			await page.locator('compare-runs input[name=log]').check();
			const onlyDiff = await paramRows(page);
			expect(onlyDiff).toBeLessThan(allParams);
			const url = new URL(page.url());
			expect(Object.fromEntries(url.searchParams)).toMatchObject({ runs: runs.join(','), baseline: runs[1], diff: '1', x: 'relative', log: '1' });
			await page.reload();
			await loaded(page);
			expect(await page.locator('compare-runs input[name=diff]').isChecked()).toBe(true);
			expect(await page.locator(`compare-runs input[name=baseline][value="${runs[1]}"]`).isChecked()).toBe(true);
			expect(await page.locator('compare-runs select[name=x]').inputValue()).toBe('relative');
			expect(await page.locator('compare-runs input[name=log]').isChecked()).toBe(true);
			expect(await paramRows(page)).toBe(onlyDiff);
			// The baseline's own column has no delta; the first run's now has one.
			const cells = page.locator('compare-runs [data-metrics] tbody tr').first().locator('td');
			expect(await cells.nth(1).locator('small').count()).toBe(0);
			expect(await cells.nth(0).locator('small').count()).toBe(1);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('says which runs it does not know', async () => {
		const { context, page } = await openPage(browser);
		try {
			await page.goto(siteUrl(`compare/?runs=${runs[0]},${'f'.repeat(32)}`));
			await loaded(page);
			expect(await page.locator('compare-runs [data-message]').textContent()).toContain('f'.repeat(32));
		} finally {
			await context.close();
		}
	});
});
