import { execFile } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mlpagesConfig from '../../examples/site/mlpages.config.mjs';
import type { RunTableData } from '../../src/lib/run-table-data.ts';
import { PAGE_SIZE } from '../../src/lib/run-table-view.ts';
import { RunSchema, type Run } from '../../src/schemas/index.ts';
import type { CompareIndex } from '../../src/client/compare-index.ts';
import { ASTRO_BIN, EXAMPLE_SITE } from '../support/example-site.ts';

// Builds the fixture snapshot plus a synthetic experiment of 1,500 runs under a merge-request
// base, and checks the experiment page (runs table, charts), its table data and the compare page.
const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/content/basic');
const BASE = '/group/project/mr-7/';
const BIG = 1_500;
/** Runs of an experiment that fills one page of the table and half another. */
const MID = 150;
const temp = mkdtempSync(join(tmpdir(), 'mlpages-explore-'));
const content = join(temp, 'content');
const out = join(temp, 'dist');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const runs = readdirSync(join(fixture, 'runs')).map((f) =>
	RunSchema.parse(readJson(join(fixture, 'runs', f))),
);
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
const file = (path: string) => readFileSync(join(out, path), 'utf8');
/** JSON islands of a page (`<script type="application/json" …>…</script>`), parsed. */
const islands = (html: string, marker = '') =>
	[
		...html.matchAll(new RegExp(`<script type="application/json"${marker}>(.*?)</script>`, 'gs')),
	].map((m) => m[1]!);

function bigRun(i: number, experimentId = '900', prefix = 'b'): Run {
	return RunSchema.parse({
		id: `${prefix}${String(i).padStart(31, '0')}`,
		experimentId,
		name: `trial-${i}`,
		status: 'FINISHED',
		lifecycleStage: 'active',
		startTime: 1_773_000_000_000 + i * 1000,
		endTime: 1_773_000_060_000 + i * 1000,
		user: 'bot',
		parentRunId: null,
		description: null,
		params: { lr: String((i % 10) / 100), seed: String(i % 3) },
		tags: {},
		metrics: {
			val_loss: {
				last: 1 / (i + 1),
				lastStep: 0,
				lastTimestamp: 1_773_000_000_000,
				min: 1 / (i + 1),
				minStep: 0,
				max: 1 / (i + 1),
				maxStep: 0,
				count: 1,
				nonFiniteCount: 0,
				firstStep: 0,
			},
		},
		inputs: [],
		loggedModelIds: [],
		artifacts: [],
	});
}

function buildEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
	return env;
}

