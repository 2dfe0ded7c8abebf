import { createHash } from 'node:crypto';

/** One page as Pagefind indexes it: the path it links (`runs/<id>/index.html`) first, then what the caller keeps of it (its summary). */
export type SearchRecord = readonly [sourcePath: string, ...rest: unknown[]];

/** A part of the search index: written to `pagefind/<dir>` ('' for the main index). */
export interface SearchPart<R extends SearchRecord = SearchRecord> {
	dir: string;
	records: R[];
}

/** Run pages a part holds at most before the runs are spread over more parts (a power of two). */
export const RUNS_PER_PART = 1000;
/**
 * Parts of run pages at most. The first search loads every part's entry and metadata (a few KB
 * each; in a browser without web workers, its WebAssembly too), so the count stays small
 * however many runs.
 */
export const MAX_RUN_PARTS = 16;

/** The run id of a run page's path, or null for any other page. */
function runOf(sourcePath: string): string | null {
	const m = /^runs\/([^/]+)\/index\.html$/.exec(sourcePath);
	return m && m[1] !== '_' ? m[1]! : null;
}

/**
 * Splits a site's search records into the parts of its index. A site of at most `runsPerPart`
 * run pages has one part, the main index. A larger one keeps every page that is not a run page
 * in the main index and spreads the run pages over 2, 4, … up to MAX_RUN_PARTS parts
 * (`runs/0/`, `runs/1/`, …) by a hash of the run id, so a run stays in its part however many
 * runs are added, and a build after one new run indexes again only the part it falls in
 * (search-index.ts keeps each part's index in a cache by the hash of its records).
 *
 * Records keep their order within a part; the parts are listed main first, then by number.
 */
export function searchParts<R extends SearchRecord>(records: readonly R[], runsPerPart = RUNS_PER_PART): SearchPart<R>[] {
	const runs = records.filter(([path]) => runOf(path) !== null).length;
	if (runs <= runsPerPart) return [{ dir: '', records: [...records] }];
	let count = 2;
	while (count < MAX_RUN_PARTS && runs / count > runsPerPart) count *= 2;
	const parts: SearchPart<R>[] = [{ dir: '', records: [] }];
	for (let i = 0; i < count; i++) parts.push({ dir: `runs/${i}/`, records: [] });
	for (const record of records) {
		const run = runOf(record[0]);
		parts[run === null ? 0 : 1 + (createHash('sha1').update(run).digest().readUInt32BE(0) % count)]!.records.push(record);
	}
	return parts;
}
