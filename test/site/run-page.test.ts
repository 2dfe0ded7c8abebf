import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKUP_REASON } from '../../src/components/run/artifact-publication.ts';
import { artifactFileName } from '../../src/lib/artifact-file-name.ts';
import { RunSchema, RunSeriesSchema } from '../../src/schemas/index.ts';
import { ASTRO_BIN, EXAMPLE_SITE } from '../support/example-site.ts';

// Builds the site from a copy of the hand-made snapshot with what a run page shows added to one
// run (git and GitLab CI tags, artifacts of every kind, a full history), then checks the page
// and the files next to it, and the page-size budgets (performance.md G7).
const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/content/basic');
const temp = mkdtempSync(join(tmpdir(), 'mlpages-run-page-'));
const content = join(temp, 'content');
const out = join(temp, 'dist');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const runs = () => readdirSync(join(content, 'runs')).map((f) => RunSchema.parse(readJson(join(content, 'runs', f))));
const page = (runId: string) => readFileSync(join(out, 'runs', runId, 'index.html'), 'utf8');
/** The chart blocks of a run page. */
const CHART = /<div class="run-chart"[\s\S]*?<\/figure>(?:<script[^>]*><\/script>)?<\/div>/g;

const RICH = 'c94ace88c19c1ed88d9a09091870a3c2';
/** The metrics a run page lists for the browser to chart (`data-browser-charts`), [] when none. */
const browserCharts = (html: string): string[] => JSON.parse(html.match(/ data-browser-charts="([^"]*)"/)?.[1]?.replaceAll('&quot;', '"') ?? '[]') as string[];
const HTML_ATTACK = '<script>window.__x=1</script>';

/** A noisy decaying loss of `n` points, values with all their digits (the worst case for size). */
function longSeries(n: number) {
	const step = Array.from({ length: n }, (_, i) => i * 7);
	return {
		step,
		timestamp: step.map((s) => 1_700_000_000_000 + s * 1_234),
		value: step.map((_, i) => Math.exp(-i / (n / 4)) + 0.05 * Math.sin(i * 1.7) + 0.123456789),
	};
}

function buildEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'BASE_PATH', 'SITE']) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
	return env;
}

