/**
 * Large-site mode in Chromium: the example store built with `runPages: 'shell'` under a nested
 * base, served as GitLab Pages serves it (the `_redirects` 200 rule) and as GitHub Pages does
 * (no rewrites: the 404 page). A run URL shows the run's name, metrics, params and a chart drawn
 * by vega, at 1280 and 375 px, with no console error or CSP violation; an unknown id says so.
 * The full history downloads from the series shard, and the compare page reads runs of several.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunSeries } from '../../src/lib/parse-run-series.ts';
import { RUN_DATA_DIR, runShardKey } from '../../src/lib/run-data-shard.ts';
import { seriesFromShard, seriesShardName } from '../../src/lib/series-shard.ts';
import { buildSite, exampleContent, scratchDir } from '../reports/build-site.ts';
import { launchChromium, openPage } from './support/browser.ts';
import { serveStatic, type StaticSite } from './support/static-server.ts';

const BASE = '/group/project/';
const temp = scratchDir('mlpages-shell-e2e-');
const out = join(temp, 'dist');
let browser: Browser;
let rewriting: StaticSite;
let plain: StaticSite;
/** The run with the most charted metrics, and what its snapshot file says. */
let run: { id: string; name: string; params: Record<string, string>; metrics: string[] };
/** Runs of its experiment whose series are in other series shards. */
let others: string[];
let contentDir: string;

beforeAll(async () => {
	const content = join(temp, 'content');
	await exampleContent(content);
	const built = await buildSite({ contentDir: content, outDir: out, cacheDir: join(temp, 'cache'), base: BASE, env: { MLPAGES_RUN_PAGES: 'shell' } });
	if (!built.ok) throw new Error(`astro build failed:\n${built.output}`);
	const runs = readdirSync(join(content, 'runs')).map((f) => JSON.parse(readFileSync(join(content, 'runs', f), 'utf8')));
	const charted = (r: { id: string }) => {
		const shard = JSON.parse(readFileSync(join(out, RUN_DATA_DIR, seriesShardName(runShardKey(r.id))), 'utf8'));
		const series = seriesFromShard(shard, r.id) as { metrics: Record<string, { value: number[] }> };
		return Object.values(series.metrics).filter((s) => s.value.length >= 2).length;
	};
	const ranked = runs.filter((r) => r.name && Object.keys(r.params).length > 0).sort((a, b) => charted(b) - charted(a));
	const best = ranked[0];
	run = { id: best.id, name: best.name, params: best.params, metrics: Object.keys(best.metrics).sort() };
	// Two more runs of the same experiment, for the compare page.
	others = ranked.filter((r) => r.id !== best.id && r.experimentId === best.experimentId && runShardKey(r.id) !== runShardKey(best.id)).slice(0, 2).map((r) => r.id);
	contentDir = content;
	rewriting = await serveStatic(out, BASE, { redirects: true });
	plain = await serveStatic(out, BASE);
	browser = await launchChromium();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await rewriting?.close();
	await plain?.close();
	rmSync(temp, { recursive: true, force: true });
});

