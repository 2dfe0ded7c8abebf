import { MlflowPaginationError } from './http-errors.ts';

/** One page of a listing: its items and the token of the next page (null or '' at the end). */
export interface Page<T> {
	items: T[];
	next: string | null;
}

/** Consecutive empty pages that still carry a token, tolerated before calling it a loop. */
const MAX_EMPTY_PAGES = 3;

/**
 * Follows `next_page_token` until the server sends none (absent or empty), yielding each item
 * once. MLflow's offset tokens repeat items when records are added during the crawl, so items
 * with an id already seen are skipped.
 * @param request `METHOD url` of the listing, for messages.
 * @param fetchPage Fetches one page; the first call gets null.
 * @param idOf The record id used to drop repeats; omit to keep every item (metric points).
 * @throws MlflowPaginationError when a token comes back a second time, or when pages keep coming
 *   back empty with a token: the server would be read forever.
 */
export async function* paginate<T>(
	request: string,
	fetchPage: (token: string | null) => Promise<Page<T>>,
	idOf?: (item: T) => string,
): AsyncGenerator<T> {
	const [method = '', url = ''] = request.split(' ', 2);
	const tokens = new Set<string>();
	const seen = new Set<string>();
	let token: string | null = null;
	let emptyInARow = 0;
	for (let page = 1; ; page++) {
		const { items, next } = await fetchPage(token);
		for (const item of items) {
			if (idOf !== undefined) {
				const id = idOf(item);
				if (seen.has(id)) continue;
				seen.add(id);
			}
			yield item;
		}
		if (next === null || next === '') return;
		if (tokens.has(next)) {
			throw new MlflowPaginationError(method, url, page, 'returned a page token it had already returned');
		}
		emptyInARow = items.length === 0 ? emptyInARow + 1 : 0;
		if (emptyInARow >= MAX_EMPTY_PAGES) {
			throw new MlflowPaginationError(method, url, page, `returned ${emptyInARow} empty pages in a row, each with a new page token`);
		}
		tokens.add(next);
		token = next;
	}
}
