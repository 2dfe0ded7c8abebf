import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { DIST, siteMap } from './support/site.ts';

const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Every width and scheme the issue asks the pages to work in. */
const VIEWS = [1280, 375].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

/** Whether the page is painted dark, from the body's background colour. */
const isDark = (page: Page) =>
	page.evaluate(() => {
		const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g)!.map(Number);
		return r! + g! + b! < 3 * 128;
	});

/** The run page's id and one param of it (`key value`), read from the built page. */
function runFacts() {
	const html = readFileSync(join(DIST, map.run, 'index.html'), 'utf8');
	const terms = /<p hidden data-search-terms>([^<]*)<\/p>/.exec(html)?.[1]?.split(' · ') ?? [];
	const id = map.run.split('/')[1]!;
	return { id, terms };
}

describe('the header', () => {
	it.each(VIEWS)('links Compare and Changes from every page at $width px, $scheme', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.run));
			const nav = page.getByRole('navigation', { name: 'Main' });
			await nav.getByRole('link', { name: 'Compare' }).click();
			await page.waitForURL(/\/compare\/$/);
			expect(await nav.getByRole('link', { name: 'Compare' }).getAttribute('aria-current')).toBe('page');
			await nav.getByRole('link', { name: 'Changes' }).click();
			await page.waitForURL(/\/changes\/$/);
			expect(await nav.getByRole('link', { name: 'Changes' }).getAttribute('aria-current')).toBe('page');
			// The header fits the width: nothing scrolls sideways.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('the theme choice', () => {
	it.each(VIEWS)('is kept across pages and reloads, with no flash of the other scheme ($width px, system $scheme)', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.experiment));
			expect(await isDark(page)).toBe(scheme === 'dark');
			await page.locator('#theme-switch').check();
			expect(await isDark(page)).toBe(scheme !== 'dark');
			// The first paint of the next page is already in the chosen scheme: the head script sets
			// it before the body exists (checked here at the first moment the body is there).
			await page.addInitScript(() => {
				document.addEventListener('readystatechange', () => {
					if (document.readyState === 'interactive') (window as unknown as { firstTheme: string }).firstTheme = getComputedStyle(document.documentElement).colorScheme;
				});
			});
			for (const path of [map.run, map.modelVersion, 'compare/', map.changes]) {
				await page.goto(siteUrl(path));
				expect(await isDark(page), path).toBe(scheme !== 'dark');
				expect(await page.locator('#theme-switch').isChecked()).toBe(true);
				expect(await page.evaluate(() => (window as unknown as { firstTheme: string }).firstTheme)).toBe(scheme === 'dark' ? 'light' : 'dark');
			}
			await page.reload();
			expect(await isDark(page)).toBe(scheme !== 'dark');
			// Switching back follows the system again, on the next pages too.
			await page.locator('#theme-switch').uncheck();
			await page.goto(siteUrl(''));
			expect(await isDark(page)).toBe(scheme === 'dark');
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('site search', () => {
	const search = async (page: Page, query: string) => {
		await page.goto(siteUrl(`search/?q=${encodeURIComponent(query)}`));
		await page.locator('site-search [data-status]').filter({ hasText: /found|Nothing/ }).waitFor({ timeout: 60_000 });
		return page.locator('site-search [data-results] a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	};

	it.each(VIEWS)('finds a run by its id prefix, a model by its alias and runs by a param value ($width px, $scheme)', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
		try {
			const { id, terms } = runFacts();
			expect(await search(page, id.slice(0, 8))).toContain(new URL(siteUrl(map.run)).pathname);
			expect(await search(page, id)).toContain(new URL(siteUrl(map.run)).pathname);
			const alias = map.alias.split('/@')[1]!.replace(/\/$/, '');
			const byAlias = await search(page, alias);
			expect(byAlias).toContain(new URL(siteUrl(map.model)).pathname);
			expect(byAlias).toContain(new URL(map.aliasTarget, siteUrl()).pathname);
			// A param value that is a word (`lr_schedule cosine`) and one that is a number
			// (`learning_rate 0.003`): every hit is a run page with that value.
			const word = terms.find((t) => /^[a-z_]+ [a-z]{4,}$/.test(t));
			const number = terms.find((t) => /^[a-z_]+ \d+\.\d+$/.test(t));
			for (const term of [word, number]) {
				expect(term).toBeDefined();
				const value = term!.split(' ')[1]!;
				const hits = await search(page, value);
				expect(hits.length, value).toBeGreaterThan(0);
				for (const hit of hits.slice(0, 5)) {
					const html = readFileSync(join(DIST, decodeURIComponent(hit).replace(new URL(siteUrl()).pathname, ''), 'index.html'), 'utf8');
					expect(/<p hidden data-search-terms>([^<]*)/.exec(html)?.[1]?.split(' · '), hit).toContain(`${term!.split(' ')[0]} ${value}`);
				}
			}
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
