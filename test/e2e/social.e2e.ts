import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

const map = siteMap();
/** The `site` the example was built with (npm run test:e2e passes SITE to the build); absolute URLs then. */
const SITE = process.env['SITE'] || null;
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const VIEWS = [1280, 375].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));
const pages = [map.run, map.experiment, map.modelVersion, ...(map.report ? [map.report] : [])];

describe('link previews', () => {
	it.each(VIEWS)('every shareable page has Open Graph and Twitter tags and a 1200×630 PNG ($width px, $scheme)', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
		try {
			for (const path of pages) {
				await page.goto(siteUrl(path));
				const tags = await page.evaluate(() =>
					Object.fromEntries([...document.head.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')].map((m) => [m.getAttribute('property') ?? m.getAttribute('name'), m.getAttribute('content')])),
				);
				expect(tags, path).toMatchObject({ 'og:type': 'article', 'og:image:width': '1200', 'og:image:height': '630', 'twitter:card': 'summary_large_image' });
				for (const key of ['og:title', 'og:description', 'og:url', 'og:image', 'og:image:alt']) expect(tags[key], `${key} of ${path}`).toBeTruthy();
				const image = tags['og:image']!;
				if (SITE) {
					expect(image.startsWith(`${SITE.replace(/\/$/, '')}/`), image).toBe(true);
					expect(tags['og:url']!.startsWith(`${SITE.replace(/\/$/, '')}/`)).toBe(true);
				} else expect(image.startsWith('/')).toBe(true);
				// A model version's image is its own (it names the version); the others are per experiment or report.
				if (path === map.modelVersion) expect(image).toMatch(new RegExp(`/${map.modelVersion.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}og\\.png$`));
				// The image, fetched from this server and decoded by the browser.
				const served = new URL(new URL(image, 'http://x').pathname, siteUrl()).href;
				const decoded = await page.evaluate(async (url) => {
					const response = await fetch(url);
					const bitmap = await createImageBitmap(await response.blob());
					return { type: response.headers.get('content-type'), width: bitmap.width, height: bitmap.height };
				}, served);
				expect(decoded, image).toEqual({ type: 'image/png', width: 1200, height: 630 });
			}
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
