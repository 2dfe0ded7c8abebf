import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareIndex } from '../../src/client/compare-index.ts';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { DIST } from './support/site.ts';

let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const VIEWS = [1280, 375].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

/**
 * Three runs from two experiments, preferring runs with an image logged under a path another
 * of them logged too (the example's confusion matrices): two of one experiment, one of another.
 */
function threeRuns() {
	const index = JSON.parse(readFileSync(join(DIST, 'compare', 'runs.json'), 'utf8')) as CompareIndex;
	const rows = index.runs.ids.map((id, row) => ({ id, experiment: index.runs.experiments[row]!, images: index.images[row]?.length ?? 0 }));
	rows.sort((a, b) => b.images - a.images);
	const [first] = rows;
	const same = rows.filter((r) => r.experiment === first!.experiment && r.id !== first!.id)[0]!;
	const other = rows.find((r) => r.experiment !== first!.experiment)!;
	const picks = [first!, same, other];
	return { picks, index, sharedImages: picks.every((p) => p.images > 0) };
}

const comparedIds = (page: Page) => page.locator('compare-runs [data-runs] input[name=baseline]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

describe('the compare page picker', () => {
	it.each(VIEWS)('picks three runs from two experiments at $width px, $scheme', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			const { picks, index, sharedImages } = threeRuns();
			await page.goto(siteUrl('compare/'));
			const picker = page.locator('compare-runs [data-picker]');
			await picker.locator('[data-picker-results] li').first().waitFor();
			expect(await picker.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
			// By experiment and id prefix, by the experiment filter, and by name.
			await picker.locator('input[name=find]').fill(picks[0]!.id.slice(0, 7));
			await picker.locator(`input[type=checkbox][value="${picks[0]!.id}"]`).check();
			await picker.locator('input[name=find]').fill('');
			await picker.locator('select[name=experiment]').selectOption(picks[1]!.experiment);
			await picker.locator(`input[type=checkbox][value="${picks[1]!.id}"]`).check();
			await picker.locator('select[name=experiment]').selectOption('');
			const name = index.runs.names[index.runs.ids.indexOf(picks[2]!.id)] ?? picks[2]!.id;
			await picker.locator('input[name=find]').fill(name);
			await picker.locator(`input[type=checkbox][value="${picks[2]!.id}"]`).check();
			await expect.poll(() => comparedIds(page)).toEqual(picks.map((p) => p.id));
			expect(new URL(page.url()).searchParams.get('runs')).toBe(picks.map((p) => p.id).join(','));
			const experiments = await page.locator('compare-runs [data-runs] tbody tr').nth(1).locator('td').allTextContents();
			expect(new Set(experiments).size).toBe(2);
			if (sharedImages) {
				const images = page.locator('compare-runs [data-images] img');
				await expect.poll(() => images.count()).toBe(3);
				await images.last().scrollIntoViewIfNeeded();
				await expect.poll(() => images.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			// The chosen runs are kept: /compare/ without parameters shows them again.
			await page.goto(siteUrl('compare/'));
			await expect.poll(() => comparedIds(page)).toEqual(picks.map((p) => p.id));
			// A chip removes one.
			await page.getByRole('button', { name: new RegExp(`^Remove ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from`) }).click();
			await expect.poll(() => comparedIds(page)).toEqual(picks.slice(0, 2).map((p) => p.id));
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it.each(VIEWS)('"Add to compare" on run pages adds to the same selection ($width px, $scheme)', async ({ width, scheme }) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			const { picks } = threeRuns();
			for (const run of picks) {
				await page.goto(siteUrl(`runs/${run.id}/`));
				const button = page.getByRole('button', { name: 'Add to compare' });
				await button.click();
				await expect.poll(() => page.getByRole('button', { name: 'Remove from compare' }).count()).toBe(1);
			}
			const open = page.getByRole('link', { name: 'Compare 3 runs →' });
			await open.click();
			await page.waitForURL(/\/compare\/\?runs=/);
			await expect.poll(() => comparedIds(page)).toEqual(picks.map((p) => p.id));
			// Back on a run page, the button knows the run is chosen.
			await page.goto(siteUrl(`runs/${picks[0]!.id}/`));
			await page.getByRole('button', { name: 'Remove from compare' }).click();
			await page.getByRole('link', { name: 'Compare 2 runs →' }).waitFor();
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
