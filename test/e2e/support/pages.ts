import type { Page } from 'playwright-core';
import type { SiteMap } from './site.ts';

/** A page every browser test visits: a short name (for screenshots) and its path under the base. */
export interface KeyPage {
	name: string;
	path: string;
}

/** The key pages of the site: one of each kind, the compare page with three runs of one experiment. */
export function keyPages(map: SiteMap): KeyPage[] {
	return [
		{ name: 'home', path: '' },
		{ name: 'experiment', path: map.experiment },
		{ name: 'run', path: map.run },
		{ name: 'compare', path: `compare/?runs=${map.compareRunIds.join(',')}` },
		{ name: 'models', path: map.modelList },
		{ name: 'model', path: map.model },
		{ name: 'model-card', path: map.modelVersion },
		{ name: 'changes', path: map.changes },
		...(map.reports ? [{ name: 'reports', path: map.reports }] : []),
		...(map.report ? [{ name: 'report', path: map.report }] : []),
		...(map.search ? [{ name: 'search', path: 'search/' }] : []),
	];
}

/**
 * Scrolls through the whole page so every lazy `<vega-chart>` comes into view, waits until each
 * has settled (`data-state` set by the element: live or static) and the network is quiet, then
 * scrolls back to the top. In Chromium (150 at least) the scrollIntoView() calls leave the Tab
 * starting point at the last chart, not at the top.
 */
export async function visitWholePage(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	const step = page.viewportSize()?.height ?? 800;
	for (let y = 0; y < height; y += step) {
		await page.evaluate((top) => window.scrollTo(0, top), y);
		await page.waitForLoadState('networkidle');
	}
	// Charts a script adds later (the compare page) are brought into view one by one.
	const charts = page.locator('vega-chart');
	for (let i = 0; i < (await charts.count()); i++) {
		await charts.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
		await page.waitForFunction((el) => (el as HTMLElement).dataset['state'], await charts.nth(i).elementHandle(), { timeout: 90_000 });
	}
	await page.waitForLoadState('networkidle');
	await page.evaluate(() => window.scrollTo(0, 0));
}