/** Checks the drawn run page: title, metrics, params, one chart drawn by vega, no overflow. */
async function expectRunPage(page: Page): Promise<void> {
	await page.locator('h1').filter({ hasText: run.name }).waitFor();
	expect(await page.title()).toContain(run.name);
	expect(await page.locator('dl.facts dd.mono').first().textContent()).toBe(run.id);
	expect(await page.locator('table.run-metrics tbody th').allTextContents()).toEqual(run.metrics);
	const params = await page.locator('[data-params-filter] tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
	expect(Object.fromEntries(params)).toEqual(run.params);
	const chart = page.locator('vega-chart').first();
	await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	await page.waitForFunction((el) => (el as HTMLElement).dataset['state'], await chart.elementHandle(), { timeout: 60_000 });
	expect(await chart.getAttribute('data-state')).toBe('live');
	expect(await chart.locator('[data-live] svg.marks').count()).toBe(1);
	// Every chart the shell drew offers its downloads, as a static page's charts do.
	const figures = page.locator('.run-charts figure:has(vega-chart)');
	expect(await figures.count()).toBeGreaterThan(0);
	expect(await page.locator('.run-charts figure:has(vega-chart) > .chart-downloads:not([hidden])').count()).toBe(await figures.count());
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

describe('run pages drawn by the shell', () => {
	for (const width of [1280, 375]) {
		it(`shows a run at its own URL through the _redirects rewrite at ${width} px`, async () => {
			const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 } });
			try {
				const response = await page.goto(`${rewriting.url}runs/${run.id}/`);
				expect(response?.status()).toBe(200);
				await expectRunPage(page);
				// Its links lead to the experiment and back under the base.
				expect(await page.locator('.breadcrumbs a').first().getAttribute('href')).toBe(BASE);
				expect(await problems.list()).toEqual([]);
			} finally {
				await context.close();
			}
		});
	}

	it('downloads the full history as JSON from the series shard, every step and timestamp written out', async () => {
		const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
		try {
			const shardRequests: string[] = [];
			page.on('request', (request) => {
				if (request.url().includes('.series.json')) shardRequests.push(request.url());
			});
			await page.goto(`${rewriting.url}runs/${run.id}/`);
			await expectRunPage(page);
			const jsonLink = page.locator('a[data-history-json]');
			expect(await jsonLink.getAttribute('href')).toBe(`${BASE}${RUN_DATA_DIR}${seriesShardName(runShardKey(run.id))}#${run.id}`);
			const [download] = await Promise.all([page.waitForEvent('download'), jsonLink.click()]);
			expect(download.suggestedFilename()).toBe('history.json');
			const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
			const file = join(contentDir, 'histories', `${run.id}.json`);
			const { runId, maxPoints, metrics } = parseRunSeries(readFileSync(file, 'utf8'), file);
			expect(saved).toEqual({ runId, maxPoints, metrics });
			expect(Object.keys(saved.metrics).length).toBeGreaterThan(1);
			// The download is made from the shard the charts loaded: one request for both.
			expect(shardRequests).toEqual([`${rewriting.url}${RUN_DATA_DIR}${seriesShardName(runShardKey(run.id))}`]);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('compares runs whose series are in different series shards', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			const ids = [run.id, ...others];
			expect(ids).toHaveLength(3);
			await page.goto(`${rewriting.url}compare/?runs=${ids.join(',')}`);
			const figure = page.locator('compare-runs [data-charts] figure').first();
			await figure.waitFor();
			await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
			const svg = figure.locator('vega-chart [data-live] svg.marks');
			await svg.waitFor({ timeout: 60_000 });
			// Every run has a line: its series came from its own shard.
			const legend = await svg.locator('.role-legend-label text').allTextContents();
			expect(legend.length).toBeGreaterThanOrEqual(ids.length);
			expect(await svg.locator('.role-mark path').count()).toBeGreaterThanOrEqual(ids.length);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('says "Run not found" for an id the data does not hold', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			await page.goto(`${rewriting.url}runs/0123456789abcdef0123456789abcdef/`);
			await page.locator('h1').filter({ hasText: 'Run not found' }).waitFor();
			expect(await page.locator('main code').textContent()).toBe('0123456789abcdef0123456789abcdef');
			expect(await page.title()).toMatch(/^Run not found · /);
			expect(await problems.list()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('draws the run on the 404 page of a host without rewrites, whose status stays 404', async () => {
		const { context, page } = await openPage(browser, { viewport: { width: 375, height: 800 } });
		try {
			const response = await page.goto(`${plain.url}runs/${run.id}/`);
			expect(response?.status()).toBe(404);
			await expectRunPage(page);
			expect(await page.locator('[data-not-found]').isHidden()).toBe(true);
		} finally {
			await context.close();
		}
	});

	it('leaves the 404 page as it is at an address that is no run page', async () => {
		const { context, page, problems } = await openPage(browser);
		try {
			const response = await page.goto(`${plain.url}experiments/no-such-experiment/`);
			expect(response?.status()).toBe(404);
			await page.locator('h1').filter({ hasText: 'Page not found' }).waitFor();
			expect(await page.locator('[data-run-shell]').isHidden()).toBe(true);
			// The page's own status is the only error.
			expect((await problems.list()).filter((p) => !/HTTP 404|status of 404/.test(p))).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
