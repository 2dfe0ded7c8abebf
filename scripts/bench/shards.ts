/**
 * `node --experimental-strip-types scripts/bench/shards.ts [--runs 1000] [--shards 4]`: the
 * sharded build measured against the unsharded one on the benchmark's generated SQLite store.
 * Exports it once, then builds it cold (empty caches, as on a CI runner) unsharded and as each
 * shard in turn, merges the shards, and prints each shard's time as a share of the unsharded
 * build (on a CI runner the shards run at the same time, so the slowest shard is what a pipeline
 * waits for), the merge time, and whether the merged site equals the unsharded one, every file's
 * bytes. Writes nothing but its scratch folder under examples/site/.tmp/, removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { astroNodeOptions } from '../../src/cli/astro-heap.ts';
import { SQLITE_STORE, writeBenchStores } from './write-bench-stores.ts';

const ROOT = join(import.meta.dirname, '../..');
const SITE = join(ROOT, 'examples/site');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, shards: { type: 'string', default: '4' } } });
const runs = Number(values.runs);
const shards = Number(values.shards);

mkdirSync(join(SITE, '.tmp'), { recursive: true });
const work = mkdtempSync(join(SITE, '.tmp', 'bench-shards-'));
const env = (extra: Record<string, string>) => {
	const e: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', NODE_OPTIONS: astroNodeOptions(process.env['NODE_OPTIONS'], runs), ...extra };
	for (const key of ['SITE', 'BASE_PATH', 'MLPAGES_SHARD']) if (!(key in extra)) delete e[key];
	return e;
};
/** Runs a command to its end; its wall time in seconds. */
function timed(args: string[], extra: Record<string, string> = {}): number {
	const started = performance.now();
	execFileSync(process.execPath, args, { cwd: ROOT, env: env(extra), stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
	return (performance.now() - started) / 1000;
}
function files(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();
}

try {
	writeBenchStores(work, runs, 1);
	const content = join(work, 'content');
	timed(['bin/mlpages.js', 'export', '--root', 'examples/site', join(work, SQLITE_STORE), '--out', content]);
	const astro = (outDir: string, cache: string, extra: Record<string, string> = {}) =>
		timed([join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', SITE, '--outDir', outDir], { MLPAGES_CONTENT_DIR: content, MLPAGES_CACHE_DIR: join(work, cache), ...extra });
	const whole = astro(join(work, 'whole'), 'cache-whole');
	console.log(`${runs} runs, unsharded cold build: ${whole.toFixed(1)} s`);
	const times: number[] = [];
	for (let i = 1; i <= shards; i++) {
		times.push(astro(join(work, 'shards', String(i)), `cache-${i}`, { MLPAGES_SHARD: `${i}/${shards}` }));
		console.log(`shard ${i}/${shards} cold build: ${times.at(-1)!.toFixed(1)} s (${((times.at(-1)! / whole) * 100).toFixed(0)} % of unsharded)`);
	}
	const merge = timed(['bin/mlpages.js', 'merge', '--root', 'examples/site', join(work, 'shards'), '--out', join(work, 'merged')]);
	const want = files(join(work, 'whole'));
	const got = files(join(work, 'merged'));
	const differing = want.filter((f) => !readFileSync(join(work, 'whole', f)).equals(readFileSync(join(work, 'merged', f))));
	console.log(`merge: ${merge.toFixed(1)} s; slowest shard + merge: ${(Math.max(...times) + merge).toFixed(1)} s (${(((Math.max(...times) + merge) / whole) * 100).toFixed(0)} % of unsharded)`);
	console.log(`merged site: ${got.length} files, unsharded ${want.length}; same list: ${JSON.stringify(got) === JSON.stringify(want)}; files with other bytes: ${differing.length}${differing.length ? ` (${differing.slice(0, 5).join(', ')})` : ''}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
