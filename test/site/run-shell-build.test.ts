/**
 * Large-site mode (`runPages: 'shell'`) built end to end from the example store: no page per run,
 * one shell page and data shards holding every run, the `_redirects` rewrite, the 404 fallback,
 * the runs in search at their own URLs, the broken-link check following the rewrite, and a site
 * built in two shards and merged equal to the whole one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLinks } from '../../src/check/broken-links.ts';
import { main, type MainEffects } from '../../src/cli/main.ts';
import { shellRedirectRule } from '../../src/integration/run-shell-redirects.ts';
import { formatRunName } from '../../src/lib/format-run-name.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { describeRunPagesMode, runPagesMode } from '../../src/lib/run-pages-mode.ts';
import { parseRunSeries } from '../../src/lib/parse-run-series.ts';
import { RUN_DATA_DIR, runShardKey } from '../../src/lib/run-data-shard.ts';
import { decodeRunSeries } from '../../src/lib/series-columns.ts';
import { seriesFromShard, seriesShardName } from '../../src/lib/series-shard.ts';
import { RunShardSchema } from '../../src/schemas/run-shell.ts';
import { buildSite, exampleContent, scratchDir } from '../reports/build-site.ts';

const BASE = '/group/project/';
const temp = scratchDir('mlpages-run-shell-');
const content = join(temp, 'content');
const whole = join(temp, 'whole');
const shard = (i: number) => join(temp, 'shards', String(i));
let log = '';
let merged = { code: -1, text: '' };
let runs: Array<{ id: string; name: string | null; description: string | null }> = [];
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function files(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();
}

beforeAll(async () => {
	await exampleContent(content);
	runs = readdirSync(join(content, 'runs')).map((f) => JSON.parse(readFileSync(join(content, 'runs', f), 'utf8')));
	const builds = [{ outDir: whole, env: {} }, ...[1, 2].map((i) => ({ outDir: shard(i), env: { MLPAGES_SHARD: `${i}/2` } }))];
	for (const b of builds) {
		const built = await buildSite({ contentDir: content, outDir: b.outDir, cacheDir: join(temp, 'cache'), base: BASE, env: { ...b.env, MLPAGES_RUN_PAGES: 'shell' } });
		if (!built.ok) throw new Error(`astro build ${JSON.stringify(b.env)} failed:\n${built.output}`);
		if (b.outDir === whole) log = built.output;
	}
	const logger = memoryLogger();
	const fx = { logger, diffLogger: logger, env: {}, cwd: temp, now: () => 0, stdout: () => {}, astroBuild: async () => 0 } satisfies MainEffects;
	const code = await main(['merge', 'shards', '--out', 'merged', '--base', BASE], fx);
	merged = { code, text: logger.lines.map((l) => l.message).join('\n') };
}, 600_000);

describe('a site whose run pages are a shell', () => {
	it('says in the build log which mode it chose and why', () => {
		expect(log).toContain(describeRunPagesMode(runPagesMode('shell', runs.length)));
	});

	it('renders no page per run: one shell page, and the data shards hold every run once, in the shard its id hashes to', () => {
		const all = files(whole);
		expect(all.filter((f) => /^runs\/[^/]+\/index\.html$/.test(f))).toEqual(['runs/_/index.html']);
		const shards = all.filter((f) => /^runs\/_data\/[0-9a-f]+\.json$/.test(f));
		const seen = new Map<string, string>();
		for (const file of shards) {
			const shardData = RunShardSchema.parse(JSON.parse(readFileSync(join(whole, file), 'utf8')));
			for (const id of Object.keys(shardData.runs)) {
				expect(seen.has(id), id).toBe(false);
				seen.set(id, file);
				expect(file).toBe(`runs/_data/${runShardKey(id)}.json`);
			}
		}
		expect([...seen.keys()].sort()).toEqual(runs.map((r) => r.id).sort());
		const run = runs.find((r) => r.description) ?? runs[0]!;
		const record = RunShardSchema.parse(JSON.parse(readFileSync(join(whole, seen.get(run.id)!), 'utf8'))).runs[run.id]!;
		expect(record.name).toBe(formatRunName(run));
		const shell = readFileSync(join(whole, 'runs/_/index.html'), 'utf8');
		expect(shell).toContain('data-run-shell');
		expect(shell).toMatch(/<meta http-equiv="content-security-policy"/i);
	});

	it('keeps the series in one series shard beside each data shard, not a file per run, every value as exported', () => {
		const all = files(whole);
		expect(all.filter((f) => f.startsWith('compare/series/'))).toEqual([]);
		const dataShards = all.filter((f) => /^runs\/_data\/[0-9a-f]+\.json$/.test(f));
		expect(all.filter((f) => f.endsWith('.series.json'))).toEqual(dataShards.map((f) => f.replace(/\.json$/, '.series.json')));
		let withMetrics = 0;
		for (const r of runs) {
			const text = readFileSync(join(whole, RUN_DATA_DIR, seriesShardName(runShardKey(r.id))), 'utf8');
			expect(text).not.toMatch(/\n/);
			const inShard = seriesFromShard(JSON.parse(text), r.id);
			expect(inShard, r.id).not.toBeNull();
			const file = join(content, 'series', `${r.id}.json`);
			if (!existsSync(file)) {
				expect(inShard!.metrics).toEqual({});
				continue;
			}
			const { digest: _digest, ...exported } = parseRunSeries(readFileSync(file, 'utf8'), file);
			expect(decodeRunSeries(inShard), r.id).toEqual(exported);
			if (Object.keys(exported.metrics).length > 0) withMetrics++;
		}
		expect(withMetrics).toBeGreaterThan(5);
		// The record's history link: `series` when the history is the series, else its own file.
		const records = dataShards.flatMap((f) => Object.entries(RunShardSchema.parse(JSON.parse(readFileSync(join(whole, f), 'utf8'))).runs));
		for (const [id, record] of records) {
			if (record.history === undefined || record.history === 'series') continue;
			expect(record.history).toBe(`runs/${id}/history.json`);
			expect(existsSync(join(whole, 'runs', id, 'history.json')), id).toBe(true);
		}
		expect(records.some(([, r]) => r.history === 'series')).toBe(true);
	});


	it('serves the shell at every run URL with one _redirects rule, and the 404 page can draw a run too', () => {
		expect(readFileSync(join(whole, '_redirects'), 'utf8')).toBe(`${shellRedirectRule(BASE)}\n`);
		expect(shellRedirectRule(BASE)).toBe('/group/project/runs/* /group/project/runs/_/ 200');
		const notFound = readFileSync(join(whole, '404.html'), 'utf8');
		expect(notFound).toContain('data-not-found');
		expect(notFound).toMatch(/<div class="run-shell" data-run-shell[^>]* hidden/);
	});

	it('indexes every run for search at its own URL, /runs/<id>/', () => {
		const fragments = files(join(whole, 'pagefind')).filter((f) => f.endsWith('.pf_fragment'));
		const text = fragments.map((f) => gunzipSync(readFileSync(join(whole, 'pagefind', f))).toString('utf8')).join('\n');
		// Pagefind's URLs are relative to the base, which the search page adds.
		for (const r of runs) expect(text, r.id).toContain(`"url":"/runs/${r.id}/"`);
		expect(text).not.toContain('runs/_/');
	});

	it('passes the broken-link check, which follows the rewrite to runs the shards hold, and only those', () => {
		expect(brokenLinks(whole, BASE).broken).toEqual([]);
		const copy = join(temp, 'check');
		rmSync(copy, { recursive: true, force: true });
		for (const f of files(whole)) {
			const to = join(copy, f);
			mkdirSync(join(to, '..'), { recursive: true });
			writeFileSync(to, readFileSync(join(whole, f)));
		}
		// A run the data no longer holds: every link to it is broken.
		const id = runs[0]!.id;
		const shardFile = join(copy, 'runs/_data', `${runShardKey(id)}.json`);
		const data = JSON.parse(readFileSync(shardFile, 'utf8'));
		delete data.runs[id];
		writeFileSync(shardFile, JSON.stringify(data));
		const broken = brokenLinks(copy, BASE).broken;
		expect(broken.length).toBeGreaterThan(0);
		expect(broken.every((line) => line.endsWith(`/runs/${id}/`))).toBe(true);
		// Without the rewrite rule no run page exists.
		writeFileSync(join(copy, '_redirects'), '');
		expect(brokenLinks(copy, BASE).broken.length).toBeGreaterThan(broken.length);
	});

	it('is the same site, byte for byte, when built in two shards and merged', () => {
		expect(merged.code, merged.text).toBe(0);
		const want = files(whole);
		expect(files(join(temp, 'merged'))).toEqual(want);
		const digest = (dir: string, f: string) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
		expect(want.filter((f) => digest(whole, f) !== digest(join(temp, 'merged'), f))).toEqual([]);
		// Each data shard was written by one build shard.
		const split = [1, 2].map((i) => files(shard(i)).filter((f) => f.startsWith('runs/_data/')));
		for (const part of split) expect(part.length).toBeGreaterThan(0);
		expect(split.flat().sort()).toEqual(want.filter((f) => f.startsWith('runs/_data/')));
		expect(merged.text).toMatch(/Links: all [\d,]+ internal links lead to a file under \/group\/project\/\./);
	});
});
