import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareIndex } from '../../src/client/compare-index.ts';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { DIST } from './support/site.ts';

// Issue 16, item 4: colour says better or worse only where the metric's direction is known, and
// a mark says it too. The example logs `learning_rate` (a decayed rate, no direction) as a metric.
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Two runs whose learning_rate and val_loss both differ, so both rows have deltas. */
function twoRuns(): [string, string] {
	const index = JSON.parse(readFileSync(join(DIST, 'compare', 'runs.json'), 'utf8')) as CompareIndex;
	const { ids, metrics } = index.runs;
	const [lr, loss] = [metrics['learning_rate']!, metrics['val_loss']!];
	const usable = ids.flatMap((_, i) => (typeof lr[i] === 'number' && typeof loss[i] === 'number' ? [i] : []));
	for (const a of usable)
		for (const b of usable) if (lr[a] !== lr[b] && loss[a] !== loss[b]) return [ids[a]!, ids[b]!];
	throw new Error('The example site has no two runs with different learning_rate and val_loss.');
}

const VIEWS = [
	{ width: 1280, scheme: 'light' },
	{ width: 1280, scheme: 'dark' },
	{ width: 375, scheme: 'light' },
	{ width: 375, scheme: 'dark' },
] as const;

describe.each(VIEWS)('compare deltas at $width px, $scheme', ({ width, scheme }) => {
	it('leaves learning_rate uncoloured and marks val_loss ▲ better or ▼ worse beside its colour', async () => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(`compare/?runs=${twoRuns().join(',')}`));
			await page.locator('compare-runs [data-metrics] tbody tr').first().waitFor();
			const row = async (key: string) =>
				page.locator('compare-runs [data-metrics] tbody tr').evaluateAll((trs, k) => {
					const tr = trs.find((t) => t.querySelector('th .mono')?.textContent === k)!;
					const cell = (tr as HTMLTableRowElement).cells[2]!;
					const body = getComputedStyle(document.body).color;
					return {
						head: tr.querySelector('th')!.textContent,
						className: cell.className,
						text: cell.textContent,
						coloured: getComputedStyle(cell).color !== body,
					};
				}, key);
			const lr = await row('learning_rate');
			expect(lr.head).toContain('direction unknown');
			expect(lr.className).toMatch(/\bchanged\b/);
			expect(lr.className).not.toMatch(/\b(better|worse)\b/);
			expect(lr.coloured).toBe(false);
			expect(lr.text).not.toMatch(/[▲▼]|better|worse/);
			const loss = await row('val_loss');
			expect(loss.head).toContain('lower is better');
			const verdict = /\b(better|worse)\b/.exec(loss.className)![1];
			expect(loss.coloured).toBe(true);
			expect(loss.text).toContain(verdict === 'better' ? '▲' : '▼');
			expect(loss.text).toContain(verdict);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
