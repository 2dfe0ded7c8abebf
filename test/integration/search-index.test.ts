import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, measureSearchIndex } from '../../src/integration/search-index.ts';
import { MAX_RUN_PARTS, searchParts, type SearchRecord } from '../../src/integration/search-parts.ts';

const work = mkdtempSync(join(tmpdir(), 'mlpages-search-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const runRecord = (id: string): SearchRecord => [`runs/${id}/index.html`, `<div data-pagefind-body><h1>${id}</h1></div>`];
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `run${String(i + from).padStart(5, '0')}`);

describe('searchParts', () => {
	const others: SearchRecord[] = [
		['experiments/sweep/index.html', '<div data-pagefind-body><h1>sweep</h1></div>'],
		['runs/_/index.html', '<div data-pagefind-body><h1>shell</h1></div>'],
	];

	it('keeps a site of at most runsPerPart runs in one index', () => {
		const parts = searchParts([...others, ...ids(10).map(runRecord)], 10);
		expect(parts.map((p) => [p.dir, p.records.length])).toEqual([['', 12]]);
	});

	it('keeps every page that is not a run page in the main part and spreads the runs over 2ⁿ parts', () => {
		const parts = searchParts([...others, ...ids(35).map(runRecord)], 10);
		expect(parts.map((p) => p.dir)).toEqual(['', 'runs/0/', 'runs/1/', 'runs/2/', 'runs/3/']);
		expect(parts[0]!.records.map(([path]) => path)).toEqual(['experiments/sweep/index.html', 'runs/_/index.html']);
		expect(parts.slice(1).flatMap((p) => p.records).length).toBe(35);
		for (const part of parts.slice(1)) expect(part.records.length).toBeGreaterThan(0);
	});

	it('leaves a run in its part when runs are added, so one new run changes one part of runs', () => {
		const before = searchParts(ids(30).map(runRecord), 10);
		const after = searchParts([...ids(30), 'zz-new'].map(runRecord), 10);
		const changed = after.filter((part, i) => JSON.stringify(part) !== JSON.stringify(before[i]));
		expect(changed.map((p) => p.records.some(([path]) => path.includes('zz-new')))).toEqual([true]);
	});

	it(`has at most ${MAX_RUN_PARTS} parts of runs, however many runs`, () => {
		expect(searchParts(ids(100_000).map(runRecord)).length).toBe(1 + MAX_RUN_PARTS);
	});
});

describe('buildSearchIndex with its cache', () => {
	const page = (title: string, body: string) => `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><div data-pagefind-body><h1>${title}</h1><p>${body}</p></div></body></html>`;
	const site = join(work, 'site');
	for (const id of ids(12)) {
		mkdirSync(join(site, 'runs', id), { recursive: true });
		writeFileSync(join(site, 'runs', id, 'index.html'), page(id, `run ${id} of the penguin sweep`));
	}
	mkdirSync(join(site, 'experiments/sweep'), { recursive: true });
	writeFileSync(join(site, 'experiments/sweep/index.html'), page('sweep', 'the penguin sweep'));
	const cacheDir = join(work, 'cache');
	/** Every file of a built index, by path, with its bytes. */
	const files = (dir: string) =>
		Object.fromEntries(
			readdirSync(join(dir, 'pagefind'), { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => {
					const path = join(e.parentPath, e.name);
					return [path.slice(dir.length), readFileSync(path).toString('base64')];
				}),
		);
	/** The index a build without any cache writes for the site as it is now. */
	const fresh = async () => {
		const copy = join(work, `fresh-${Math.random().toString(36).slice(2)}`);
		cpSync(site, copy, { recursive: true });
		rmSync(join(copy, 'pagefind'), { recursive: true, force: true });
		await buildSearchIndex(copy, { runsPerPart: 3, cacheDir: null });
		return files(copy);
	};

	it('copies every part of an unchanged site from the cache, the same files as indexing it', async () => {
		const first = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(first.parts).toBe(5);
		expect(first.reused).toBe(0);
		expect(first.pages).toBe(13);
		const second = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(second.reused).toBe(5);
		expect(files(site)).toEqual(await fresh());
		expect((await measureSearchIndex(join(site, 'pagefind'))).pages).toBe(13);
	});

	it('indexes again only the part of a changed run, and the result equals a fresh index', async () => {
		const id = ids(12)[4]!;
		writeFileSync(join(site, 'runs', id, 'index.html'), page(id, 'now with a cormorant'));
		const rebuilt = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(rebuilt.reused).toBe(4);
		expect(files(site)).toEqual(await fresh());
	});

	it('takes a page known by its identity (its page-cache key) as unchanged without reading it, and reads it when its identity changes', async () => {
		const runPaths = ids(12).map((id) => `runs/${id}/index.html`);
		const identities = new Map(runPaths.map((path) => [path, `key-of-${path}`]));
		await buildSearchIndex(site, { runsPerPart: 3, cacheDir, pageIdentities: identities });
		const id = ids(12)[7]!;
		writeFileSync(join(site, 'runs', id, 'index.html'), page(id, 'a heron, but the page key says nothing changed'));
		const same = await buildSearchIndex(site, { runsPerPart: 3, cacheDir, pageIdentities: identities });
		expect(same.reused).toBe(5);
		const changed = await buildSearchIndex(site, { runsPerPart: 3, cacheDir, pageIdentities: new Map([...identities, [`runs/${id}/index.html`, 'a new key']]) });
		expect(changed.reused).toBe(4);
		expect(files(site)).toEqual(await fresh());
	});

	it('keeps the main part and the parts of runs apart in the cache: a build after both changed, and the one after it, equal a fresh index', async () => {
		writeFileSync(join(site, 'experiments/sweep/index.html'), page('sweep', 'the penguin sweep, now with 13 runs'));
		const id = ids(12)[2]!;
		writeFileSync(join(site, 'runs', id, 'index.html'), page(id, 'a gannet this time'));
		const both = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(both.reused).toBe(3);
		expect(files(site)).toEqual(await fresh());
		const again = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(again.reused).toBe(5);
		expect(files(site)).toEqual(await fresh());
		// Then a run of every other part changes, the main part not: nothing of their old files may come back with it.
		for (const other of ids(12).filter((r) => r !== id)) writeFileSync(join(site, 'runs', other, 'index.html'), page(other, `${other} with a puffin`));
		const runsOnly = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(runsOnly.reused).toBeGreaterThanOrEqual(1);
		expect(files(site)).toEqual(await fresh());
	});

	it('indexes again a part whose cached copy is gone', async () => {
		for (const entry of readdirSync(cacheDir)) rmSync(join(cacheDir, entry), { recursive: true });
		const rebuilt = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(rebuilt.reused).toBe(0);
		expect(files(site)).toEqual(await fresh());
	});

	it('indexes a part whose cached copy cannot be read, the main one included', async () => {
		await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		// Every entry there but unreadable as a folder: as when another build prunes it mid-copy.
		for (const entry of readdirSync(cacheDir)) {
			rmSync(join(cacheDir, entry), { recursive: true });
			writeFileSync(join(cacheDir, entry), 'not a part');
		}
		const rebuilt = await buildSearchIndex(site, { runsPerPart: 3, cacheDir });
		expect(rebuilt.parts).toBeGreaterThan(2);
		expect(rebuilt.reused).toBe(0);
		expect(files(site)).toEqual(await fresh());
	});
});
