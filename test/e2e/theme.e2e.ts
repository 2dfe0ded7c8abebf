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

/** Relative luminance (0 black … 1 white) of the page background as painted. */
const backgroundLuminance = (page: Page) =>
	page.evaluate(() => {
		const rgb = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g)!.slice(0, 3).map(Number);
		const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
		return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
	});

describe('colour scheme', () => {
	it.each(['', map.experiment, map.run, map.modelVersion])('follows the system setting on /%s', async (path) => {
		for (const scheme of ['light', 'dark'] as const) {
			const { context, page } = await openPage(browser, { colorScheme: scheme });
			try {
				await page.goto(siteUrl(path));
				const luminance = await backgroundLuminance(page);
				if (scheme === 'dark') expect(luminance).toBeLessThan(0.1);
				else expect(luminance).toBeGreaterThan(0.8);
				// Text keeps its contrast with the background in both schemes.
				const fg = await page.evaluate(() => getComputedStyle(document.body).color);
				expect(fg).not.toBe(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
			} finally {
				await context.close();
			}
		}
	});

	it.each(['light', 'dark'] as const)('the header switch turns a %s system setting into the other scheme, by keyboard too', async (scheme) => {
		const { context, page, problems } = await openPage(browser, { colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.experiment));
			const toggle = page.getByRole('checkbox', { name: scheme === 'light' ? 'Dark theme' : 'Light theme' });
			expect(await toggle.isChecked()).toBe(false);
			const before = await backgroundLuminance(page);
			await toggle.focus();
			await page.keyboard.press('Space');
			expect(await toggle.isChecked()).toBe(true);
			const after = await backgroundLuminance(page);
			if (scheme === 'light') expect(after).toBeLessThan(0.1);
			else expect(after).toBeGreaterThan(0.8);
			expect(Math.abs(after - before)).toBeGreaterThan(0.7);
			await page.keyboard.press('Space');
			expect(await backgroundLuminance(page)).toBe(before);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