beforeAll(async () => {
	cpSync(fixture, content, { recursive: true });
	const runFile = join(content, 'runs', `${RICH}.json`);
	const run = readJson(runFile);
	Object.assign(run.tags, {
		// A user name in the remote (a token used as one, as CI runners write them): the export
		// strips user:password pairs, and a site holding one would fail the build's secret scan.
		'mlflow.source.git.repoURL': 'https://ci-token-s3cret@gitlab.example.com/group/project.git',
		'mlflow.source.git.commit': 'b9d7290b5ecc075536cbebbe072d0760',
		'gitlab.CI_JOB_ID': '123',
		'gitlab.CI_PIPELINE_ID': '45',
		'gitlab.CI_MERGE_REQUEST_IID': '7',
	});
	const artifacts = join(content, 'artifacts', RICH);
	mkdirSync(join(artifacts, 'plots'), { recursive: true });
	mkdirSync(join(artifacts, 'model'), { recursive: true });
	const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366cc' } }).png().toBuffer();
	writeFileSync(join(artifacts, 'plots/roc.png'), png);
	writeFileSync(join(artifacts, 'model/MLmodel'), `flavors:\n  note: "${HTML_ATTACK}"\n${'x: 1\n'.repeat(2000)}`);
	writeFileSync(join(artifacts, 'report.html'), `<html>${HTML_ATTACK}</html>`);
	writeFileSync(join(artifacts, 'plot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
	run.artifacts = [
		{ path: 'big.bin', size: 50_000_000 },
		{ path: 'model/MLmodel', size: readFileSync(join(artifacts, 'model/MLmodel')).length },
		{ path: 'plot.svg', size: 80 },
		{ path: 'plots/roc.png', size: png.length },
		{ path: 'report.html', size: 40 },
	];
	// Long histories, as the downsampler leaves them (maxPoints is 1000): the budget per chart.
	const seriesFile = join(content, 'series', `${RICH}.json`);
	const runSeries = readJson(seriesFile);
	for (const n of [250, 1000]) {
		const s = longSeries(n);
		runSeries.metrics[`long_${n}`] = s;
		const [min, max] = [Math.min(...s.value), Math.max(...s.value)];
		run.metrics[`long_${n}`] = {
			count: n * 5,
			firstStep: 0,
			last: s.value.at(-1),
			lastStep: s.step.at(-1),
			lastTimestamp: s.timestamp.at(-1),
			max,
			maxStep: s.step[s.value.indexOf(max)],
			min,
			minStep: s.step[s.value.indexOf(min)],
			nonFiniteCount: 0,
		};
	}
	writeFileSync(seriesFile, JSON.stringify(runSeries));
	writeFileSync(runFile, JSON.stringify(run));
	mkdirSync(join(content, 'histories'), { recursive: true });
	cpSync(join(content, 'series', `${RICH}.json`), join(content, 'histories', `${RICH}.json`));
	try {
		await promisify(execFile)(process.execPath, [ASTRO_BIN, 'build', '--outDir', out, '--silent'], {
			cwd: EXAMPLE_SITE,
			env: { ...buildEnv(), MLPAGES_CONTENT_DIR: content, MLPAGES_CACHE_DIR: join(temp, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		throw new Error(`astro build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
	}
}, 300_000);

describe('the run page', () => {
	it('links the commit, CI job, pipeline and merge request without credentials', () => {
		const html = page(RICH);
		expect(html).toContain('href="https://gitlab.example.com/group/project/-/commit/b9d7290b5ecc075536cbebbe072d0760"');
		expect(html).toContain('href="https://gitlab.example.com/group/project/-/jobs/123"');
		expect(html).toContain('href="https://gitlab.example.com/group/project/-/pipelines/45"');
		expect(html).toContain('href="https://gitlab.example.com/group/project/-/merge_requests/7"');
		expect(html).not.toMatch(/href="[^"]*s3cret/);
		expect(html).toContain('Start (UTC)');
	});

	it('shows image thumbnails of at most 320 px as WebP files next to the page', async () => {
		const html = page(RICH);
		const thumb = artifactFileName('plots/roc.png', 'webp');
		expect(html).toContain(`<img src="/runs/c94ace88c19c1ed88d9a09091870a3c2/thumbs/${thumb}" width="320" height="213"`);
		const meta = await sharp(join(out, 'runs', RICH, 'thumbs', thumb)).metadata();
		expect(meta.format).toBe('webp');
		expect(meta.width).toBe(320);
	});

	it('previews text artifacts escaped, cut at 4 KB, inside <details>', () => {
		const html = page(RICH);
		expect(html).toMatch(/<details><summary><span class="mono">model\/MLmodel<\/span>/);
		expect(html).toContain('&lt;script&gt;window.__x=1&lt;/script&gt;');
		expect(html).not.toContain(HTML_ATTACK);
		const preview = html.match(/<pre class="preview"[^>]*>([\s\S]*?)<\/pre>/)![1]!;
		expect(preview.length).toBeLessThan(4096 + 200);
	});

	it('publishes no HTML or SVG artifact as a file: they start like markup, so a sniffing host could serve them as pages', () => {
		const html = page(RICH);
		for (const name of ['report.html', 'plot.svg']) {
			expect(html, name).not.toContain(`download="${name}"`);
			// Shown escaped inside the page instead, with the reason.
			expect(html, name).toMatch(new RegExp(`<summary[^>]*><span class="mono"[^>]*>${name.replace('.', '\\.')}</span>[\\s\\S]*?<pre class="preview"[^>]*>&lt;[\\s\\S]*?Not published as a file: ${MARKUP_REASON}`));
		}
		expect(readdirSync(join(out, 'runs', RICH, 'artifacts')).filter((f) => /report|plot/.test(f))).toEqual([]);
		// Not copied by the exporter: listed with its size, no link.
		expect(html).toMatch(/<span class="mono"[^>]*>big\.bin<\/span> <span class="muted"[^>]*>48 MB · not copied to the site/);
	});

	it('serves the full history as JSON and CSV', () => {
		const html = page(RICH);
		// The history is the series byte for byte (nothing was downsampled): published once.
		expect(html).toContain(`href="/compare/series/${RICH}.json" download="history.json"`);
		expect(existsSync(join(out, 'runs', RICH, 'history.json'))).toBe(false);
		const json = readFileSync(join(out, 'compare/series', `${RICH}.json`), 'utf8');
		expect(json).toBe(readFileSync(join(content, 'histories', `${RICH}.json`), 'utf8'));
		RunSeriesSchema.parse(JSON.parse(json));
		// The CSV is made in the browser from that JSON (test/e2e/pages.e2e.ts): its link needs a script.
		expect(html).toContain(`<span data-history-csv hidden> · <a href="/compare/series/${RICH}.json" download="history.csv">CSV</a></span>`);
		expect(existsSync(join(out, 'runs', RICH, 'history.csv'))).toBe(false);
		// Runs without a history file get no link.
		const other = runs().find((r) => r.id !== RICH)!;
		expect(page(other.id)).not.toContain('history.json');
	});

	it('has a hidden params filter, a sparkline per metric with a history, and hidden chart controls', () => {
		const html = page(RICH);
		expect(html).toMatch(/<p class="params-filter"[^>]*hidden/);
		expect(html).toMatch(/<div class="chart-controls"[^>]*hidden/);
		const series = RunSeriesSchema.parse(readJson(join(content, 'series', `${RICH}.json`)));
		const withHistory = Object.values(series.metrics).filter((s) => s.value.length >= 2).length;
		expect(html.match(/<svg class="sparkline"/g) ?? []).toHaveLength(withHistory);
		// One chart per metric with a history: drawn at build time (svgPerRun 1) or listed for the
		// browser to draw; plus the charts of metrics together (loss and val_loss), drawn in the browser.
		const single = [...html.matchAll(/<div class="run-chart" data-metric="([^"]+)"/g)].map((m) => m[1]!);
		expect(single).toHaveLength(1);
		expect([...single, ...browserCharts(html)].sort()).toEqual(Object.keys(series.metrics).filter((k) => series.metrics[k]!.value.length >= 2).sort());
		expect(html.match(/<vega-chart[ >]/g) ?? []).toHaveLength(1 + (html.match(/<div class="run-chart run-chart-multi"/g) ?? []).length);
	});

	it('links the model versions made from the run', () => {
		const dir = join(content, 'model-versions');
		for (const slug of readdirSync(dir)) {
			for (const file of readdirSync(join(dir, slug))) {
				const v = readJson(join(dir, slug, file));
				if (v.runId) expect(page(v.runId)).toContain(`href="/models/${slug}/${v.version}/"`);
			}
		}
	});
});

describe('run page budgets (performance.md G7)', () => {
	it('keeps a page without its charts ≤ 30 KB and each chart ≤ 26 KB, even with 1,000 points', () => {
		const sizes: Record<string, number> = {};
		for (const run of runs()) {
			const html = page(run.id);
			const charts = [...html.matchAll(CHART)].map((m) => m[0]);
			const rest = Buffer.byteLength(html) - charts.reduce((n, c) => n + Buffer.byteLength(c), 0);
			expect(rest, run.id).toBeLessThanOrEqual(30 * 1024);
			for (const chart of charts) {
				const metric = chart.match(/data-metric="([^"]*)"/)![1]!;
				sizes[`${run.id}/${metric}`] = Buffer.byteLength(chart);
				expect(Buffer.byteLength(chart), `${run.id} ${metric}`).toBeLessThanOrEqual(26 * 1024);
			}
		}
		// The long histories are not the primary metric: drawn in the browser, they cost the page
		// their name in the list of charts it draws (test/e2e/run-page-size.e2e.ts draws them).
		expect(page(RICH).match(CHART)!.some((c) => c.includes('data-metric="long_1000"'))).toBe(false);
		expect(browserCharts(page(RICH))).toEqual(expect.arrayContaining(['long_250', 'long_1000']));
		if (process.env['MLPAGES_PRINT_SIZES']) console.log(sizes);
	});

	it('keeps the chart data out of the page: one series JSON per run, ≤ maxPoints per metric', () => {
		for (const run of runs()) {
			const html = page(run.id);
			const charts = [...html.matchAll(CHART)].map((m) => m[0]);
			if (charts.length === 0) continue;
			const file = join(out, 'compare/series', `${run.id}.json`);
			const served = RunSeriesSchema.parse(readJson(file));
			expect(served).toStrictEqual(RunSeriesSchema.parse(readJson(join(content, 'series', `${run.id}.json`))));
			for (const chart of charts) {
				expect(chart).toContain(`<vega-chart data-src="/compare/series/${run.id}.json" data-metric="`);
				const metric = chart.match(/data-metric="([^"]*)"/)![1]!;
				const islandText = chart.match(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/)?.[1];
				// Drawn at build time: the spec without its data, the SVG on the page.
				const island = JSON.parse(islandText!);
				expect(island).not.toHaveProperty('data');
				expect(island.transform[0]).toStrictEqual({ flatten: ['s', 't', 'v'] });
				expect(chart).toContain('class="marks"');
				expect(served.metrics[metric]!.step.length).toBeLessThanOrEqual(served.maxPoints);
				// The data table alternative: first, last, min and max only.
				const rows = chart.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)![1]!.match(/<tr[ >]/g)!;
				expect(rows.length).toBeGreaterThanOrEqual(1);
				expect(rows.length).toBeLessThanOrEqual(4);
			}
		}
		// The charts drawn in the browser read the same file: the page names it once.
		expect(page(RICH)).toContain(`<div class="charts" data-src="/compare/series/${RICH}.json" data-browser-charts="`);
	});
});
