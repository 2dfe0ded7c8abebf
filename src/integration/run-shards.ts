import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_DATA_DIR } from '../lib/run-data-shard.ts';
import type { RunShard, RunShellRecord } from '../schemas/run-shell.ts';

/**
 * The run records of the data shards in a built site `outDir` (`runs/_data/*.json`, written when
 * run pages are a shell), shard by shard in file-name order; none when the site has static run
 * pages. A file that is not a shard is skipped.
 */
export function* readRunShards(outDir: string): Generator<[id: string, record: RunShellRecord]> {
	const dir = join(outDir, RUN_DATA_DIR);
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir).filter((n) => /^[0-9a-f]+\.json$/.test(n)).sort()) {
		let shard: RunShard;
		try {
			shard = JSON.parse(readFileSync(join(dir, name), 'utf8')) as RunShard;
		} catch {
			continue;
		}
		if (!shard || typeof shard.runs !== 'object' || shard.runs === null) continue;
		yield* Object.entries(shard.runs);
	}
}

/** The ids of the runs the data shards of `outDir` hold. */
export function runShardIds(outDir: string): Set<string> {
	const ids = new Set<string>();
	for (const [id] of readRunShards(outDir)) ids.add(id);
	return ids;
}
