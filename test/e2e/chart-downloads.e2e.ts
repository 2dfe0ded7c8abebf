import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartsAdded, launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Clicks a chart's download link and returns the saved file's name and bytes. */
async function save(page: Page, figure: number, kind: string): Promise<{ name: string; bytes: Buffer }> {
	const chart = page.locator('figure:has(> .chart-downloads)').nth(figure);
	// A reader points at the chart's figure before clicking; that prepares its files. (At its
	// caption, not the plot: a plot's tooltip stays where the pointer was and can cover the links.)
	await chart.locator('figcaption').hover();
	await chart.locator('.chart-downloads[data-state="ready"]').waitFor();
	const link = chart.locator(`a[data-chart-download="${kind}"]`);
	// Chromium now and then drops a download that starts right after the previous one finished
	// (seen with blob links and plain links alike; a second click then downloads): click again,
	// as a reader would, up to three times.
	let download: Download | null = null;
	for (let attempt = 0; attempt < 3 && !download; attempt++) {
		[download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }).catch(() => null), link.click()]);
	}
	if (!download) throw new Error(`no ${kind} download after three clicks`);
	const path = await download.path();
	return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** Parses each kind of download; throws naming what is wrong. */
function check(kind: string, { name, bytes }: { name: string; bytes: Buffer }): void {
	const text = bytes.toString('utf8');
	if (kind === 'svg') {
		expect(name).toMatch(/\.svg$/);
		expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		expect(text.trimEnd()).toMatch(/<\/svg>$/);
		expect(text.match(/<path/g)?.length ?? 0).toBeGreaterThan(2);
	} else if (kind === 'png') {
		expect(name).toMatch(/\.png$/);
		expect(bytes.subarray(0, 8).equals(PNG)).toBe(true);
		// IHDR: width and height, big-endian, at bytes 16 and 20.
		expect(bytes.readUInt32BE(16)).toBeGreaterThan(100);
		expect(bytes.readUInt32BE(20)).toBeGreaterThan(50);
	} else if (kind === 'json') {
		expect(name).toMatch(/\.vl\.json$/);
		const spec = JSON.parse(text) as Record<string, unknown>;
		expect(spec['$schema']).toMatch(/vega-lite/);
		expect(JSON.stringify(spec)).toMatch(/"values":\[/);
	} else {
		expect(name).toMatch(/\.csv$/);
		const [header, ...rows] = text.trimEnd().split('\n');
		expect(header!.split(',').length).toBeGreaterThan(1);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows.slice(0, 20)) expect(row.split(',').length).toBeGreaterThanOrEqual(header!.split(',').length);
	}
}

describe('chart downloads', () => {
	const pages = [
		['experiment', map.experiment],
		['run', map.run],
		['compare', `compare/?runs=${map.compareRunIds.join(',')}`],
		...(map.report ? [['report', map.report] as const] : []),
	] as const;

	it.each(pages)('every chart of the %s page downloads as SVG, PNG, Vega-Lite spec and CSV, and each parses', async (_, path) => {
		const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
		try {
			await page.goto(siteUrl(path));
			await chartsAdded(page);
			// The compare page draws its charts once it has fetched the runs' series.
			await page.locator('figure:has(vega-chart)').first().waitFor();
			const figures = page.locator('figure:has(> .chart-downloads)');
			const count = await figures.count();
			expect(count).toBe(await page.locator('figure:has(vega-chart)').count());
			expect(count).toBeGreaterThan(0);
			for (let i = 0; i < count; i++) {
				await figures.nth(i).scrollIntoViewIfNeeded();
				await expect.poll(() => figures.nth(i).locator('.chart-downloads').isVisible()).toBe(true);
				for (const kind of ['svg', 'png', 'json', 'csv']) {
					const file = await save(page, i, kind);
					try {
						check(kind, file);
					} catch (error) {
						throw new Error(`chart ${i + 1} of ${count} on ${path}, ${kind} (${file.name}): ${(error as Error).message}`);
					}
				}
			}
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	}, 600_000);

	it('keeps the links ready while a redrawn chart makes its files again, so a click downloads at once', async () => {
		const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
		try {
			await page.goto(siteUrl(map.run));
			const figure = page.locator('figure:has(> .chart-downloads)').first();
			await figure.locator('figcaption').hover();
			await figure.locator('.chart-downloads[data-state="ready"]').waitFor();
			// Redraw every chart (the log-scale switch of the run page), then click at once.
			const drawn = page.evaluate(() => new Promise<void>((resolve) => document.addEventListener('vega-chart-drawn', () => resolve(), { once: true })));
			await page.locator('.chart-controls input[name="log"]').check();
			await drawn;
			expect(await figure.locator('.chart-downloads').getAttribute('data-state')).toBe('ready');
			const [download] = await Promise.all([page.waitForEvent('download'), figure.locator('a[data-chart-download="svg"]').click()]);
			check('svg', { name: download.suggestedFilename(), bytes: await readFile(await download.path()) });
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it.each([
		[1280, 'light'],
		[375, 'dark'],
	] as const)('the links sit under their chart without overflow at %i px, %s', async (width, scheme) => {
		const { context, page } = await openPage(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.report ?? map.experiment));
			const boxes = await page.locator('.chart-downloads').evaluateAll((els) =>
				els.map((el) => {
					const r = el.getBoundingClientRect();
					const figure = el.closest('figure')!.getBoundingClientRect();
					return { left: r.left, right: r.right, height: r.height, figureRight: figure.right, color: getComputedStyle(el.querySelector('a')!).color };
				}),
			);
			expect(boxes.length).toBeGreaterThan(0);
			for (const box of boxes) {
				expect(box.height).toBeGreaterThan(0);
				expect(box.left).toBeGreaterThanOrEqual(0);
				expect(box.right).toBeLessThanOrEqual(width);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
		} finally {
			await context.close();
		}
	});
});
