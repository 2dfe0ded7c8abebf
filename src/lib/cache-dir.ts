import { join } from 'node:path';

/** Where mlpages keeps its caches when `MLPAGES_CACHE_DIR` is not set, relative to the project. */
export const DEFAULT_CACHE_ROOT = 'node_modules/.cache/mlpages';

/**
 * The folder of one of mlpages' caches (`charts`, `thumbs`; the export's cache
 * files sit at the top): under `MLPAGES_CACHE_DIR` when it is set, else under
 * `node_modules/.cache/mlpages`. CI sets the variable because `npm ci` empties `node_modules/`,
 * so a cache kept between jobs has to live outside it.
 * @param sub the cache's own folder, or '' for the top
 */
export function mlpagesCacheDir(sub: string, env: Record<string, string | undefined> = process.env): string {
	const root = env['MLPAGES_CACHE_DIR'] || DEFAULT_CACHE_ROOT;
	return sub ? join(root, sub) : root;
}
