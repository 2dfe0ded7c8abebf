/**
 * `node --experimental-strip-types scripts/bench/page-reuse.ts [--runs 200]`: how much of a
 * rebuild after one new run keeps its bytes, which is what the page cache (src/integration/
 * page-cache.ts) and the scan memo can reuse; the second build takes the unchanged run pages
 * from the page cache, so this also shows they are the bytes of the first, footer aside. Builds the benchmark's generated SQLite
 * store, adds one run, exports and builds again (warm, as `npm run build` would), and counts the
 * files of the second site that are byte-identical to the first, that differ only in the footer
 * (`<p class="provenance">`: the data's newest time, the commit), and that differ elsewhere.
 * Prints the counts by kind of page; writes nothing but its scratch folder, removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { appendBenchRun, SQLITE_STORE, writeBenchStores } from './write-bench-stores.ts';

const ROOT = join(import.meta.dirname, '../..');
const SITE = join(ROOT, 'examples/site');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);

mkdirSync(join(SITE, '.tmp'), { recursive: true });
const work = mkdtempSync(join(SITE, '.tmp', 'bench-reuse-'));
const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', MLPAGES_CONTENT_DIR: join(work, 'content'), MLPAGES_CACHE_DIR: join(work, 'cache') };
for (const key of ['SITE', 'BASE_PATH', 'MLPAGES_SHARD']) delete env[key];
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
const exportAndBuild = (out: string) => {
	node(['bin/mlpages.js', 'export', '--root', 'examples/site', join(work, SQLITE_STORE), '--out', join(work, 'content')]);
	node([join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', SITE, '--outDir', out]);
};
const files = (dir: string) =>
	readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)));
const FOOTER = /<p class="provenance">[\s\S]*?<\/p>/;
const kind = (file: string) => (file.startsWith('pagefind/') ? 'pagefind/' : file.startsWith('_astro/') ? '_astro/' : (file.split('/')[0] ?? file) + (file.includes('/') ? '/' : ''));

try {
	writeBenchStores(work, runs, 1);
	exportAndBuild(join(work, 'before'));
	appendBenchRun(work, runs, 1);
	exportAndBuild(join(work, 'after'));
	const table = new Map<string, { same: number; footer: number; other: number; added: number }>();
	for (const file of files(join(work, 'after'))) {
		const row = table.get(kind(file)) ?? { same: 0, footer: 0, other: 0, added: 0 };
		table.set(kind(file), row);
		const old = join(work, 'before', file);
		if (!existsSync(old)) {
			row.added++;
			continue;
		}
		const a = readFileSync(old);
		const b = readFileSync(join(work, 'after', file));
		if (a.equals(b)) row.same++;
		else if (file.endsWith('.html') && a.toString('utf8').replace(FOOTER, '') === b.toString('utf8').replace(FOOTER, '')) row.footer++;
		else row.other++;
	}
	console.log(`${runs} runs, then one more: files of the rebuilt site by how they compare with the first build`);
	console.log('| files | same bytes | only the footer differs | differ elsewhere | new |\n|---|--:|--:|--:|--:|');
	for (const [k, r] of [...table].sort()) console.log(`| ${k} | ${r.same} | ${r.footer} | ${r.other} | ${r.added} |`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
