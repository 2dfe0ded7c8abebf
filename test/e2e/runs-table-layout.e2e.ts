import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

// Issue 16, item 5: the runs table as MLflow users read it, at a desktop and a phone width, in
// both colour schemes.
const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const VIEWS = [
	{ width: 1280, scheme: 'light' },
	{ width: 1280, scheme: 'dark' },
	{ width: 375, scheme: 'light' },
	{ width: 375, scheme: 'dark' },
] as const;

async function openTable(page: Page, query = '') {
	await page.goto(siteUrl(map.experiment) + query);
	await page.locator('runs-table [data-controls]').waitFor({ state: 'visible' });
	await page.locator('runs-table button[data-sort^="metrics."]').first().waitFor();
}

/** The column ids of the table's last header row, in order. */
const columnIds = (page: Page) =>
	page.locator('runs-table table').evaluate((table: HTMLTableElement) =>
		[...table.tHead!.rows[table.tHead!.rows.length - 1]!.cells].map((th) => th.querySelector<HTMLElement>('[data-sort]')?.dataset['sort'] ?? ''),
	);

describe.each(VIEWS)('the runs table at $width px, $scheme', ({ width, scheme }) => {
	it('groups its headers, so a param and a metric of one name each sit under their own group', async () => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await openTable(page);
			const layout = await page.locator('runs-table table').evaluate((table: HTMLTableElement) => {
				const span = (el: Element) => {
					const r = el.getBoundingClientRect();
					return [r.left, r.right] as const;
				};
				const groups = [...table.tHead!.rows[0]!.querySelectorAll('th[scope=colgroup]')].map((th) => ({ label: th.textContent!.trim(), span: span(th) }));
				const columns = [...table.tHead!.rows[1]!.cells].map((th) => ({ id: th.querySelector<HTMLElement>('[data-sort]')?.dataset['sort'] ?? '', text: th.querySelector('button')?.textContent ?? '', span: span(th) }));
				return { rows: table.tHead!.rows.length, groups, columns };
			});
			expect(layout.rows).toBe(2);
			expect(layout.groups.map((g) => g.label)).toEqual(expect.arrayContaining(['Metrics', 'Params', 'Run info']));
			// The example logs learning_rate both as a param and as a metric (the decayed rate).
			const groupOf = (id: string) => {
				const column = layout.columns.find((c) => c.id === id)!;
				return layout.groups.find((g) => g.span[0] <= column.span[0] + 0.5 && column.span[1] <= g.span[1] + 0.5)?.label;
			};
			expect(groupOf('params.learning_rate')).toBe('Params');
			expect(groupOf('metrics.learning_rate')).toBe('Metrics');
			// Metrics come before params, and the primary metric right after the run.
			const ids = layout.columns.map((c) => c.id);
			const primary = await page.locator('runs-table').getAttribute('data-primary');
			expect(ids[0]).toBe('name');
			expect(ids[1]).toBe(`metrics.${primary}`);
			expect(ids.findLastIndex((id) => id.startsWith('metrics.'))).toBeLessThan(ids.findIndex((id) => id.startsWith('params.')));
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('scrolls sideways inside the table with the run column held, the page never wider than the screen, and no number clipped', async () => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await openTable(page);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			// The primary metric is on screen next to the run name, at a phone's width too.
			const primary = await page.locator('runs-table').getAttribute('data-primary');
			const metricHead = await page.locator(`runs-table th:has(> button[data-sort="metrics.${primary}"])`).boundingBox();
			expect(metricHead!.x + metricHead!.width).toBeLessThanOrEqual(width);
			// Every metric value shows whole: its cell is at least as wide as its text.
			const clipped = await page.locator('runs-table tbody td.num').evaluateAll((tds) =>
				tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent),
			);
			expect(clipped).toEqual([]);
			const scroller = page.locator('runs-table .table-scroll');
			const before = await page.locator('runs-table tbody tr:first-child .run-col').boundingBox();
			const scrolled = await scroller.evaluate((el) => {
				el.scrollLeft = 600;
				return el.scrollLeft;
			});
			expect(scrolled).toBeGreaterThan(0);
			const cell = page.locator('runs-table tbody tr:first-child .run-col');
			const after = await cell.boundingBox();
			expect(Math.abs(after!.x - before!.x)).toBeLessThan(1);
			// Held with its own background, so the scrolled numbers pass under it, not through it.
			const style = await cell.evaluate((td) => [getComputedStyle(td).position, getComputedStyle(td).backgroundColor]);
			expect(style[0]).toBe('sticky');
			expect(style[1]).not.toBe('rgba(0, 0, 0, 0)');
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('shows the chosen last, min, max or best value of a metric, sorted by it, and keeps the choice across a reload', async () => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await openTable(page, '?flat=1');
			const primary = (await page.locator('runs-table').getAttribute('data-primary'))!;
			const column = `metrics.${primary}`;
			const texts = async () => {
				const at = (await columnIds(page)).indexOf(column);
				return page.locator('runs-table tbody tr').evaluateAll((trs, i) => trs.map((tr) => (tr as HTMLTableRowElement).cells[i]!.textContent!.trim()), at);
			};
			const last = await texts();
			const select = page.locator(`runs-table select[name=value][data-key="${primary}"]`);
			expect(await select.locator('option').allTextContents()).toEqual(['last', 'min', 'max', expect.stringMatching(/^best \((min|max)\)$/)]);
			await select.selectOption('min');
			await expect.poll(() => page.url()).toContain(`value.${primary}=min`);
			await expect.poll(texts).not.toEqual(last);
			await page.locator(`runs-table button[data-sort="${column}"]`).click();
			await expect.poll(() => page.url()).toContain(`sort=${encodeURIComponent(column)}`);
			const mins = await texts();
			const numbers = mins.map(Number).filter(Number.isFinite);
			expect(numbers).toEqual(numbers.toSorted((a, b) => a - b));
			await page.reload();
			await page.locator('runs-table [data-controls]').waitFor({ state: 'visible' });
			await expect.poll(() => page.locator(`runs-table select[name=value][data-key="${primary}"]`).inputValue()).toBe('min');
			await expect.poll(texts).toEqual(mins);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('the runs table controls', () => {
	it('shows only the columns that differ, and groups runs by a param with mean ± sd, both kept in the address', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await openTable(page);
			await page.locator('runs-table details.runs-columns summary').click();
			// Show every param, metric and tag, then ask for the differing ones only.
			const unchecked = page.locator('runs-table input[name=column]:not(:checked)');
			while ((await unchecked.count()) > 0) await unchecked.first().check();
			const all = await columnIds(page);
			await page.locator('runs-table details.runs-columns summary').click();
			await page.locator('runs-table input[name=diff]').check();
			await expect.poll(async () => (await columnIds(page)).length).toBeLessThan(all.length);
			const differing = await columnIds(page);
			// Every metric of the example differs between its runs (the unit tests drop a constant one).
			for (const group of ['params.', 'tags.']) {
				expect(all.some((id) => id.startsWith(group) && !differing.includes(id)), `an unchanging ${group} column is hidden`).toBe(true);
			}
			await page.locator('runs-table select[name=by]').selectOption('learning_rate');
			await page.locator('runs-table tr.group-row').first().waitFor();
			const rows = await page.locator('runs-table tr.group-row th.run-col').allTextContents();
			expect(rows.length).toBeGreaterThan(1);
			for (const row of rows) expect(row).toMatch(/^learning_rate = \S+ \(\d+ runs?\)$/);
			expect(await page.locator('runs-table tr.group-row td .sd').first().textContent()).toMatch(/^ ± /);
			expect(await page.locator('runs-table [data-pager-status]').textContent()).toMatch(/groups of \d+ runs by learning_rate; metrics are mean ± sd/);
			const url = new URL(page.url());
			expect(url.searchParams.get('diff')).toBe('1');
			expect(url.searchParams.get('by')).toBe('learning_rate');
			await page.reload();
			await page.locator('runs-table tr.group-row').first().waitFor();
			expect(await page.locator('runs-table tr.group-row th.run-col').allTextContents()).toEqual(rows);
			expect(await page.locator('runs-table input[name=diff]').isChecked()).toBe(true);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
