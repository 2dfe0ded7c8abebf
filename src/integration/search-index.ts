import { readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { runShellSummaries } from './run-shell-summaries.ts';
import { searchSummary } from './search-summary.ts';

/**
 * What the search index leaves out even inside a `data-pagefind-body` region: tables (params,
 * tags, metrics, runs), charts and code. Search finds pages by names, descriptions and prose;
 * the numbers are on the pages themselves. Keeps the index near 1 KB per page (performance G9).
 */
export const SEARCH_EXCLUDE = ['table', 'figure', 'svg', 'pre', 'dl', '.chip', '.badge', '.breadcrumbs'];

/** Counts of a finished index. */
export interface SearchIndexResult {
	/** HTML files read. */
	files: number;
	/** Pages in the index: those with a `data-pagefind-body` region. */
	pages: number;
	/** Bytes of the index proper (word index, fragments, metadata), without Pagefind's scripts. */
	indexBytes: number;
	/** Where the index was written: `<dir>/pagefind/`. */
	outputPath: string;
}

/** Pages handed to Pagefind at a time: bounds the summaries held in memory while it indexes. */
const IN_FLIGHT = 256;

/**
 * Builds the Pagefind index of a built site in `dir` into `dir/pagefind/`, from the regions
 * marked `data-pagefind-body` (run, experiment, model, version and report summaries).
 *
 * Each page's region is cut out here (searchSummary) and handed to Pagefind's Node API, instead
 * of letting Pagefind crawl and parse every whole page: the index is the same (every fragment
 * byte for byte, so the same pages, titles and URLs), and indexing 1,000 run pages took about
 * half the time. Pages are added in the order of their paths, so the index does not depend on
 * the order the file system lists them in.
 * @throws Error listing Pagefind's messages when it cannot index or write.
 */
export async function buildSearchIndex(dir: string): Promise<SearchIndexResult> {
	const outputPath = join(dir, 'pagefind');
	try {
		const { index, errors } = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE, forceLanguage: 'en' });
		if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
		const pages = (await readdir(dir, { recursive: true }))
			.filter((f) => f.endsWith('.html') && !f.startsWith(`pagefind${sep}`))
			.sort();
		const problems: string[] = [];
		for (let i = 0; i < pages.length; i += IN_FLIGHT) {
			const batch = pages.slice(i, i + IN_FLIGHT).flatMap((file) => {
				const content = searchSummary(readFileSync(join(dir, file), 'utf8'));
				// Pagefind derives the URL from the path, as when it crawls: `runs/<id>/index.html` → `/runs/<id>/`.
				return content === null ? [] : [index.addHTMLFile({ sourcePath: file.split(sep).join('/'), content })];
			});
			for (const added of await Promise.all(batch)) problems.push(...added.errors);
		}
		// Runs drawn by the shell have no page of their own: each gets the record its static page
		// would give, at the same URL (`runs/<id>/`).
		let shellRuns = 0;
		const batch: Array<ReturnType<typeof index.addHTMLFile>> = [];
		for (const [sourcePath, content] of runShellSummaries(dir)) {
			batch.push(index.addHTMLFile({ sourcePath, content }));
			shellRuns++;
			if (batch.length === IN_FLIGHT) for (const added of await Promise.all(batch.splice(0))) problems.push(...added.errors);
		}
		for (const added of await Promise.all(batch)) problems.push(...added.errors);
		if (problems.length > 0) throw new Error(`Pagefind could not index ${dir}: ${problems.join('; ')}`);
		// Pagefind adds files next to an older index; a fresh folder holds exactly this index.
		await rm(outputPath, { recursive: true, force: true });
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
		return { files: pages.length + shellRuns, outputPath, ...(await measureSearchIndex(outputPath)) };
	} finally {
		await pagefind.close();
	}
}

/** Pages and bytes of a written Pagefind index (see SearchIndexResult). */
export async function measureSearchIndex(outputPath: string): Promise<{ pages: number; indexBytes: number }> {
	const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
		languages: Record<string, { page_count: number }>;
	};
	const pages = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
	let indexBytes = 0;
	for (const name of await readdir(outputPath, { recursive: true })) {
		if (/\.pf_(index|fragment|meta)$/.test(name)) indexBytes += (await stat(join(outputPath, name))).size;
	}
	return { pages, indexBytes };
}
