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

describe('site search', () => {
	it('is built with the site (pagefind/ beside the pages)', () => {
		expect(map.search).toBe(true);
	});

	it('finds the experiment by name and links to it, without CSP errors', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl('search/'));
			const input = page.locator('main input[type=search], main input[type=text]').first();
			await input.waitFor();
			const name = map.experiment.split('/')[1]!;
			await input.fill(name);
			const hit = page.locator(`main a[href*="/${map.experiment}"]`).first();
			await hit.waitFor({ timeout: 30_000 });
			expect(await hit.isVisible()).toBe(true);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
