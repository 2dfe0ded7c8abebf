import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { keyPages, visitWholePage } from './support/pages.ts';
import { siteMap } from './support/site.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

interface AxeResult {
	violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

describe.each(keyPages(map))('accessibility of the $name page', ({ path }) => {
	it.each(['light', 'dark'] as const)('has no serious or critical axe-core violation in %s mode', async (scheme) => {
		// Only this context bypasses the page's CSP, so that axe-core can be injected as a script.
		const { context, page } = await openPage(browser, { colorScheme: scheme, bypassCSP: true });
		try {
			await page.goto(siteUrl(path));
			await visitWholePage(page);
			await page.addScriptTag({ path: AXE });
			const result = await page.evaluate(() =>
				(window as unknown as { axe: { run(o: object): Promise<AxeResult> } }).axe.run({ resultTypes: ['violations'] }),
			);
			const bad = result.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${JSON.stringify(v.nodes[0]?.target)})`);
			expect(bad, `/${path} in ${scheme} mode`).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