beforeAll(async () => {
	cpSync(fixture, content, { recursive: true });
	writeFileSync(
		join(content, 'experiments/900.json'),
		JSON.stringify({
			id: '900',
			slug: 'big-sweep',
			name: 'big-sweep',
			lifecycleStage: 'active',
			creationTime: null,
			lastUpdateTime: null,
			description: null,
			tags: {},
			runCount: BIG,
		}),
	);
	writeFileSync(
		join(content, 'experiments/901.json'),
		JSON.stringify({ id: '901', slug: 'mid-sweep', name: 'mid-sweep', lifecycleStage: 'active', creationTime: null, lastUpdateTime: null, description: null, tags: {}, runCount: MID }),
	);
	mkdirSync(join(content, 'runs'), { recursive: true });
	for (let i = 0; i < BIG; i++) {
		const run = bigRun(i);
		writeFileSync(join(content, 'runs', `${run.id}.json`), JSON.stringify(run));
	}
	for (let i = 0; i < MID; i++) {
		const run = bigRun(i, '901', 'c');
		writeFileSync(join(content, 'runs', `${run.id}.json`), JSON.stringify(run));
	}
	try {
		await promisify(execFile)(
			process.execPath,
			[ASTRO_BIN, 'build', '--outDir', out, '--silent'],
			{
				cwd: EXAMPLE_SITE,
				env: {
					...buildEnv(),
					MLPAGES_CONTENT_DIR: content,
					MLPAGES_CACHE_DIR: join(temp, 'cache'),
					BASE_PATH: BASE,
					ASTRO_TELEMETRY_DISABLED: '1',
				},
				maxBuffer: 64 * 1024 * 1024,
			},
		);
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		throw new Error(`astro build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
	}
}, 300_000);

afterAll(() => {
	if (!process.env['MLPAGES_KEEP_BUILD']) rmSync(temp, { recursive: true, force: true });
});

describe('the experiment page', () => {
	const sweep = runs.filter((r) => r.experimentId === '1');

	it('enhances the server-rendered table with the whole table data inline', () => {
		const html = page('experiments/iris-sweep');
		expect(html).toContain('<runs-table ');
		expect(html).toContain(`data-base="${BASE}"`);
		const [island] = islands(html, ' data-runs');
		expect(island).not.toContain('<');
		const data = JSON.parse(island!) as RunTableData;
		expect(new Set(data.ids)).toEqual(new Set(sweep.map((r) => r.id)));
		expect(data.params['learning_rate']).toBeDefined();
		expect(data.tags['mlflow.note.content']).toBeUndefined();
		expect(JSON.parse(file('experiments/iris-sweep/runs.json'))).toEqual(data);
	});

	it('renders every chart as SVG with a description, a data table and a spec island without usermeta', () => {
		const html = page('experiments/iris-sweep');
		const charts = [...html.matchAll(/<vega-chart[^>]*>(.*?)<\/vega-chart>/gs)].map((m) => m[1]!);
		expect(charts.length).toBeGreaterThanOrEqual(4);
		for (const chart of charts) {
			expect(chart).toMatch(/^<div data-static[^>]*><svg /);
			const spec = JSON.parse(islands(chart)[0]!);
			expect(spec.usermeta).toBeUndefined();
			expect(spec.title).toEqual(expect.any(String));
		}
		for (const id of ['chart-best', 'chart-final', 'chart-parallel', 'chart-scatter'])
			expect(html).toContain(`id="${id}"`);
		expect(html.match(/<details class="vega-data"/g)?.length).toBe(charts.length);
		expect(html).toContain(
			'History of val_loss for the 3 runs with the best final value (lower is better)',
		);
	});

	it('keeps every chart series within the configured maximum of points', () => {
		const maxPoints = mlpagesConfig.charts?.maxPoints ?? 1000;
		for (const dir of ['iris-sweep', 'hostile', 'big-sweep']) {
			for (const island of islands(page(`experiments/${dir}`))) {
				for (const row of JSON.parse(island).data?.values ?? []) {
					for (const value of Object.values(row))
						if (Array.isArray(value)) expect(value.length).toBeLessThanOrEqual(maxPoints);
				}
			}
		}
	});

	// A page carries its table data inline only when its first page shows every run: the 1,500
	// runs of big-sweep and the 150 of mid-sweep are fetched from runs.json when the reader
	// reaches for the table.
	it.each([
		['big-sweep', BIG],
		['mid-sweep', MID],
	])('ships 100 rendered rows of %s (%i runs) and fetches the rest on demand', (slug, count) => {
		const html = page(`experiments/${slug}`);
		const table = html.slice(html.indexOf('<runs-table'), html.indexOf('</runs-table>'));
		// Two header rows (the column groups, then the column names) and one page of runs.
		expect(table.match(/<tr[ >]/g)).toHaveLength(PAGE_SIZE + 2);
		expect(islands(html, ' data-runs')).toEqual([]);
		expect(html).toContain(`data-src="${BASE}experiments/${slug}/runs.json"`);
		expect(html).toContain(`Runs 1–${PAGE_SIZE} of ${count}.`);
		expect(Buffer.byteLength(html)).toBeLessThan(200_000);
		const data = JSON.parse(file(`experiments/${slug}/runs.json`)) as RunTableData;
		expect(data.ids).toHaveLength(count);
	});
});

describe('the compare page', () => {
	it('is a static shell that loads its script, the run index and per-run series under the base', () => {
		const html = page('compare');
		expect(html).toContain('<compare-runs ');
		expect(html).toContain(`data-index="${BASE}compare/runs.json"`);
		expect(html).toContain(`data-series="${BASE}compare/series/{id}.json"`);
		expect(html).toMatch(
			new RegExp(`<script type="module" src="${BASE}_astro/[^"]+\\.js"></script>`),
		);
		const index = JSON.parse(file('compare/runs.json')) as CompareIndex;
		expect(index.runs.ids).toHaveLength(runs.length + BIG + MID);
		expect(index.runs.tags).toEqual({});
		expect(index.experiments['1']).toEqual({ name: 'iris-sweep', slug: 'iris-sweep' });
		expect(index.directions).toEqual(mlpagesConfig.metrics?.direction ?? {});
		for (const run of runs) {
			const series = JSON.parse(file(`compare/series/${run.id}.json`));
			const expected = JSON.parse(readFileSync(join(fixture, 'series', `${run.id}.json`), 'utf8'));
			expect(series).toEqual(expected);
		}
	});

	it('links from the runs table to it', () => {
		expect(page('experiments/iris-sweep')).toMatch(
			/<a class="runs-compare" data-compare[^>]*>Compare selected \(0\)<\/a>/,
		);
	});
});
