import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARD_MARKER, type Shard } from '../lib/shard.ts';
import { ROUTE_FILES, SHARDED_ROUTE_FILES, routePattern } from './routes.ts';

/** URL patterns of the routes every shard shares (home, lists, compare, search, 404, icon...). */
const SHARED_PATTERNS = new Set(ROUTE_FILES.filter((file) => !SHARDED_ROUTE_FILES.has(file)).map(routePattern));

/**
 * Finishes a sharded build's output in `outDir`: shards after the first remove what the shared
 * routes without `getStaticPaths` wrote (their dynamic siblings already rendered nothing there,
 * see shardPaths), so each shared page comes from shard 1 alone; every shard then marks its
 * folder with SHARD_MARKER for `mlpages merge`, with the SHA-256 of the snapshot's manifest.json
 * (counts, newest data, warnings): shards that exported a store at different moments, one with a
 * run the other lacks, would make a site whose pages disagree, and merge refuses them. `assets` is what `astro:build:done` gives: each
 * route's pattern and the files it wrote. Static files from `public/` and the bundles in `_astro/`
 * stay in every shard: each shard's pages need them, and they are the same bytes everywhere.
 * @returns how many files were removed
 */
export function finishShard(outDir: string, contentDir: string, shard: Shard, assets: ReadonlyMap<string, readonly URL[]>): number {
	let removed = 0;
	if (shard.index > 1) {
		for (const [pattern, files] of assets) {
			if (!SHARED_PATTERNS.has(pattern)) continue;
			for (const file of files) {
				rmSync(fileURLToPath(file), { force: true });
				removed++;
			}
		}
	}
	let snapshot: string | null = null;
	try {
		snapshot = createHash('sha256').update(readFileSync(join(contentDir, 'manifest.json'))).digest('hex');
	} catch {
		// No snapshot yet: the site says how to connect a store.
	}
	writeFileSync(join(outDir, SHARD_MARKER), `${JSON.stringify({ index: shard.index, total: shard.total, snapshot })}\n`);
	return removed;
}
