import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartsAdded, launchChromium, openPage, siteUrl } from './support/browser.ts';
import { siteMap } from './support/site.ts';

/**
 * Issue 16, items 1–3: charts people can read. On the example sweep: legend labels that differ,
 * a legend entry that highlights its line, charts that fit a phone with the legend below, a log
 * scale control, several metrics on one chart and another metric as the x axis.
 */
const map = siteMap();
let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

const SIZES = [
	[1280, 'light'],
	[1280, 'dark'],
	[375, 'light'],
	[375, 'dark'],
] as const;

/** Scrolls a chart into view and waits until `<vega-chart>` has drawn it live. */
async function live(page: Page, chart: Locator): Promise<void> {
	await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	await page.waitForFunction((el) => (el as HTMLElement).dataset['state'] === 'live', await chart.elementHandle(), { timeout: 60_000 });
}

/** The texts of a drawn chart's legend labels. */
const legendLabels = (chart: Locator) => chart.locator('svg .role-legend-label text').allTextContents();

describe('legends tell runs apart', () => {
	it.each(SIZES)('on the example sweep at %i px, %s: every legend label differs and none is cut at its end', async (width, scheme) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.experiment));
			for (const id of ['chart-best', 'chart-seeds']) {
				const chart = page.locator(`#${id} vega-chart`);
				await live(page, chart);
				const labels = await legendLabels(chart);
				expect(labels.length, `${id} has a legend`).toBeGreaterThanOrEqual(2);
				expect(new Set(labels).size, `${id}: ${labels.join(' | ')}`).toBe(labels.length);
				expect(labels.some((l) => l.endsWith('…'))).toBe(false);
			}
			// The best-10 legend leaves out the shared prefix and says so in its title; the full
			// names are in the data table.
			const best = page.locator('#chart-best');
			expect(await best.locator('svg .role-legend-title text').textContent()).toMatch(/^run, best first \(.+…\)$/);
			const tableNames = await best.locator('details.vega-data tbody tr td:nth-child(2)').allTextContents();
			const labels = await legendLabels(best.locator('vega-chart'));
			expect(tableNames.length).toBe(labels.length);
			// Legend columns may be laid out across: match each label to the one full name ending with it.
			for (const label of labels) expect(tableNames.filter((name) => name.endsWith(label)), label).toHaveLength(1);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('clicking a legend entry highlights its line and dims the others', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(siteUrl(map.experiment));
			const chart = page.locator('#chart-best vega-chart');
			await live(page, chart);
			const lines = chart.locator('svg .role-mark.marks path, svg g.mark-line path');
			const opacities = () => lines.evaluateAll((paths) => paths.map((p) => Number(getComputedStyle(p).opacity) * Number(p.getAttribute('opacity') ?? 1)));
			expect((await opacities()).every((o) => o === 1)).toBe(true);
			const entry = await chart.locator('svg .role-legend-label text').nth(2).boundingBox();
			await page.mouse.click(entry!.x + entry!.width / 2, entry!.y + entry!.height / 2);
			await page.waitForFunction((el) => [...el.querySelectorAll('g.mark-line path')].some((p) => Number(p.getAttribute('opacity') ?? 1) < 1), await chart.elementHandle());
			const after = await opacities();
			expect(after.filter((o) => o === 1)).toHaveLength(1);
			expect(after.filter((o) => o < 0.5).length).toBe(after.length - 1);
			// The line left at full strength is the clicked entry's: same colour as its symbol.
			const symbol = await chart.locator('svg .role-legend-symbol path').nth(2).getAttribute('stroke');
			const strokes = await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
			expect(strokes[after.indexOf(1)]).toBe(symbol);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('one palette', () => {
	it('gives each run the same colour on the light and the dark page', async () => {
		const colours: Record<string, string[]> = {};
		for (const scheme of ['light', 'dark'] as const) {
			const { context, page } = await openPage(browser, { colorScheme: scheme });
			try {
				await page.goto(siteUrl(map.experiment));
				const chart = page.locator('#chart-best vega-chart');
				await live(page, chart);
				colours[scheme] = await chart.locator('svg .role-legend-symbol path').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke') ?? ''));
			} finally {
				await context.close();
			}
		}
		expect(colours['light']!.length).toBeGreaterThanOrEqual(2);
		expect(new Set(colours['light']).size).toBe(colours['light']!.length);
		expect(colours['dark']).toEqual(colours['light']);
	});
});

describe('charts on a phone', () => {
	it.each([
		['light', map.experiment],
		['dark', map.experiment],
		['light', map.run],
		['dark', map.run],
	] as const)('at 375 px (%s), %s: each live chart fits the screen, with legible text and the legend below the plot', async (scheme, path) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width: 375, height: 800 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(path));
			await chartsAdded(page);
			const charts = page.locator('vega-chart');
			const count = await charts.count();
			expect(count).toBeGreaterThan(0);
			for (let i = 0; i < count; i++) {
				const chart = charts.nth(i);
				await live(page, chart);
				const m = await chart.evaluate((el) => {
					const svg = el.querySelector('[data-live] svg')!;
					const box = svg.getBoundingClientRect();
					const scale = box.width / Number(svg.getAttribute('width') ?? box.width);
					const plot = el.querySelector('[data-live] svg .role-axis')?.closest('g.mark-group')?.getBoundingClientRect() ?? box;
					const legend = el.querySelector('[data-live] svg .role-legend')?.getBoundingClientRect() ?? null;
					const texts = [...el.querySelectorAll('[data-live] svg text')].map((t) => parseFloat(t.getAttribute('font-size') ?? getComputedStyle(t).fontSize) * scale);
					return { right: box.right, width: box.width, scale, legendTop: legend?.top ?? null, axisBottom: [...el.querySelectorAll('[data-live] svg .role-axis')].map((a) => a.getBoundingClientRect().bottom), smallest: Math.min(...texts), plotWidth: plot.width, scrolls: el.scrollWidth > el.clientWidth + 1 };
				});
				expect(m.right, `chart ${i} runs off the screen`).toBeLessThanOrEqual(375);
				expect(m.scrolls, `chart ${i} scrolls sideways`).toBe(false);
				// Drawn for the screen, not a wide picture scaled down: text at 9 px or more.
				expect(m.smallest, `chart ${i}: text drawn at ${m.smallest.toFixed(1)} px`).toBeGreaterThanOrEqual(9);
				if (m.legendTop !== null) expect(m.legendTop, `chart ${i}: legend beside the plot`).toBeGreaterThanOrEqual(Math.max(...m.axisBottom) - 2);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('axes for people', () => {
	it.each([
		[1280, map.experiment],
		[375, map.experiment],
		[1280, map.run],
	] as const)('at %i px, %s: tick labels read as numbers people write, differ and never overlap', async (width, path) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 } });
		try {
			await page.goto(siteUrl(path));
			await chartsAdded(page);
			const charts = page.locator('vega-chart');
			for (let i = 0; i < (await charts.count()); i++) {
				const chart = charts.nth(i);
				await live(page, chart);
				const axes = await chart.evaluate((el) =>
					[...el.querySelectorAll('[data-live] svg g.role-axis')].map((axis) => ({
						name: axis.getAttribute('aria-label') ?? '',
						labels: [...axis.querySelectorAll('.role-axis-label text')]
							.filter((t) => Number(getComputedStyle(t).opacity) * Number(t.getAttribute('opacity') ?? 1) > 0)
							.map((t) => {
								const r = t.getBoundingClientRect();
								return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
							}),
					})),
				);
				// The parallel chart's end labels are text marks, not an axis: check them too.
				const ends = await chart.evaluate((el) =>
					[...el.querySelectorAll('[data-live] svg g.mark-text.role-mark text')].map((t) => {
						const r = t.getBoundingClientRect();
						return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
					}),
				);
				for (const axis of [...axes, { name: 'text marks', labels: ends }]) {
					const texts = axis.labels.map((l) => l.text);
					const where = `chart ${i} ${axis.name}: ${texts.join(' | ')}`;
					// No exponents (`1e+1`), no SI prefix below 10,000 (`0k, 0.1k`), no 15-digit fractions.
					for (const text of texts) {
						expect(text, where).not.toMatch(/\de[+-]\d/);
						expect(text, where).not.toMatch(/^-?\d(\.\d+)?k$/);
						expect(text, where).not.toMatch(/\d\.\d{7,}/);
					}
					if (axis.name !== 'text marks') expect(new Set(texts).size, where).toBe(texts.length);
					for (let a = 0; a < axis.labels.length; a++)
						for (let b = a + 1; b < axis.labels.length; b++) {
							const [p, q] = [axis.labels[a]!, axis.labels[b]!];
							const overlap = Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
							expect(overlap, `${where}: "${p.text}" overlaps "${q.text}"`).toBe(false);
						}
				}
			}
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

/** The y positions of a live chart's y-axis tick labels, top to bottom. */
const yTicks = (chart: Locator) =>
	chart.evaluate((el) => {
		const axes = [...el.querySelectorAll('[data-live] svg g.role-axis')].filter((a) => (a.getAttribute('aria-label') ?? '').startsWith('Y-axis'));
		return [...(axes[0]?.querySelectorAll('.role-axis-label text') ?? [])].map((t) => ({ text: t.textContent ?? '', y: t.getBoundingClientRect().top }));
	});

describe('log scale control', () => {
	it.each(SIZES)('at %i px, %s: the experiment charts have one, and it turns the y axis logarithmic', async (width, scheme) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.experiment));
			// Every chart with a numeric value axis offers the control.
			for (const id of ['chart-best', 'chart-seeds', 'chart-final', 'chart-scatter']) {
				expect(await page.locator(`#${id} .chart-tools input[data-chart-log]`).isVisible(), id).toBe(true);
			}
			const figure = page.locator('#chart-best');
			const chart = figure.locator('vega-chart');
			await live(page, chart);
			const linear = await yTicks(chart);
			const gaps = (ticks: { y: number }[]) => ticks.slice(1).map((t, i) => Math.abs(t.y - ticks[i]!.y));
			// Linear: evenly spaced ticks.
			expect(Math.max(...gaps(linear)) - Math.min(...gaps(linear))).toBeLessThan(2);
			await figure.locator('input[data-chart-log]').check();
			await page.waitForFunction(
				(el) => [...el.querySelectorAll('[data-live] svg .role-axis-label text')].map((t) => t.textContent).join() !== '',
				await chart.elementHandle(),
			);
			await expect.poll(async () => JSON.stringify((await yTicks(chart)).map((t) => t.text))).not.toBe(JSON.stringify(linear.map((t) => t.text)));
			const log = await yTicks(chart);
			// Logarithmic: 0.1 and 0.01 (or 0.02) are labelled, and ticks crowd towards each decade's top.
			expect(log.map((t) => t.text)).toContain('0.1');
			expect(Math.max(...gaps(log)) - Math.min(...gaps(log))).toBeGreaterThan(5);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('several metrics and x by another metric on a run page', () => {
	it.each(SIZES)('at %i px, %s: train and validation metrics share a chart, and the x axis can be another metric', async (width, scheme) => {
		const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
		try {
			await page.goto(siteUrl(map.run));
			const multi = page.locator('.run-chart-multi').first();
			const metrics = JSON.parse((await multi.getAttribute('data-metrics')) ?? '[]') as string[];
			expect(metrics.length).toBeGreaterThanOrEqual(2);
			expect(metrics.some((m) => /^train/.test(m)) && metrics.some((m) => /^val/.test(m))).toBe(true);
			const chart = multi.locator('vega-chart');
			await live(page, chart);
			expect(await legendLabels(chart)).toEqual(metrics);
			expect(await chart.locator('[data-live] svg g.mark-line path').count()).toBe(metrics.length);

			// x by another metric: every chart redraws against it.
			const select = page.locator('.chart-controls select[name="x"]');
			await expect.poll(() => select.isVisible()).toBe(true);
			const option = await select.locator('optgroup[label="another metric"] option').first();
			const by = (await option.getAttribute('value'))!.slice('metric:'.length);
			await select.selectOption(`metric:${by}`);
			const first = page.locator('.run-chart-multi vega-chart').first();
			await live(page, first);
			await expect.poll(() => first.locator('[data-live] svg .role-axis-title text').allTextContents()).toContain(by);
			expect(await page.locator('.run-chart-multi .vega-description').first().textContent()).toContain(`against ${by}`);
			expect(await first.locator('[data-live] svg g.mark-line path').count()).toBe(metrics.length);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
