/**
 * The page cache end to end: the example store is exported and built, one run is added to the
 * store (a child of a sweep, so its parent's page changes too), and the site is rebuilt with the
 * cache and with MLPAGES_FULL_BUILD (what `mlpages build --full` sets). The rebuild renders only
 * the run and experiment pages whose inputs changed and takes the others from the cache, with this build's footer
 * (another commit, newer data), and the two sites are the same, file for file.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mlpagesConfig from '../../examples/site/mlpages.config.mjs';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { buildSite, root, scratchDir } from '../reports/build-site.ts';

const COMMIT_1 = '1111111111111111111111111111111111111111';
const COMMIT_2 = '2222222222222222222222222222222222222222';
const NEW_RUN = 'feedfacefeedfacefeedfacefeedface';

/** Every file under `dir` with the SHA-256 of its bytes, by relative path. */
function tree(dir: string): Map<string, string> {
	const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>).filter((e) => e.isFile());
	return new Map(files.map((e) => [relative(dir, join(e.parentPath, e.name)), createHash('sha256').update(readFileSync(join(e.parentPath, e.name))).digest('hex')]));
}

async function exportStore(db: string, contentDir: string): Promise<void> {
	const reader = await openSqliteReader(db, { warn: () => {}, displayUri: 'mlflow.db' });
	try {
		await exportSnapshot({ reader, outDir: contentDir, config: MlpagesConfigSchema.parse(mlpagesConfig) });
	} finally {
		await reader.close();
	}
}

/**
 * Adds run NEW_RUN to the store: a copy of `from` (its params, tags, metrics), started an hour
 * after the newest run, so the snapshot's newest data, and with it every page's footer, changes.
 */
