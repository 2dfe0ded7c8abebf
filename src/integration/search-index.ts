import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';
import { installedVersion } from '../lib/installed-version.ts';
import { runShellSummaries } from './run-shell-summaries.ts';
import { SearchPartCache } from './search-part-cache.ts';
import { searchParts, type SearchPart } from './search-parts.ts';
import { searchSummary } from './search-summary.ts';

/**
 * What the search index leaves out even inside a `data-pagefind-body` region: tables (params,
 * tags, metrics, runs), charts and code. Search finds pages by names, descriptions and prose;
 * the numbers are on the pages themselves. Keeps the index near 1 KB per page (performance G9).
 */
export const SEARCH_EXCLUDE = ['table', 'figure', 'svg', 'pre', 'dl', '.chip', '.badge', '.breadcrumbs'];

/** Counts of a finished index. */
export interface SearchIndexResult {
	/** HTML files read, and runs of a shell site. */
	files: number;
	/** Pages in the index: those with a `data-pagefind-body` region. */
	pages: number;
	/** Bytes of the index proper (word index, fragments, metadata), without Pagefind's scripts. */
	indexBytes: number;
	/** Where the index was written: `<dir>/pagefind/`. */
	outputPath: string;
	/** Parts of the index (search-parts.ts), and how many of them were copied from the cache. */
	parts: number;
	reused: number;
}

/** Options of buildSearchIndex. */
export interface SearchIndexOptions {
	/** The cache of written parts; null for none. Default: `<mlpages cache>/search-parts`. */
	cacheDir?: string | null;
	/** Run pages per part before runs are split (search-parts.ts); tests make it small. */
	runsPerPart?: number;
	/**
	 * What a page is, by its path (`runs/<id>/index.html`), when the caller knows it without
	 * reading the page: the page cache's key of a run page, which changes whenever anything the
	 * page shows does. A part whose pages all kept their identity is copied from the cache without
	 * reading them; a page is read only when its part is indexed.
	 */
	pageIdentities?: ReadonlyMap<string, string>;
}

/** A page of the index: its path, its summary (null until read) and, when known, its identity (SearchIndexOptions.pageIdentities). */
type PageRecord = [sourcePath: string, summary: string | null, identity: string | null];

/**
 * The parts of the index besides the main one, as a JSON array of folders relative to
 * `pagefind/` (`["runs/0/", …]`, empty for one part). site-search.ts merges them in the browser.
 */
export const SEARCH_PARTS_FILE = 'mlpages-parts.json';

/** Pages handed to Pagefind at a time: bounds the messages in flight to its process. */
const IN_FLIGHT = 256;

/** Parts indexed at once: two keep both cores busy without holding every part's pages in flight. */
const PARTS_AT_ONCE = 2;

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure once all have settled. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await work(items[next++]!);
	};
	const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
	const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
	if (failed) throw failed.reason;
}

/** The files a part other than the main one needs in the browser; Pagefind's scripts and styles are the main index's. */
const PART_FILE = /^(pagefind-entry\.json|pagefind\..*\.pf_meta|wasm\..*\.pagefind)$/;

/**
 * Builds the Pagefind index of a built site in `dir` into `dir/pagefind/`, from the regions
 * marked `data-pagefind-body` (run, experiment, model, version and report summaries).
 *
 * Each page's region is cut out here (searchSummary) and handed to Pagefind's Node API, instead
 * of letting Pagefind crawl and parse every whole page: the index is the same (every fragment
 * byte for byte, so the same pages, titles and URLs), and indexing 1,000 run pages took about
 * half the time. Pages are added in the order of their paths, so the index does not depend on
 * the order the file system lists them in.
 *
 * A site of many runs gets an index in parts (search-parts.ts) that the search page merges, and
 * each part is kept in a cache by the hash of what made it: a build whose pages did not change
 * copies every part, a build after one new run indexes the main part and the new run's part.
 * @throws Error listing Pagefind's messages when it cannot index or write.
 */
export async function buildSearchIndex(dir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
	const outputPath = join(dir, 'pagefind');
	const { records, files } = searchRecords(dir, options.pageIdentities ?? new Map());
	const parts = searchParts(records, options.runsPerPart);
	const cacheDir = options.cacheDir === undefined ? resolve(mlpagesCacheDir('search-parts')) : options.cacheDir;
	const cache = cacheDir === null ? null : new SearchPartCache(cacheDir);
	// Pagefind adds files next to an older index; a fresh folder holds exactly this index.
	rmSync(outputPath, { recursive: true, force: true });
	// The main part is copied first when unchanged (its folder holds the others, and it is stored
	// without `runs/`). Then Pagefind indexes the changed parts, PARTS_AT_ONCE at a time in its own
	// process, while this one copies the unchanged run parts: a rebuild after one new run waits on
	// the main part and the run's part, not on copying the other 15 before them. A part whose copy
	// fails (another build pruned it meanwhile) is indexed after the others.
	const todo = parts.map((part) => ({ part, key: partKey(part), target: join(outputPath, part.dir) }));
	let reused = 0;
	const restored = (item: (typeof todo)[number]) => {
		const ok = cache?.restore(item.key, item.target) ?? false;
		if (ok) reused++;
		return ok;
	};
	const [main, ...runParts] = todo;
	const changed = restored(main!) ? [] : [main!];
	const copies: typeof todo = [];
	for (const item of runParts) (cache?.has(item.key) ? copies : changed).push(item);
	const index = async ({ part, key, target }: (typeof todo)[number]) => {
		await indexPart(part, target, dir);
		if (part.dir) dropScripts(target);
		cache?.store(key, target, part.dir ? [] : ['runs']);
	};
	const late: typeof todo = [];
	try {
		const indexing = inPool(changed, PARTS_AT_ONCE, index);
		const copying = (async () => {
			for (const item of copies) {
				// One part at a time, letting Pagefind's answers in between.
				await new Promise((done) => setImmediate(done));
				if (!restored(item)) late.push(item);
			}
		})();
		await Promise.all([indexing, copying]);
		await inPool(late, PARTS_AT_ONCE, index);
	} finally {
		if (changed.length + late.length > 0) await pagefind.close();
	}
	writeFileSync(join(outputPath, SEARCH_PARTS_FILE), JSON.stringify(parts.slice(1).map((p) => p.dir)));
	cache?.prune(parts.length * 2 + 8);
	return { files, outputPath, parts: parts.length, reused, ...(await measureSearchIndex(outputPath)) };
}

