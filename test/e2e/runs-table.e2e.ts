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

const METRIC = 'metrics.val_loss';

/** The text of each body cell in the column whose sort button is `data-sort=column`. */
async function columnTexts(page: Page, column: string): Promise<string[]> {
	return page.locator('runs-table table').evaluate((table: HTMLTableElement, id) => {
		// The last header row names the columns; the one above it groups them (Metrics | Params | …).
		const heads = [...table.tHead!.rows[table.tHead!.rows.length - 1]!.cells];
		const at = heads.findIndex((th) => th.querySelector(`[data-sort="${id}"]`));
		if (at === -1) throw new Error(`no column ${id}`);
		return [...table.tBodies[0]!.rows].map((tr) => tr.cells[at]!.textContent!.trim());
	}, column);
}
const numbers = (texts: string[]) => texts.map(Number).filter((n) => Number.isFinite(n));
const rowCount = (page: Page) => page.locator('runs-table tbody tr').count();
const isSorted = (values: number[], desc: boolean) => values.every((v, i) => i === 0 || (desc ? values[i - 1]! >= v : values[i - 1]! <= v));

/** Opens the experiment page with its table upgraded by <runs-table> (controls shown). */
async function openTable(page: Page, query = '') {
	await page.goto(siteUrl(map.experiment) + query);
	await page.locator('runs-table [data-controls]').waitFor({ state: 'visible' });
	await page.locator(`runs-table button[data-sort="${METRIC}"]`).waitFor();
}

describe('the runs table of an experiment', () => {
	it('sorts by a metric column, ascending then descending, and says so to assistive technology', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			await page.locator('runs-table input[name=group]').uncheck();
			const before = numbers(await columnTexts(page, METRIC));
			expect(before.length).toBeGreaterThan(3);
			await page.locator(`runs-table button[data-sort="${METRIC}"]`).click();
			await expect.poll(async () => page.locator(`runs-table th[aria-sort="ascending"] [data-sort="${METRIC}"]`).count()).toBe(1);
			const up = numbers(await columnTexts(page, METRIC));
			expect(isSorted(up, false), `not ascending: ${up.join(' ')}`).toBe(true);
			expect(up.toSorted((a, b) => a - b)).toEqual(before.toSorted((a, b) => a - b));
			await page.locator(`runs-table button[data-sort="${METRIC}"]`).click();
			await expect.poll(async () => page.locator(`runs-table th[aria-sort="descending"] [data-sort="${METRIC}"]`).count()).toBe(1);
			const down = numbers(await columnTexts(page, METRIC));
			expect(isSorted(down, true), `not descending: ${down.join(' ')}`).toBe(true);
			expect(down[0]).toBeGreaterThan(down.at(-1)!);
			// The sort is in the address, so a reload keeps it.
			expect(page.url()).toContain('sort=');
			await page.reload();
			await page.locator('runs-table th[aria-sort="descending"]').waitFor();
			expect(numbers(await columnTexts(page, METRIC))).toEqual(down);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('filters by text in the run name', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			const total = await rowCount(page);
			const names = await columnTexts(page, 'name');
			// A word of one run's name that not every run shares.
			const word = names.flatMap((n) => n.split(/[^a-z0-9.]+/i)).find((w) => w.length > 2 && names.some((n) => !n.includes(w)))!;
			expect(word).toBeTruthy();
			await page.locator('runs-table input[name=q]').fill(word);
			await expect.poll(() => rowCount(page)).toBeLessThan(total);
			const shown = await columnTexts(page, 'name');
			expect(shown.length).toBeGreaterThan(0);
			for (const name of shown) expect(name).toContain(word);
			expect(await page.locator('runs-table [data-pager-status]').textContent()).toMatch(/matching/);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('filters with an MLflow filter expression, kept in the address across a reload', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			await page.locator('runs-table input[name=group]').uncheck();
			const total = await rowCount(page);
			const values = numbers(await columnTexts(page, METRIC)).toSorted((a, b) => a - b);
			const cut = values[Math.floor(values.length / 2)]!;
			await page.locator('runs-table input[name=filter]').fill(`${METRIC} < ${cut}`);
			await expect.poll(() => rowCount(page)).toBeLessThan(total);
			const kept = numbers(await columnTexts(page, METRIC));
			expect(kept.length).toBe(values.filter((v) => v < cut).length);
			for (const v of kept) expect(v).toBeLessThan(cut);
			expect(await page.locator('runs-table [data-filter-error]').textContent()).toBe('');
			await expect.poll(() => page.url()).toContain('filter=');
			await page.reload();
			await page.locator('runs-table [data-controls]').waitFor({ state: 'visible' });
			expect(await page.locator('runs-table input[name=filter]').inputValue()).toBe(`${METRIC} < ${cut}`);
			await expect.poll(() => rowCount(page)).toBe(kept.length);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('explains a bad filter expression instead of failing silently', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			const input = page.locator('runs-table input[name=filter]');
			await input.fill('metrics.val_loss <');
			const error = page.locator('runs-table [data-filter-error]');
			await expect.poll(() => error.textContent()).not.toBe('');
			expect((await error.textContent())!.length).toBeGreaterThan(10);
			expect(await input.getAttribute('aria-invalid')).toBe('true');
			await input.fill('');
			await expect.poll(() => error.textContent()).toBe('');
			expect(await input.getAttribute('aria-invalid')).toBe('false');
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('hides and shows columns with the column chooser', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			await page.locator('runs-table details.runs-columns summary').click();
			const box = page.locator(`runs-table input[name=column][value="${METRIC}"]`);
			await box.uncheck();
			await expect.poll(() => page.locator(`runs-table button[data-sort="${METRIC}"]`).count()).toBe(0);
			await box.check();
			await expect.poll(() => page.locator(`runs-table button[data-sort="${METRIC}"]`).count()).toBe(1);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('selecting runs leads to a comparison of exactly those runs', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			const boxes = page.locator('runs-table tbody input[name=select]');
			const picked: string[] = [];
			for (const i of [0, 1, 2]) {
				await boxes.nth(i).check();
				picked.push((await boxes.nth(i).getAttribute('value'))!);
			}
			const link = page.locator('runs-table a[data-compare]');
			expect(await link.textContent()).toContain('(3)');
			await link.click();
			await page.waitForURL(/\/compare\/\?runs=/);
			const url = new URL(page.url());
			expect(url.searchParams.get('runs')!.split(',').toSorted()).toEqual(picked.toSorted());
			const runLinks = page.locator('compare-runs [data-runs] a[href*="/runs/"]');
			await expect.poll(() => runLinks.count()).toBe(3);
			const hrefs = await runLinks.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname.split('/').at(-2)));
			expect(hrefs.toSorted()).toEqual(picked.toSorted());
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
