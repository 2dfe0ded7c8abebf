import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Width and height of every chart picture matched by `selector`, as laid out. */
const boxes = (page: Page, selector: string) =>
	page.locator(selector).evaluateAll((els) => els.map((el) => {
		const r = el.getBoundingClientRect();
		return { width: Math.round(r.width), height: Math.round(r.height), paths: el.querySelectorAll('path, line, rect, circle').length };
	}));

describe('charts without JavaScript', () => {
	it.each([
		['experiment', map.experiment],
		['run', map.run],
	])('the %s page shows every chart as a drawn SVG before any script runs', async (_, path) => {
		const { context, page } = await openPage(browser, { javaScriptEnabled: false });
		try {
			await page.goto(siteUrl(path));
			const charts = await boxes(page, 'vega-chart > [data-static] > svg, figure.chart > svg, figure svg.chart');
			expect(charts.length, `no chart on ${path}`).toBeGreaterThan(0);
			for (const chart of charts) {
				expect(chart.width).toBeGreaterThan(100);
				expect(chart.height).toBeGreaterThan(50);
				expect(chart.paths).toBeGreaterThan(3);
			}
			// Every <vega-chart> has its picture, or (a run page's charts past charts.svgPerRun,
			// drawn in the browser) an outline of its line and its key points as a table.
			const empty = await page.locator('vega-chart:not(:has(> [data-static] > svg)):not(:has(> [data-static] > .chart-outline > svg polyline))').count();
			expect(empty).toBe(0);
			const outlined = page.locator('figure:has(vega-chart .chart-outline)');
			for (let i = 0; i < (await outlined.count()); i++) {
				expect(await outlined.nth(i).locator('details.vega-data tbody tr').count()).toBeGreaterThan(0);
			}
		} finally {
			await context.close();
		}
	});
});

describe('charts with JavaScript', () => {
	it('a chart turns interactive when scrolled into view, and only then', async () => {
		const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 700 } });
		try {
			await page.goto(siteUrl(map.experiment));
			await page.waitForLoadState('networkidle');
			const charts = page.locator('vega-chart');
			const count = await charts.count();
			expect(count).toBeGreaterThan(0);
			const last = charts.last();
			// Far below the fold, the last chart is still the static picture and vega-embed is not loaded.
			const top = await last.evaluate((el) => el.getBoundingClientRect().top);
			if (top > 700 + 400) {
				expect(await last.getAttribute('data-state')).toBeNull();
				expect(await last.locator('[data-static] > svg').count()).toBe(1);
			}
			for (let i = 0; i < count; i++) {
				const chart = charts.nth(i);
				await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
				await page.waitForFunction((el) => (el as HTMLElement).dataset['state'], await chart.elementHandle(), { timeout: 30_000 });
				expect(await chart.getAttribute('data-state'), `chart ${i + 1} of ${count} stayed static`).toBe('live');
				// vega-embed's view: an SVG it rendered with marks; the build-time picture is gone.
				expect(await chart.locator('[data-live] svg.marks').count()).toBe(1);
				expect(await chart.locator('[data-static]').count()).toBe(0);
				const [box] = await boxes(page, `vega-chart >> nth=${i} >> [data-live] svg.marks`);
				expect(box!.width).toBeGreaterThan(100);
				expect(box!.paths).toBeGreaterThan(3);
			}
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('live charts answer the pointer with a tooltip', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(map.experiment));
			const charts = page.locator('vega-chart');
			let shown = false;
			for (let i = 0; i < (await charts.count()) && !shown; i++) {
				await charts.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
				await page.waitForFunction((el) => (el as HTMLElement).dataset['state'] === 'live', await charts.nth(i).elementHandle());
				// Point at the middle of each drawn mark (bars, points, lines) until one shows its tooltip.
				const marks = charts.nth(i).locator('[data-live] svg .role-mark > path');
				for (let m = 0; m < Math.min(await marks.count(), 30) && !shown; m++) {
					const box = await marks.nth(m).boundingBox();
					if (!box || box.width * box.height === 0) continue;
					await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
					shown = (await page.locator('#vg-tooltip-element.visible').count()) > 0;
				}
			}
			expect(shown, 'no tooltip appeared over any mark of any chart').toBe(true);
			expect(await page.locator('#vg-tooltip-element.visible').textContent()).toBeTruthy();
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
