import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, SEARCH_EXCLUDE } from '../../src/integration/search-index.ts';
import { searchSummary } from '../../src/integration/search-summary.ts';

const work = mkdtempSync(join(tmpdir(), 'mlpages-search-summary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (title: string, body: string) =>
	`<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>${title}</title></head><body><nav><a href="/">Home</a></nav><main>${body}</main><footer>built by mlpages</footer></body></html>`;

const RUN = page(
	'sweep-3 · mlpages',
	'<p class="breadcrumbs">Experiments /</p><div data-pagefind-body><h1><bdi>sweep-3</bdi></h1><div class="note"><p>Tried a <em>smaller</em> learning rate.</p></div><dl class="facts"><dt>Run id</dt><dd>abc</dd></dl></div><h2>Parameters</h2><table><tr><td>lr</td><td>0.01</td></tr></table>',
);

describe('searchSummary', () => {
	it("keeps the whole data-pagefind-body element, nested elements included, with the page's title and language", () => {
		const summary = searchSummary(RUN)!;
		expect(summary).toContain('<title>sweep-3 · mlpages</title>');
		expect(summary).toContain('<html lang="en">');
		expect(summary).toContain('<p>Tried a <em>smaller</em> learning rate.</p></div><dl class="facts"><dt>Run id</dt><dd>abc</dd></dl></div></body>');
		expect(summary).not.toContain('Parameters');
		expect(summary).not.toContain('built by mlpages');
	});

	it('does not take a "<div" inside an attribute value for a tag', () => {
		const html = page('t', '<div data-pagefind-body><h1 title="</div><div>">Name</h1><div>inner</div></div><p>after</p>');
		expect(searchSummary(html)).toContain('<div>inner</div></div></body>');
		expect(searchSummary(html)).not.toContain('after');
	});

	it('is null for a page without a summary region, which the index leaves out', () => {
		expect(searchSummary(page('Experiments', '<h1>Experiments</h1>'))).toBeNull();
	});
});

describe('buildSearchIndex', () => {
	it("indexes the same pages, titles, URLs and text as Pagefind's own crawl of the site", async () => {
		const site = join(work, 'site');
		const pages: Record<string, string> = {
			'index.html': page('Experiments', '<h1>Experiments</h1><p>home page text</p>'),
			'runs/abc/index.html': RUN,
			'experiments/penguins/index.html': page('penguins', '<div data-pagefind-body><h1>penguins</h1><p>Palmer penguins sweep.</p></div><table><tr><td>x</td></tr></table>'),
			'reports/summary/index.html': page('Summary', '<article class="report" data-pagefind-body><h1>Summary</h1><p data-pagefind-ignore>about</p><p>What we learned.</p></article>'),
		};
		for (const [path, html] of Object.entries(pages)) {
			mkdirSync(join(site, path, '..'), { recursive: true });
			writeFileSync(join(site, path), html);
		}
		await buildSearchIndex(site, { cacheDir: null });
		const crawled = join(work, 'crawled');
		const { index } = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE, forceLanguage: 'en' });
		await index!.addDirectory({ path: site });
		await index!.writeFiles({ outputPath: crawled });
		await pagefind.close();
		const fragments = (dir: string) =>
			readdirSync(join(dir, 'fragment'))
				.map((f) => JSON.parse(gunzipSync(readFileSync(join(dir, 'fragment', f))).subarray('pagefind_dcd'.length).toString('utf8')) as { url: string; meta: { title: string }; content: string })
				.sort((a, b) => (a.url < b.url ? -1 : 1));
		const ours = fragments(join(site, 'pagefind'));
		expect(ours.map((f) => [f.url, f.meta.title])).toEqual([
			['/experiments/penguins/', 'penguins'],
			['/reports/summary/', 'Summary'],
			['/runs/abc/', 'sweep-3'],
		]);
		expect(ours).toEqual(fragments(crawled));
	});
});