/** Indexes one part's records into `target`, reading the pages known only by their identity. */
async function indexPart(part: SearchPart<PageRecord>, target: string, dir: string): Promise<void> {
	const { index, errors } = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE, forceLanguage: 'en' });
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	const problems: string[] = [];
	for (let i = 0; i < part.records.length; i += IN_FLIGHT) {
		const batch = part.records.slice(i, i + IN_FLIGHT).flatMap(([sourcePath, summary]) => {
			const content = summary ?? searchSummary(readFileSync(join(dir, sourcePath), 'utf8'));
			return content === null ? [] : [index.addHTMLFile({ sourcePath, content })];
		});
		for (const { errors: e } of await Promise.all(batch)) problems.push(...e);
	}
	if (problems.length > 0) throw new Error(`Pagefind could not index ${dir}: ${problems.join('; ')}`);
	const written = await index.writeFiles({ outputPath: target });
	if (written.errors.length > 0) throw new Error(`Pagefind could not write ${target}: ${written.errors.join('; ')}`);
}

/** Removes from a part other than the main one what only the main one needs: Pagefind's scripts and styles (see PART_FILE). */
function dropScripts(target: string): void {
	for (const entry of readdirSync(target, { withFileTypes: true })) {
		if (entry.isFile() && !PART_FILE.test(entry.name)) rmSync(join(target, entry.name));
	}
}

/** What makes a part's files: Pagefind's version and options, the part's folder and its pages in order, each by its identity or its summary. */
function partKey(part: SearchPart<PageRecord>): string {
	const hash = createHash('sha256').update('mlpages search part 1\0');
	hash.update(`${PAGEFIND_VERSION}\0${JSON.stringify(SEARCH_EXCLUDE)}\0en\0${part.dir}\0`);
	for (const [path, summary, identity] of part.records) {
		if (identity !== null) hash.update(`${path}\0id\0${identity}\0`);
		else hash.update(`${path}\0${summary!.length}\0`).update(summary!);
	}
	return hash.digest('hex').slice(0, 32);
}

/** Pagefind as installed: its version is part of every part's key. */
const PAGEFIND_VERSION = installedVersion('pagefind', fileURLToPath(new URL('.', import.meta.url))) ?? '?';

/**
 * The search record of every page of the site in `dir`, sorted by path: Pagefind derives a
 * page's URL from its path, as when it crawls (`runs/<id>/index.html` → `/runs/<id>/`). A page
 * with a known identity is not read here; the others are, and those without a summary region
 * are left out. Runs drawn by the shell have no page of their own: each gets the record its
 * static page would give, at the same URL.
 *
 * Synchronous, so that Pagefind has the changed parts to index before the build's other work
 * (the secret scan, in slices) takes the main thread: a listing with a callback per folder got
 * one folder per slice of that work, and Pagefind waited for the scan to end.
 */
function searchRecords(dir: string, identities: ReadonlyMap<string, string>): { records: PageRecord[]; files: number } {
	const pages = readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.html') && !f.startsWith(`pagefind${sep}`))
		.map((f) => f.split(sep).join('/'));
	const records: PageRecord[] = [];
	for (const path of pages) {
		const identity = identities.get(path);
		if (identity !== undefined) {
			records.push([path, null, identity]);
			continue;
		}
		const summary = searchSummary(readFileSync(join(dir, path), 'utf8'));
		if (summary !== null) records.push([path, summary, null]);
	}
	let files = pages.length;
	for (const [path, summary] of runShellSummaries(dir)) {
		records.push([path, summary, null]);
		files++;
	}
	records.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return { records, files };
}

/** How the index was made, for the build's log: ", 17 parts, 16 copied from the cache"; '' for one part made now. */
export function searchPartsNote({ parts, reused }: Pick<SearchIndexResult, 'parts' | 'reused'>): string {
	if (parts === 1) return reused === 1 ? ', copied from the cache' : '';
	return `, ${parts} parts, ${reused} copied from the cache`;
}

/** Pages and bytes of a written Pagefind index (see SearchIndexResult), its parts included. */
export async function measureSearchIndex(outputPath: string): Promise<{ pages: number; indexBytes: number }> {
	const partsFile = join(outputPath, SEARCH_PARTS_FILE);
	const parts = existsSync(partsFile) ? (JSON.parse(await readFile(partsFile, 'utf8')) as string[]) : [];
	let pages = 0;
	for (const part of ['', ...parts]) {
		const entry = JSON.parse(await readFile(join(outputPath, part, 'pagefind-entry.json'), 'utf8')) as {
			languages: Record<string, { page_count: number }>;
		};
		pages += Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
	}
	// Synchronous: one stat per fragment, tens of thousands of small files, where a promise per
	// file cost half a second at 10,000 runs.
	let indexBytes = 0;
	for (const name of readdirSync(outputPath, { recursive: true }) as string[]) {
		if (/\.pf_(index|fragment|meta)$/.test(name)) indexBytes += statSync(join(outputPath, name)).size;
	}
	return { pages, indexBytes };
}
