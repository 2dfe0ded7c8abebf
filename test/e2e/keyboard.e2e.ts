import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { keyPages, visitWholePage } from './support/pages.ts';
import { siteMap } from './support/site.ts';

const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * In the page: every visible element a keyboard user should reach (`all`), or the focused one and
 * how its focus is drawn (`focused`; empty indicator when it is not). Elements are named the same
 * way before and after a script re-renders them: tag, name, value, link, text. Radio buttons of
 * one group are one stop (arrow keys move inside it). The page's CSP forbids eval, so this is
 * one self-contained function.
 */
function probe(mode: string) {
	const name = (el: HTMLElement) => {
		if (el instanceof HTMLInputElement && el.type === 'radio') return `radio group ${el.name}`;
		const text = (el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
		return [`<${el.tagName.toLowerCase()}>`, el.getAttribute('name'), el.getAttribute('value'), el.getAttribute('href'), text].filter(Boolean).join(' ');
	};
	if (mode === 'all') {
		const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex="-1"])';
		const all = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('[inert]'));
		return [...new Set(all.map(name))];
	}
	const el = document.activeElement as HTMLElement | null;
	if (!el || el === document.body) return null;
	const style = getComputedStyle(el);
	const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? `outline ${style.outlineStyle} ${style.outlineWidth}` : '';
	const shadow = style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : '';
	return { key: name(el), indicator: outline || shadow };
}
const focusable = (page: Page) => page.evaluate(probe, 'all') as Promise<string[]>;
const focused = (page: Page) => page.evaluate(probe, 'focused') as Promise<{ key: string; indicator: string } | null>;

describe.each(keyPages(map))('keyboard on the $name page', ({ path }) => {
	it('reaches every link and control with Tab, each with a visible focus', async () => {
		const { context, page } = await openPage(browser);
		try {
			await page.goto(siteUrl(path));
			await visitWholePage(page);
			const expected = await focusable(page);
			const reached = new Set<string>();
			const invisible = new Set<string>();
			for (let i = 0; i < expected.length * 2 + 40; i++) {
				await page.keyboard.press('Tab');
				const stop = await focused(page);
				if (!stop) {
					if (reached.size > 0) break; // past the last stop: one full round
					continue;
				}
				reached.add(stop.key);
				if (!stop.indicator) invisible.add(stop.key);
			}
			const missed = expected.filter((key) => !reached.has(key));
			expect(missed, `not reachable with Tab on /${path}`).toEqual([]);
			expect([...invisible], `no visible focus on /${path}`).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
