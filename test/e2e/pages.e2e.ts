import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { keyPages, visitWholePage } from './support/pages.ts';
import { siteMap } from './support/site.ts';

/**
 * Screenshots the tests save for people to look at, in the ignored .tmp/ so that a test run leaves
 * the checkout unchanged; `npm run screenshots` refreshes the committed ones in docs/screenshots/.
 */
const SHOTS = fileURLToPath(new URL('../../.tmp/screenshots/e2e/', import.meta.url));
/** Screenshots are cut at this height: the top of the page, what a reader sees first. */
const MAX_SHOT_HEIGHT = 2000;

const map = siteMap();
const viewports = [
	{ label: 'desktop', width: 1280, height: 900 },
	{ label: 'mobile', width: 375, height: 800 },
] as const;
const schemes = ['light', 'dark'] as const;

let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
	mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => browser?.close());

describe.each(keyPages(map))('$name page ($path)', ({ name, path }) => {
	it.each(viewports.flatMap((v) => schemes.map((scheme) => ({ ...v, scheme }))))(
		'works at $label width in $scheme mode: no error, no CSP violation, no horizontal overflow',
		async ({ label, width, height, scheme }) => {
			const { context, page, problems } = await openPage(browser, { viewport: { width, height }, colorScheme: scheme });
			try {
				const response = await page.goto(siteUrl(path));
				expect(response?.status()).toBe(200);
				await visitWholePage(page);
				expect(await page.locator('main h1').first().textContent()).toBeTruthy();
				const full = await page.evaluate(() => document.documentElement.scrollHeight);
				await page.screenshot({
					path: join(SHOTS, `${name}-${label}-${scheme}.png`),
					fullPage: true,
					clip: { x: 0, y: 0, width, height: Math.min(full, MAX_SHOT_HEIGHT) },
				});
				const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
				expect(scrollWidth, `${path} is wider than the ${width} px viewport`).toBeLessThanOrEqual(width);
				expect(await problems.list()).toEqual([]);
			} finally {
				await context.close();
			}
		},
	);
});

describe('pages with fixed content', () => {
	it('the changes page says there is no base snapshot when built without MLPAGES_DIFF', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(map.changes));
			await expect.poll(() => page.locator('main').textContent()).toMatch(/no base snapshot/i);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('an unknown address gets the 404 page with a way back', async () => {
		const { context, page } = await openPage(browser);
		try {
			const response = await page.goto(siteUrl('no/such/page/'));
			expect(response?.status()).toBe(404);
			await expect.poll(() => page.locator(`a[href="${new URL(siteUrl()).pathname}"]`).count()).toBeGreaterThan(0);
		} finally {
			await context.close();
		}
	});
});
