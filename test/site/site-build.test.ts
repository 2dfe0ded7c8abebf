import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mlpagesConfig from '../../examples/site/mlpages.config.mjs';
import { formatMetric } from '../../src/lib/format-metric.ts';
import { formatRunName } from '../../src/lib/format-run-name.ts';
import { escapeHtml } from '../../src/lib/markdown.ts';
import { ModelVersionSchema, RunSchema, RunSeriesSchema } from '../../src/schemas/index.ts';
import { scratchDir } from '../reports/build-site.ts';
import { brokenLinks } from '../../src/check/broken-links.ts';
import { THEME_SCRIPT } from '../../src/integration/theme-script.ts';
import { ASTRO_BIN, EXAMPLE_SITE } from '../support/example-site.ts';

// Builds the site once from the hand-made snapshot, under a merge-request preview base, and
// checks the output as a static host would serve it.
const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/content/basic');
const BASE = '/group/project/mr-7/';
const SITE = 'https://example.gitlab.io';
// Under the project, not the system temp folder: see scratchDir for why parallel builds need it.
const temp = scratchDir('mlpages-site-');
const out = join(temp, 'dist');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const runs = readdirSync(join(fixture, 'runs')).map((f) => RunSchema.parse(readJson(join(fixture, 'runs', f))));
const versions = readdirSync(join(fixture, 'model-versions/iris-classifier')).map((f) =>
	ModelVersionSchema.parse(readJson(join(fixture, 'model-versions/iris-classifier', f))),
);
const htmlFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
	);
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
/** The page with every attribute value emptied: what is left is markup and text. */
const markupOf = (html: string) => html.replace(/="[^"]*"/g, '=""');
const ATTRIBUTE = /\s+([^\s=>"'/]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
/**
 * The start tags of a page, with their attributes. Text holds no raw `<` (it is escaped), and a
 * tag's quoted attribute values are consumed with it, so a `<script>` inside a value is no tag.
 */
function tags(html: string) {
	const found: Array<{ tag: string; name: string; attributes: Record<string, string> }> = [];
	const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:=(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g;
	for (const [tag, name, attrs] of html.matchAll(TAG)) {
		const attributes: Record<string, string> = {};
		for (const [, key, a, b, c] of attrs!.matchAll(ATTRIBUTE)) attributes[key!.toLowerCase()] = a ?? b ?? c ?? '';
		found.push({ tag, name: name!.toLowerCase(), attributes });
	}
	return found;
}

/**
 * The environment of the child build, less what Vitest sets for its own Vite: Astro would read
 * `BASE_URL`, `MODE`, `DEV`, `PROD` and `SSR` back into `import.meta.env`.
 */
function buildEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
	return env;
}

beforeAll(async () => {
	try {
		await promisify(execFile)(process.execPath, [ASTRO_BIN, 'build', '--outDir', out, '--silent'], {
			cwd: EXAMPLE_SITE,
			env: {
				...buildEnv(),
				MLPAGES_CONTENT_DIR: fixture,
				MLPAGES_CACHE_DIR: join(temp, 'cache'),
				BASE_PATH: BASE,
				SITE,
				ASTRO_TELEMETRY_DISABLED: '1',
			},
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		throw new Error(`astro build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
	}
}, 300_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the built site', () => {
	it('has one page per run, showing its name and a metric value', () => {
		for (const run of runs) {
			const html = page(`runs/${run.id}`);
			expect(html).toContain(escapeHtml(formatRunName(run)).replaceAll('&#39;', "'"));
			const [key, summary] = Object.entries(run.metrics)[0]!;
			expect(html).toContain(key);
			expect(html).toContain(`<td class="num">${formatMetric(summary.last)}</td>`);
		}
	});

	it("keeps each run's params and tags out of Astro's data store, and shows them on the run page", () => {
		// The data store is bundled into the build and rewritten by every content sync: it holds
		// a summary per run, and each run page reads its own file (src/schemas/run-summary.ts).
		const store = readFileSync(join(temp, 'cache', 'data-store.json'), 'utf8');
		const withCommit = runs.filter((r) => r.tags['mlflow.source.git.commit']);
		expect(withCommit.length).toBeGreaterThan(0);
		for (const run of withCommit) {
			expect(store).toContain(run.id);
			expect(store).not.toContain(run.tags['mlflow.source.git.commit']);
			expect(page(`runs/${run.id}`)).toContain(run.tags['mlflow.source.git.commit']);
		}
		expect(store).not.toContain('same for all');
		expect(page(`runs/${withCommit[0]!.id}`)).toContain('same for all');
	});

	it('shows a non-finite latest value as NaN', () => {
		const failed = runs.find((r) => r.status === 'FAILED')!;
		expect(page(`runs/${failed.id}`)).toContain('<td class="num">NaN</td>');
	});

	it('renders one chart per metric history: charts.svgPerRun (1) as SVG at build time, the others listed for the browser', () => {
		for (const run of runs) {
			const series = RunSeriesSchema.parse(readJson(join(fixture, 'series', `${run.id}.json`)));
			const charted = Object.values(series.metrics).filter((s) => s.step.length >= 2).length;
			const html = page(`runs/${run.id}`);
			expect(html.match(/<div data-static[^>]*><svg /g) ?? [], run.id).toHaveLength(Math.min(charted, 1));
			const listed = JSON.parse(html.match(/ data-browser-charts="([^"]*)"/)?.[1]?.replaceAll('&quot;', '"') ?? '[]') as string[];
			expect(listed, run.id).toHaveLength(Math.max(charted - 1, 0));
			expect(html.match(/<div class="chart-outline"><svg /g) ?? [], run.id).toHaveLength((html.match(/run-chart-multi/g) ?? []).length);
		}
		expect(runs.some((r) => /<div data-static[^>]*><svg /.test(page(`runs/${r.id}`)))).toBe(true);
	});

	it('loads no JavaScript on run pages until a chart or table needs it', () => {
		// Module scripts are allowed when they are small and only import() vega on demand.
		for (const run of runs) {
			const html = page(`runs/${run.id}`);
			for (const t of tags(html).filter((t) => t.name === 'script' && t.attributes['src'])) {
				const file = join(out, t.attributes['src']!.slice(BASE.length));
				const code = readFileSync(file, 'utf8');
				expect(code.length, file).toBeLessThan(8 * 1024);
				expect(code, file).not.toMatch(/from\s*["'][^"']*vega/);
			}
		}
	});

	it('ships no JavaScript on model pages but the theme script', () => {
		const pages = [
			'models',
			'models/iris-classifier',
			...versions.map((v) => `models/iris-classifier/${v.version}`),
		];
		for (const path of pages) {
			const html = page(path);
			// The head script that applies the reader's theme choice before the first paint, once.
			expect(html.split(`<script>${THEME_SCRIPT}</script>`)).toHaveLength(2);
			expect(markupOf(html.replace(`<script>${THEME_SCRIPT}</script>`, '')), path).not.toMatch(/<script/i);
		}
	});

	it('has one page per model version, showing the model name and a source-run metric', () => {
		for (const version of versions) {
			const html = page(`models/iris-classifier/${version.version}`);
			expect(html).toContain('iris-classifier');
			expect(html).toContain(`version ${version.version}`);
			const run = runs.find((r) => r.id === version.runId)!;
			expect(html).toContain(`<td class="num">${formatMetric(run.metrics['val_accuracy']!.last)}</td>`);
			expect(html).toContain(`href="${BASE}runs/${run.id}/"`);
		}
	});

	it('lists child runs right after their parent on the experiment page', () => {
		const html = page('experiments/iris-sweep');
		const order = [...html.matchAll(/href="[^"]*\/runs\/([0-9a-f]{32})\/"/g)].map((m) => m[1]);
		const parent = runs.find((r) => r.name === 'sweep-lr')!;
		const children = runs.filter((r) => r.parentRunId === parent.id).sort((a, b) => a.startTime! - b.startTime!);
		expect(order).toEqual([parent.id, ...children.map((c) => c.id)]);
		expect(html.match(/<tr class="child depth-1">/g)).toHaveLength(3);
		expect(html).toMatch(/<th scope="col" class="mono">learning_rate<\/th>/);
		expect(html).not.toMatch(/<th scope="col" class="mono">seed<\/th>/);
	});

	it('shows the configured site title in the header and the page titles', () => {
		const home = readFileSync(join(out, 'index.html'), 'utf8');
		expect(home).toContain(`<a class="site-title" href="${BASE}">${mlpagesConfig.title}</a>`);
		expect(home).toContain(`<title>Experiments · ${mlpagesConfig.title}</title>`);
	});

	it('has a 404 page for static hosts', () => {
		expect(readFileSync(join(out, '404.html'), 'utf8')).toContain('Page not found');
	});

	it('points each alias page at the version the alias names', () => {
		const champion = page('models/iris-classifier/@champion');
		const target = `${BASE}models/iris-classifier/3/`;
		expect(champion).toContain(`<meta http-equiv="refresh" content="0;url=${target}">`);
		expect(champion).toContain(`<link rel="canonical" href="${SITE}${target}">`);
		expect(champion).toContain(`<a href="${target}">version 3</a>`);
		expect(page('models/iris-classifier/@challenger')).toContain(`<a href="${BASE}models/iris-classifier/2/">`);
	});

	it('resolves every internal href, src and srcset to a file of the output', () => {
		const { broken, checked } = brokenLinks(out, BASE, SITE);
		expect(broken).toEqual([]);
		expect(checked).toBeGreaterThan(100);
	});

	it('escapes every hostile string from the data', () => {
		for (const file of htmlFiles(out)) {
			const rel = relative(out, file);
			// Escaped text holds no `<`, so every `<name …>` left is a real element.
			for (const { name, attributes, tag } of tags(readFileSync(file, 'utf8'))) {
				expect(['img', 'iframe', 'form', 'object', 'embed', 'base', 'style'], `${rel}: ${tag}`).not.toContain(name);
				expect(Object.keys(attributes).filter((a) => a.startsWith('on')), `${rel}: ${tag}`).toEqual([]);
				// The only scripts are bundled files, JSON data islands and the theme script (its
				// hash is in the CSP: test/security/csp.test.ts), never code made from data.
				if (name === 'script') {
					const bundled = attributes['type'] === 'module' && attributes['src']?.startsWith(`${BASE}_astro/`);
					const theme = Object.keys(attributes).length === 0 && tag === '<script>';
					expect(bundled || theme || attributes['type'] === 'application/json', `${rel}: ${tag}`).toBe(true);
				}
			}
		}
		for (const file of htmlFiles(out)) {
			const html = readFileSync(file, 'utf8');
			expect(html).not.toMatch(/href="\s*javascript:/i);
			// The one attribute-less script is the theme script, byte for byte.
			expect(tags(html).filter((t) => t.tag === '<script>'), relative(out, file)).toHaveLength(1);
			expect(html.split(`<script>${THEME_SCRIPT}</script>`), relative(out, file)).toHaveLength(2);
		}
		const failed = runs.find((r) => r.status === 'FAILED')!;
		const html = page(`runs/${failed.id}`);
		expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('gives every page a CSP meta without unsafe-inline or unsafe-eval', () => {
		for (const file of htmlFiles(out)) {
			const html = readFileSync(file, 'utf8');
			const csp = html.match(/<meta http-equiv="content-security-policy" content="([^"]*)"/)?.[1];
			expect(csp, relative(out, file)).toBeDefined();
			expect(csp).toContain("default-src 'none'");
			expect(csp).toMatch(/script-src 'self'/);
			expect(csp).not.toMatch(/'unsafe-(inline|eval)'/);
			// Pagefind's WebAssembly needs 'wasm-unsafe-eval' (compiling wasm only, never eval); the search page alone gets it.
			expect(csp!.includes("'wasm-unsafe-eval'"), relative(out, file)).toBe(relative(out, file) === join('search', 'index.html'));
		}
	});
});
