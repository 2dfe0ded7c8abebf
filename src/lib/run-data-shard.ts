/**
 * Where a run's data lives in a site whose run pages are a shell (`runPages: 'shell'`): the
 * shard `runs/_data/<key>.json`, whose key is 3 hex digits of a hash of the run id, so at most
 * 4,096 files hold every run (about 25 runs each at 100,000). Used by the build, which writes
 * the shards, and by the browser, which reads one: plain code, no Node or Web Crypto (SHA-256
 * in the browser is async and missing on plain-http origins), and an even spread whatever the
 * ids look like (MLflow's are hex, a hand-made store's may share a prefix).
 */

/** Hex digits of a shard key: 16^3 = 4,096 shards at most. */
export const RUN_SHARD_DIGITS = 3;
/** The shell page, relative to the base. */
export const RUN_SHELL_PATH = 'runs/_/';
/** The folder of the data shards, relative to the base. */
export const RUN_DATA_DIR = 'runs/_data/';
/** Version of the shard format (RunShardSchema); a reader refuses another. */
export const RUN_SHARD_VERSION = 1;

/** 32-bit FNV-1a of the UTF-16 code units of `text`. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** The shard key of a run: its hash's top RUN_SHARD_DIGITS hex digits. @example runShardKey('0a1b…') === '3f2' */
export function runShardKey(runId: string): string {
	return fnv1a(runId).toString(16).padStart(8, '0').slice(0, RUN_SHARD_DIGITS);
}

/** The path of a run's shard, relative to the base: `runs/_data/<key>.json`. */
export function runShardPath(runId: string): string {
	return `${RUN_DATA_DIR}${runShardKey(runId)}.json`;
}

/**
 * The run id a URL path names when it is a run page (`<base>runs/<id>/`, the id percent-encoded
 * as the site's links write it), or null. The shell's own paths (`runs/_/`, `runs/_data/`) name
 * no run.
 */
export function runIdFromPath(pathname: string, base: string): string | null {
	const root = base.endsWith('/') ? base : `${base}/`;
	if (!pathname.startsWith(`${root}runs/`)) return null;
	const m = /^([^/]+)\/?$/.exec(pathname.slice(root.length + 'runs/'.length));
	if (!m) return null;
	let id: string;
	try {
		id = decodeURIComponent(m[1]!);
	} catch {
		return null;
	}
	return id === '_' || id === '_data' ? null : id;
}
