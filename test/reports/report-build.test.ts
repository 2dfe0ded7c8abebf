import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/lib/format-metric.ts';
import { formatTime } from '../../src/lib/format-time.ts';
import { ManifestSchema, ModelVersionSchema, RunSchema } from '../../src/schemas/index.ts';
import { brokenLinks, htmlFiles } from '../../src/check/broken-links.ts';
import { buildSite, exampleContent, scratchDir } from './build-site.ts';
import { measureSearchIndex } from '../../src/integration/search-index.ts';
import { THEME_SCRIPT } from '../../src/integration/theme-script.ts';

// Builds the example site (the bundled store, exported, plus content/reports/) once, as a GitLab
// merge-request preview: nested base and the CI variables of a merge-request pipeline.
const BASE = '/group/project/mr-7/';
const SHA = '3f2a9c0d1e5b7a8c9d0e1f2a3b4c5d6e7f8a9b0c';
const temp = scratchDir('mlpages-reports-');
const content = join(temp, 'content');
const out = join(temp, 'dist');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
/** A built page, without Astro's scoped-style attributes. */
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8').replace(/ data-astro-cid-[\w-]+/g, '');
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ');

beforeAll(async () => {
	await exampleContent(content);
	const build = await buildSite({
		contentDir: content,
		outDir: out,
		cacheDir: join(temp, 'cache'),
		base: BASE,
		env: { CI_COMMIT_SHA: SHA, CI_COMMIT_SHORT_SHA: SHA.slice(0, 8), CI_PROJECT_URL: 'https://gitlab.example.com/group/project' },
	});
	if (!build.ok) throw new Error(`astro build failed:\n${build.output}`);
}, 300_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

const runs = () => readdirSync(join(content, 'runs')).map((f) => RunSchema.parse(readJson(join(content, 'runs', f))));
const version = (v: string) => ModelVersionSchema.parse(readJson(join(content, 'model-versions/penguins-classifier', `${v}.json`)));

describe('the example report', () => {
	it('renders every component: charts as SVG, tables, deltas and the model summary', () => {
		const html = page('reports/penguins-sweep');
		expect(html).toContain('<h1>What the penguin sweep found, and why the MLP is champion');
		// Two param scatters, two comparisons with a chart, one metric chart.
		expect(html.match(/<svg /g)).toHaveLength(5);
		// Each chart as site charts are: its data as a table, and its spec for the interactive
		// version with tooltips (JSON islands, no inline code but the head's theme script,
		// src/integration/theme-script.ts).
		expect(html.match(/<vega-chart[\s>]/g)).toHaveLength(5);
		// Charts with a value axis get the log-scale switch, as the experiment page's do.
		expect(html.match(/<input type="checkbox" data-chart-log>/g)?.length).toBeGreaterThan(0);
		expect(html.match(/<details class="vega-data">/g)).toHaveLength(5);
		expect(html.match(/<script type="application\/json">/g)).toHaveLength(5);
		const withoutTheme = html.replace(`<script>${THEME_SCRIPT}</script>`, '');
		expect(withoutTheme.match(/<script(?![^>]*type="application\/json")(?![^>]*\ssrc=)[^>]*>[^<]/g)).toBeNull();
		// The runs table lists exactly the sweep runs the filter keeps.
		const kept = runs().filter((r) => r.experimentId === '1' && (r.metrics['val_accuracy']?.last as number) >= 0.99);
		expect(kept.length).toBeGreaterThan(0);
		const upToCaption = html.slice(0, html.indexOf('where <code>metrics.val_accuracy'));
		const table = upToCaption.slice(upToCaption.lastIndexOf('<figure class="report-table'));
		expect([...table.matchAll(/href="[^"]*\/runs\/([0-9a-f]{32})\/"/g)].map((m) => m[1]).sort()).toEqual(kept.map((r) => r.id).sort());
		// The deltas between the aliased versions read their source runs.
		const [challenger, champion] = [version('2'), version('3')].map((v) => runs().find((r) => r.id === v.runId)!);
		const accuracy = `<code>val_accuracy</code> <span class="num">${formatMetric(challenger!.metrics['val_accuracy']!.last)}</span>`;
		expect(html).toContain(accuracy);
		expect(text(html)).toContain(
			`val_loss ${formatMetric(challenger!.metrics['val_loss']!.last)} (penguins-classifier@challenger) → ${formatMetric(champion!.metrics['val_loss']!.last)} (penguins-classifier@champion): ▼ +`,
		);
		expect(text(html)).toMatch(/, worse; lower is better/);
		expect(html).toContain(`href="${BASE}models/penguins-classifier/3/"`);
		expect(html).toContain(`href="${BASE}models/penguins-classifier/@champion/"`);
	});

	it('states its numbers with <Value>: read from the snapshot, linked to their source', () => {
		const html = page('reports/penguins-sweep');
		const values = [...html.matchAll(/<a class="report-value" href="([^"]+)" title="([^"]*)"><data value="([^"]*)">([^<]*)<\/data><\/a>/g)];
		expect(values.length).toBeGreaterThan(40);
		const champion = runs().find((r) => r.id === version('3').runId)!;
		const loss = champion.metrics['val_loss']!;
		const shown = (title: string) => values.find((v) => v[2] === title)?.slice(1);
		expect(shown(`val_loss of run mlp-h32, min`)).toEqual([`${BASE}runs/${champion.id}/`, 'val_loss of run mlp-h32, min', String(loss.min), formatMetric(loss.min, 3)]);
		expect(shown(`val_loss of run mlp-h32, minStep`)?.[3]).toBe(String(loss.minStep));
		const sweep = runs().filter((r) => r.experimentId === '1' && r.status === 'FINISHED' && r.params['seed'] !== undefined);
		const count = shown(`${sweep.length} runs of penguins-mlp-sweep where attributes.status = 'FINISHED' and params.seed LIKE '%'`);
		expect(count).toEqual([`${BASE}experiments/penguins-mlp-sweep/`, expect.any(String), String(sweep.length), String(sweep.length)]);
		for (const [, href] of values) expect(href).toMatch(new RegExp(`^${BASE}(runs|experiments|compare)/`));
	});

	it('is listed with authors, date and tags at /reports/ and on the home page', () => {
		for (const html of [page('reports'), page('')]) {
			expect(html).toContain(`href="${BASE}reports/penguins-sweep/"`);
			expect(html).toContain('<time datetime="2026-03-03"');
			expect(text(html)).toContain('3 March 2026 · Ana Lima, mlpages example');
			expect(html).toMatch(/<span class="chip"[^>]*>model-selection<\/span>/);
		}
	});
});

describe('every page of the build', () => {
	it('shows where its data and code came from', () => {
		const manifest = ManifestSchema.parse(readJson(join(content, 'manifest.json')));
		const expected = `Data from sqlite · mlflow.db through ${formatTime(manifest.dataThrough)}. Built from commit ${SHA.slice(0, 8)}.`;
		const link = `href="https://gitlab.example.com/group/project/-/commit/${SHA}"`;
		for (const file of htmlFiles(out).filter((f) => !f.endsWith('404.html') && !/@[^/]+[/\\]index\.html$/.test(f))) {
			const html = readFileSync(file, 'utf8');
			const footer = html.slice(html.indexOf('<footer'));
			expect(text(footer), relative(out, file)).toContain(expected);
			expect(footer, relative(out, file)).toContain(link);
		}
	});

	it('is indexed for search from its summary region, at most 1.5 KB a page', async () => {
		expect(page('reports/penguins-sweep')).toMatch(/<article class="report" data-pagefind-body(="true")?>/);
		const { pages, indexBytes } = await measureSearchIndex(join(out, 'pagefind'));
		const versions = readdirSync(join(content, 'model-versions'), { recursive: true }).filter((f) => String(f).endsWith('.json'));
		const entities = ['runs', 'experiments', 'models'].reduce((n, folder) => n + readdirSync(join(content, folder)).length, 0);
		expect(pages).toBe(entities + versions.length + 1);
		expect(indexBytes / pages).toBeLessThanOrEqual(1536);
	});

	it('has no broken internal href, src or srcset under the nested base', () => {
		const { broken, checked } = brokenLinks(out, BASE);
		expect(broken).toEqual([]);
		expect(checked).toBeGreaterThan(500);
	});
});
