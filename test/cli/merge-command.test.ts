/**
 * `mlpages build --shard i/n` and `mlpages merge`: the example store built in one piece and in
 * three shards gives the same site, file for file; merge refuses shards that do not make one site.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type MainEffects } from '../../src/cli/main.ts';
import { ShardsConflict, ShardsFromOtherSnapshots, ShardsIncomplete } from '../../src/errors.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { SHARD_MARKER } from '../../src/lib/shard.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { buildSite, exampleContent, scratchDir } from '../reports/build-site.ts';

const BASE = '/group/project/';

/** Every file under `dir`, as sorted relative paths. */
function files(dir: string): string[] {
	return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();
}

async function merge(cwd: string, args: string[], env: Record<string, string> = {}) {
	const logger = memoryLogger();
	const fx = { logger, diffLogger: logger, env, cwd, now: () => 0, stdout: () => {}, astroBuild: async () => 0 } satisfies MainEffects;
	const code = await main(['merge', ...args], fx);
	return { code, text: logger.lines.map((l) => l.message).join('\n') };
}

describe('a site built in three shards and merged', () => {
	const temp = scratchDir('mlpages-shards-');
	const content = join(temp, 'content');
	const whole = join(temp, 'whole');
	const shard = (i: number) => join(temp, 'shards', String(i));
	let merged: { code: number; text: string };
	afterAll(() => rmSync(temp, { recursive: true, force: true }));

	beforeAll(async () => {
		await exampleContent(content);
		// One after the other: four Astro builds at once would only compete for the same cores.
		const builds = [{ outDir: whole, env: {} }, ...[1, 2, 3].map((i) => ({ outDir: shard(i), env: { MLPAGES_SHARD: `${i}/3` } }))];
		for (const b of builds) {
			const built = await buildSite({ contentDir: content, outDir: b.outDir, cacheDir: join(temp, 'cache'), base: BASE, env: b.env });
			if (!built.ok) throw new Error(`astro build ${JSON.stringify(b.env)} failed:\n${built.output}`);
		}
		merged = await merge(temp, ['shards', '--out', 'merged', '--base', BASE]);
	}, 600_000);

	it('equals the unsharded build, every file byte for byte, search index included', () => {
		expect(merged.code, merged.text).toBe(0);
		const want = files(whole);
		expect(files(join(temp, 'merged'))).toEqual(want);
		const digest = (dir: string, f: string) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
		const differing = want.filter((f) => digest(whole, f) !== digest(join(temp, 'merged'), f));
		expect(differing).toEqual([]);
		expect(want.some((f) => f.startsWith('pagefind/') && f.endsWith('.pf_meta'))).toBe(true);
		expect(merged.text).toContain('Merged 3 shards into merged/');
		expect(merged.text).toMatch(/Links: all [\d,]+ internal links lead to a file under \/group\/project\/\./);
	});

	it('splits the run and model-version pages between the shards, each in one, and keeps shared pages in shard 1', () => {
		const runPages = (dir: string) => files(dir).filter((f) => /^runs\/[^/]+\/index\.html$/.test(f));
		const split = [1, 2, 3].map((i) => runPages(shard(i)));
		for (const pages of split) expect(pages.length).toBeGreaterThan(0);
		expect(split.flat().sort()).toEqual(runPages(whole));
		const cards = (dir: string) => files(dir).filter((f) => /^models\/[^/]+\/\d+\/index\.html$/.test(f));
		expect([1, 2, 3].flatMap((i) => cards(shard(i))).sort()).toEqual(cards(whole));
		expect(cards(whole).length).toBeGreaterThan(0);
		for (const i of [2, 3]) {
			const held = files(shard(i));
			expect(held.filter((f) => /^(index\.html|404\.html|search\/|experiments\/|reports\/|compare\/index\.html|models\/index\.html)/.test(f)), `shard ${i}`).toEqual([]);
		}
		expect(existsSync(join(shard(1), 'index.html'))).toBe(true);
		for (const i of [1, 2, 3]) expect(existsSync(join(shard(i), 'pagefind'))).toBe(false);
	});
});

describe('mlpages merge, given shards that do not make one site', () => {
	/** Shard folders under a new project folder: index/total and the files each holds. */
	function shards(list: Array<{ index: number; total: number; files: Record<string, string>; snapshot?: string }>): string {
		const cwd = tempDir('mlpages-merge-');
		for (const s of list) {
			const dir = join(cwd, 'shards', String(s.index));
			mkdirSync(dir, { recursive: true });
			writeFileSync(join(dir, SHARD_MARKER), JSON.stringify({ index: s.index, total: s.total, snapshot: s.snapshot ?? 'a1' }));
			for (const [path, text] of Object.entries(s.files)) {
				mkdirSync(dirname(join(dir, path)), { recursive: true });
				writeFileSync(join(dir, path), text);
			}
		}
		return cwd;
	}
	const page = '<html><body><a href="/runs/a/">a</a></body></html>';

	it('fails naming the file when two shards hold different bytes for it, and leaves --out as it was', async () => {
		const cwd = shards([
			{ index: 1, total: 2, files: { 'index.html': page, '_astro/app.js': 'one' } },
			{ index: 2, total: 2, files: { 'runs/a/index.html': page, '_astro/app.js': 'two' } },
		]);
		mkdirSync(join(cwd, 'dist'));
		writeFileSync(join(cwd, 'dist', 'old.html'), 'the site before');
		const { code, text } = await merge(cwd, ['shards']);
		expect(code).toBe(1);
		expect(text).toContain(ShardsConflict.title);
		expect(text).toContain(ShardsConflict.message(join('_astro', 'app.js'), join('shards', '1'), join('shards', '2')));
		expect(files(join(cwd, 'dist'))).toEqual(['old.html']);
	});

	it('fails saying which shard is missing, given twice, or of another split', async () => {
		const missing = await merge(shards([{ index: 1, total: 3, files: { 'index.html': page } }, { index: 3, total: 3, files: {} }]), ['shards']);
		expect(missing.code).toBe(1);
		expect(missing.text).toContain(ShardsIncomplete.message('shard 2/3 is missing'));
		const other = await merge(shards([{ index: 1, total: 2, files: {} }, { index: 2, total: 3, files: {} }]), ['shards']);
		expect(other.text).toMatch(/is shard 1\/2 but .* is shard 2\/3/);
		const cwd = tempDir('mlpages-merge-');
		mkdirSync(join(cwd, 'site'));
		const plain = await merge(cwd, ['site']);
		expect(plain.code).toBe(1);
		expect(plain.text).toContain(`has no ${SHARD_MARKER}`);
	});

	it('fails when the shards exported different snapshots (a store that changed between the shard jobs)', async () => {
		const cwd = shards([
			{ index: 1, total: 2, files: { 'index.html': page } },
			{ index: 2, total: 2, files: { 'runs/a/index.html': page }, snapshot: 'b2' },
		]);
		const { code, text } = await merge(cwd, ['shards']);
		expect(code).toBe(1);
		expect(text).toContain(ShardsFromOtherSnapshots.message(join(cwd, 'shards', '1'), join(cwd, 'shards', '2')));
		expect(existsSync(join(cwd, 'dist'))).toBe(false);
	});

	it('refuses to write the merged site over a shard, with the usage exit status', async () => {
		const cwd = shards([{ index: 1, total: 1, files: { 'index.html': page } }]);
		const { code } = await merge(cwd, ['shards/1', '--out', 'shards/1']);
		expect(code).toBe(2);
	});
});
