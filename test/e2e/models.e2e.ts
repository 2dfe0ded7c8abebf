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

describe('model registry pages', () => {
	it('the model page links each version, and a version link opens its model card', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(map.model));
			const card = page.locator(`main a[href$="/${map.modelVersion}"]`).first();
			await card.click();
			await page.waitForURL(siteUrl(map.modelVersion));
			const version = map.modelVersion.split('/').at(-2)!;
			expect(await page.locator('main h1').textContent()).toContain(map.model.split('/')[1]);
			expect(await page.locator('main').textContent()).toMatch(new RegExp(`version ${version}\\b`, 'i'));
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('an alias URL lands on the version it names', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(map.alias));
			await page.waitForURL(new URL(map.aliasTarget, siteUrl()).href);
			await page.waitForLoadState('load');
			const version = map.aliasTarget.split('/').at(-2)!;
			expect(await page.locator('main h1').textContent()).toContain(map.model.split('/')[1]);
			expect(await page.locator('main').textContent()).toMatch(new RegExp(`version ${version}\\b`, 'i'));
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
