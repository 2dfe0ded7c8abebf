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

declare global {
	interface Window {
		/** Identities of the elements the Tab walk has stopped on, to know when it has come round. */
		__tabStops?: { ids: WeakMap<Element, number>; next: number };
	}
}

/**
 * In the page: every visible element a keyboard user should reach (`all`), or the focused one,
 * how its focus is drawn (`focused`; empty indicator when it is not) and its identity (`id`, the
 * same number each time focus comes back to the same element). Elements are named the same way
 * before and after a script re-renders them: tag, name, value, link, text. Radio buttons of one
 * group are one stop (arrow keys move inside it). The page's CSP forbids eval, so this is one
 * self-contained function.
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
	const stops = (window.__tabStops ??= { ids: new WeakMap(), next: 1 });
	if (!stops.ids.has(el)) stops.ids.set(el, stops.next++);
	return { key: name(el), indicator: outline || shadow, id: stops.ids.get(el)! };
}
const focusable = (page: Page) => page.evaluate(probe, 'all') as Promise<string[]>;
const focused = (page: Page) => page.evaluate(probe, 'focused') as Promise<{ key: string; indicator: string; id: number } | null>;

describe.each(keyPages(map))('keyboard on the $name page', ({ path }) => {
	it('reaches every link and control with Tab, each with a visible focus', async () => {
		const { context, page } = await openPage(browser);
		try {
			await page.goto(siteUrl(path));
			await visitWholePage(page);
			const expected = await focusable(page);
			const reached = new Set<string>();
			const invisible = new Set<string>();
			// Tab goes round the page in a cycle (after the last stop, focus leaves the page for the
			// browser's own controls, then comes back to the first). Where it starts is the browser's
			// "sequential focus navigation starting point", which Chromium 150 moves to any element
			// given to scrollIntoView(), as visitWholePage does: so the walk goes once round the
			// cycle from wherever it starts, until focus is back on the element it first reached.
			// The bound covers a full round even when that element is re-rendered on the way.
			let first: number | undefined;
			for (let i = 0; i < expected.length * 2 + 40; i++) {
				await page.keyboard.press('Tab');
				const stop = await focused(page);
				if (!stop) continue; // in the browser's controls, between the last stop and the first
				if (stop.id === first) break;
				first ??= stop.id;
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
