import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, measureSearchIndex } from '../../src/integration/search-index.ts';
import { buildSite, root, scratchDir } from '../reports/build-site.ts';
import { serveStatic } from '../site/static-server.ts';

// Builds the hand-made snapshot under a nested base (the build indexes it with Pagefind) and
// searches it in Chromium: a browser test, so it runs with npm run test:e2e, not npm test.
const BASE = '/group/project/mr-7/';
const fixture = join(root, 'test/fixtures/content/basic');
const temp = scratchDir('mlpages-search-');
const out = join(temp, 'dist');
const count = (folder: string) => readdirSync(join(fixture, folder)).length;

let context: BrowserContext;
let site: Awaited<ReturnType<typeof serveStatic>>;
const problems: string[] = [];

beforeAll(async () => {
	const build = await buildSite({ contentDir: fixture, outDir: out, cacheDir: join(temp, 'cache'), base: BASE });
	if (!build.ok) throw new Error(`astro build failed:\n${build.output}`);
	site = await serveStatic(out, BASE);
	context = await chromium.launchPersistentContext(mkdtempSync(join(temp, 'chromium-')), {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
}, 300_000);

afterAll(async () => {
	await context?.close();
	site?.server.close();
	rmSync(temp, { recursive: true, force: true });
});

/** The result links and status line of the search page for a query typed into its box. */
async function search(query: string, url = site.url): Promise<{ links: string[]; status: string }> {
	const page = await context.newPage();
	page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
	page.on('pageerror', (e) => problems.push(e.message));
	await page.goto(`${url}search/`);
	await page.locator('#search-query').fill(query);
	await page.locator('[data-status]').filter({ hasText: /found/ }).waitFor();
	const links = await page.locator('[data-results] a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	const status = (await page.locator('[data-status]').textContent()) ?? '';
	await page.close();
	return { links, status };
}

describe('the search index', () => {
	it('holds the summary of each run, experiment, model and version page, at most 1.5 KB a page', async () => {
		const { pages, indexBytes } = await measureSearchIndex(join(out, 'pagefind'));
		const versions = readdirSync(join(fixture, 'model-versions/iris-classifier')).length;
		expect(pages).toBe(count('runs') + count('experiments') + count('models') + versions);
		expect(indexBytes / pages).toBeLessThanOrEqual(1536);
	});

	it('finds a run by the words of its description, linking under the base', async () => {
		const { links } = await search('grid');
		expect(links).toContain(`${BASE}runs/859dde9dc109b61043f7378194d203e7/`);
		expect(links.every((l) => l.startsWith(BASE))).toBe(true);
	});

	it('leaves param tables out of the index, but finds each run by its own params', async () => {
		// The runs' search-terms lines (`n_estimators 100`) are indexed; tables, such as an
		// experiment's runs table listing every param, are not: exactly the runs that logged it.
		const runs = readdirSync(join(fixture, 'runs'))
			.filter((f) => Object.hasOwn((JSON.parse(readFileSync(join(fixture, 'runs', f), 'utf8')) as { params: object }).params, 'n_estimators'))
			.map((f) => `${BASE}runs/${f.replace(/\.json$/, '')}/`);
		expect(runs.length).toBeGreaterThan(0);
		expect((await search('n_estimators')).links.sort()).toEqual(runs.sort());
	});

	it('runs under the page CSP without errors', () => {
		expect(problems).toEqual([]);
	});
});

describe('an index in parts, as a site of many runs gets it', () => {
	// The same site indexed with two runs per part: its runs spread over parts the search page
	// merges (src/integration/search-parts.ts). Every query finds what the one-part index finds.
	const parted = join(temp, 'parted');
	let partedSite: Awaited<ReturnType<typeof serveStatic>>;
	beforeAll(async () => {
		cpSync(out, parted, { recursive: true });
		const index = await buildSearchIndex(parted, { runsPerPart: 2, cacheDir: null });
		expect(index.parts).toBeGreaterThan(2);
		partedSite = await serveStatic(parted, BASE);
	});
	afterAll(() => partedSite?.server.close());

	it('finds the same pages as the one-part index, runs of every part included', async () => {
		const parts = JSON.parse(readFileSync(join(parted, 'pagefind/mlpages-parts.json'), 'utf8')) as string[];
		expect(parts.length).toBeGreaterThan(1);
		for (const query of ['grid', 'n_estimators', 'iris']) {
			const [one, split] = [await search(query), await search(query, partedSite.url)];
			expect(one.links.length, query).toBeGreaterThan(0);
			expect(split.links.sort(), query).toEqual(one.links.sort());
		}
		const { pages } = await measureSearchIndex(join(parted, 'pagefind'));
		expect(pages).toBe((await measureSearchIndex(join(out, 'pagefind'))).pages);
		expect(problems).toEqual([]);
	});
});

describe('the search page', () => {
	it('is the only page whose policy allows WebAssembly, and it loads Pagefind from the base', () => {
		const html = readFileSync(join(out, 'search/index.html'), 'utf8');
		expect(html).toContain(`data-bundle="${BASE}pagefind/"`);
		expect(html).toMatch(/script-src 'self' 'wasm-unsafe-eval' /);
	});
});
