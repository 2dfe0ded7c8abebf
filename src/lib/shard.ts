import { createHash } from 'node:crypto';

/**
 * The share of a site one `mlpages build --shard <index>/<total>` builds. The build command hands
 * it to `astro build` in this environment variable, so a plain `astro build` with the variable
 * set builds the same share.
 */
export const SHARD_ENV = 'MLPAGES_SHARD';

/**
 * The file a sharded build leaves at the top of its output (`{"index":2,"total":4,"snapshot":…}`,
 * the last the SHA-256 of the snapshot's manifest.json), so that `mlpages merge` can tell a shard
 * from any folder and check it got every shard once, all of one snapshot. It is not copied into
 * the merged site.
 */
export const SHARD_MARKER = '.mlpages-shard.json';

/** Shard `index` (1-based) of `total`. */
export interface Shard {
	index: number;
	total: number;
}

/** At most this many shards: GitLab's `parallel:` allows 200 jobs. */
export const MAX_SHARDS = 200;

/**
 * Reads `<index>/<total>` (`2/4`), as GitLab's `$CI_NODE_INDEX/$CI_NODE_TOTAL` gives it.
 * @returns the shard, or a sentence saying what is wrong with `text`
 */
export function parseShard(text: string): Shard | string {
	const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
	if (!m) return `"${text}" is not a shard: write <index>/<total>, e.g. 2/4 (in GitLab CI: $CI_NODE_INDEX/$CI_NODE_TOTAL).`;
	const index = Number(m[1]);
	const total = Number(m[2]);
	if (total < 1 || total > MAX_SHARDS) return `A site is built in 1 to ${MAX_SHARDS} shards, not ${total}.`;
	if (index < 1 || index > total) return `Shard ${index}/${total} does not exist: shards are numbered 1 to ${total}.`;
	return { index, total };
}

/**
 * The shard this build makes, from `MLPAGES_SHARD`; null when the variable is unset. Shard `1/1`
 * is the whole site, built as a shard: merged by `mlpages merge` like any other.
 * @throws Error with parseShard's sentence when the variable holds no shard
 */
export function currentShard(env: Readonly<Record<string, string | undefined>> = process.env): Shard | null {
	const text = env[SHARD_ENV];
	if (!text) return null;
	const shard = parseShard(text);
	if (typeof shard === 'string') throw new Error(`${SHARD_ENV}: ${shard}`);
	return shard;
}

/**
 * The shard (1 to `total`) a page belongs to: from the first four bytes of the SHA-256 of its key
 * (a run id, `<model slug>/<version>`), so every machine and every later build agrees, and adding
 * a run never moves another.
 */
export function shardOf(key: string, total: number): number {
	return (createHash('sha256').update(key).digest().readUInt32BE(0) % total) + 1;
}

/**
 * The part of a route's `getStaticPaths()` list this build renders: with `key`, the paths whose
 * key falls in this build's shard (run and model-version pages and their files); without, all of
 * them in shard 1 and none in the others (every page the whole site shares: experiments, models,
 * reports). Unsharded builds get the list as it is.
 */
export function shardPaths<T>(paths: T[], key?: (path: T) => string, env: Readonly<Record<string, string | undefined>> = process.env): T[] {
	const shard = currentShard(env);
	if (!shard || shard.total === 1) return paths;
	if (!key) return shard.index === 1 ? paths : [];
	return paths.filter((path) => shardOf(key(path), shard.total) === shard.index);
}
