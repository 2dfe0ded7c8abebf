import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const VIEWS = [
	[1280, 'light'],
	[1280, 'dark'],
	[375, 'light'],
	[375, 'dark'],
] as const;
const model = map.model;

describe('a report whose numbers come from the snapshot', () => {
	it.each(VIEWS)('states each number as a link to its source, readable at %i px, %s', async (width, scheme) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.report!));
			const values = page.locator('article a.report-value');
			expect(await values.count()).toBeGreaterThan(40);
			const shown = await values.evaluateAll((links) =>
				links.map((a) => {
					const r = a.getBoundingClientRect();
					const style = getComputedStyle(a);
					return { href: (a as HTMLAnchorElement).href, title: a.getAttribute('title'), text: a.textContent, width: r.width, right: r.right, color: style.color, background: getComputedStyle(document.body).backgroundColor };
				}),
			);
			for (const value of shown) {
				expect(value.text, value.title!).toMatch(/\d/);
				expect(value.title).toBeTruthy();
				expect(value.width).toBeGreaterThan(0);
				expect(value.right).toBeLessThanOrEqual(width);
				expect(value.color).not.toBe(value.background);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			// Every source page exists.
			for (const href of new Set(shown.map((v) => v.href.replace(/[?#].*$/, '')))) {
				expect((await page.request.get(href)).status(), href).toBe(200);
			}
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('draws its charts live with tooltips and a data table, as site charts', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(map.report!));
			const charts = page.locator('article vega-chart');
			expect(await charts.count()).toBe(5);
			expect(await page.locator('article figure:has(vega-chart) details.vega-data').count()).toBe(5);
			let shown = false;
			for (let i = 0; i < (await charts.count()) && !shown; i++) {
				await charts.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
				await page.waitForFunction((el) => (el as HTMLElement).dataset['state'] === 'live', await charts.nth(i).elementHandle());
				const marks = charts.nth(i).locator('[data-live] svg .role-mark > path');
				for (let m = 0; m < Math.min(await marks.count(), 30) && !shown; m++) {
					const box = await marks.nth(m).boundingBox();
					if (!box || box.width * box.height === 0) continue;
					await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
					shown = (await page.locator('#vg-tooltip-element.visible').count()) > 0;
				}
			}
			expect(shown, 'no tooltip appeared over any report chart').toBe(true);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('history from git', () => {
	it.each(VIEWS)("the model's timeline and /changes/ say what the git history holds, at %i px, %s", async (width, scheme) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(model));
			await page.getByRole('link', { name: 'Alias moves and metrics across commits' }).click();
			await expect.poll(() => page.url()).toMatch(/\/timeline\/$/);
			await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Timeline of /);
			// The example site's snapshot is not committed, except what people write: the page says
			// what git holds (commits, a shallow clone, or none) instead of inventing moves.
			expect(await page.locator('.history-note').textContent()).toMatch(/git history/i);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			await page.goto(siteUrl(map.changes));
			expect(await page.getByRole('heading', { name: 'Recent snapshots' }).count()).toBe(1);
			expect(await page.locator('.history-note').textContent()).toMatch(/git history/i);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