function addRun(db: string, from: string): void {
	const store = new DatabaseSync(db);
	try {
		const newest = (store.prepare('SELECT MAX(start_time) AS t FROM runs').get() as { t: number }).t;
		const copy = (table: string, key: string, shift: Record<string, string> = {}) => {
			const columns = (store.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
			const values = columns.map((c) => (c === key ? '?' : (shift[c] ?? c)));
			store.prepare(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table} WHERE ${key} = ?`).run(NEW_RUN, from);
		};
		const later = `${newest} + 3600000`;
		copy('runs', 'run_uuid', { name: "name || ' again'", start_time: later, end_time: `${later} + 60000`, artifact_uri: "'mlflow-artifacts:/none'" });
		for (const table of ['params', 'tags', 'metrics', 'latest_metrics']) copy(table, 'run_uuid');
	} finally {
		store.close();
	}
}

describe('a rebuild after one new run', () => {
	const temp = scratchDir('mlpages-page-cache-');
	const db = join(temp, 'store', 'mlflow.db');
	const content = join(temp, 'content');
	const cache = join(temp, 'cache');
	const build = async (out: string, env: Record<string, string>) => {
		const built = await buildSite({ contentDir: content, outDir: join(temp, out), cacheDir: cache, base: '/', env });
		if (!built.ok) throw new Error(`astro build into ${out} failed:\n${built.output}`);
		return built.output;
	};
	const logs: Record<string, string> = {};
	let child = '';
	let parent = '';
	afterAll(() => rmSync(temp, { recursive: true, force: true }));

	beforeAll(async () => {
		mkdirSync(join(temp, 'store'));
		cpSync(join(root, 'examples/mlflow.db'), db);
		symlinkSync(join(root, 'examples/mlartifacts'), join(temp, 'store', 'mlartifacts'));
		const store = new DatabaseSync(db, { readOnly: true });
		({ run_uuid: child, value: parent } = store.prepare("SELECT run_uuid, value FROM tags WHERE key = 'mlflow.parentRunId' ORDER BY run_uuid LIMIT 1").get() as { run_uuid: string; value: string });
		store.close();
		await exportStore(db, content);
		logs['first'] = await build('first', { CI_COMMIT_SHA: COMMIT_1 });
		addRun(db, child);
		await exportStore(db, content);
		// One after the other: Astro builds at once would only compete for the same cores.
		logs['reused'] = await build('reused', { CI_COMMIT_SHA: COMMIT_2 });
		logs['full'] = await build('full', { CI_COMMIT_SHA: COMMIT_2, MLPAGES_FULL_BUILD: '1' });
		logs['again'] = await build('again', { CI_COMMIT_SHA: COMMIT_2 });
	}, 600_000);

	it('renders the new run and its parent, and takes every other run page from the cache', () => {
		const runs = readdirSync(join(content, 'runs')).length;
		expect(logs['first']).toContain(`Run pages: 0 reused from the page cache, ${runs - 1} rendered.`);
		expect(logs['reused']).toContain(`Run pages: ${runs - 2} reused from the page cache, 2 rendered.`);
		expect(logs['reused']).toMatch(new RegExp(`runs/${NEW_RUN}/index\\.html`));
		expect(logs['reused']).toMatch(new RegExp(`runs/${parent}/index\\.html`));
		expect(logs['reused']).not.toMatch(new RegExp(`runs/${child}/index\\.html`));
	});

	it('renders the page of the experiment that has the new run, and takes the other experiment pages from the cache', () => {
		const experiments = readdirSync(join(content, 'experiments')).length;
		expect(experiments).toBeGreaterThan(1);
		expect(logs['first']).toContain(`Experiment pages: 0 reused from the page cache, ${experiments} rendered.`);
		expect(logs['reused']).toContain(`Experiment pages: ${experiments - 1} reused from the page cache, 1 rendered.`);
		// The new run is on its experiment's page (rendered), and the reused pages equal rendered
		// ones (the test below compares every file with a build that renders every page).
		const slugOf = (file: string) => (JSON.parse(readFileSync(join(content, 'experiments', file), 'utf8')) as { slug: string }).slug;
		const pages = readdirSync(join(content, 'experiments')).map((f) => readFileSync(join(temp, 'reused', 'experiments', slugOf(f), 'index.html'), 'utf8'));
		expect(pages.filter((html) => html.includes(NEW_RUN))).toHaveLength(1);
	});

	it('gives the same site as rendering every page, file for file, the reused pages with the new footer', () => {
		const reused = tree(join(temp, 'reused'));
		const full = tree(join(temp, 'full'));
		expect([...reused.keys()].sort()).toEqual([...full.keys()].sort());
		expect([...full].filter(([file, hash]) => reused.get(file) !== hash).map(([file]) => file)).toEqual([]);
		const page = readFileSync(join(temp, 'reused', 'runs', child, 'index.html'), 'utf8');
		expect(page).toContain(`<code>${COMMIT_2.slice(0, 8)}</code>`);
		expect(page).not.toContain(COMMIT_1.slice(0, 8));
	});

	it('renders every page with --full, and the build after it reuses them all', () => {
		const runs = readdirSync(join(content, 'runs')).length;
		expect(logs['full']).toContain(`Run pages: 0 reused from the page cache, ${runs} rendered.`);
		expect(logs['again']).toContain(`Run pages: ${runs} reused from the page cache, 0 rendered.`);
		const experiments = readdirSync(join(content, 'experiments')).length;
		expect(logs['full']).toContain(`Experiment pages: 0 reused from the page cache, ${experiments} rendered.`);
		expect(logs['again']).toContain(`Experiment pages: ${experiments} reused from the page cache, 0 rendered.`);
		const again = tree(join(temp, 'again'));
		expect([...tree(join(temp, 'full'))].filter(([file, hash]) => again.get(file) !== hash)).toEqual([]);
		// One cached page per run, and a page and a runs.json per experiment: the older copies of
		// the rebuilt ones are gone.
		const [fingerprint, ...others] = readdirSync(join(cache, 'pages'));
		expect(others).toEqual([]);
		expect(readdirSync(join(cache, 'pages', fingerprint!)).length).toBe(runs + 2 * experiments);
	});

	it('remembers the run files it found valid as they are, and still stops at one edited into an invalid run', async () => {
		// One key per run file: a later build parses them without running the schema.
		const runs = readdirSync(join(content, 'runs'));
		const keys = readFileSync(join(cache, 'validated-runs.txt'), 'utf8').split('\n');
		expect(keys).toHaveLength(runs.length);
		expect(new Set(keys).size).toBe(runs.length);
		const file = join(content, 'runs', `${child}.json`);
		const text = readFileSync(file, 'utf8');
		try {
			writeFileSync(file, text.replace(/"status": "[A-Z]+"/, '"status": "BOGUS"'));
			const built = await buildSite({ contentDir: content, outDir: join(temp, 'broken'), cacheDir: cache, base: '/', env: { CI_COMMIT_SHA: COMMIT_2 } });
			// The content sync checks a changed file whole, and names the run and the field.
			expect(built.ok).toBe(false);
			expect(built.output).toMatch(new RegExp(`${child} data does not match[^]*?status: Invalid option`));
		} finally {
			writeFileSync(file, text);
		}
	}, 300_000);
});
