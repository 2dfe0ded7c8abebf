import { parentPort } from 'node:worker_threads';
import { runStamp } from './file-store-run-stamp.ts';
import type { RunLocation } from './file-store-runs.ts';
import type { StampAnswer, StampReply, StampRequest } from './stamp-pool.ts';

/**
 * A worker of StampPool (stamp-pool.ts): stamps the runs of each request, one request at a time,
 * and answers with each run's stamp and the sub-folders runStamp listed.
 */
parentPort?.on('message', ({ chunk, exp, runs }: StampRequest) => {
	const answers = runs.map(({ id, dir, rel }): StampAnswer => {
		const loc: RunLocation = { id, dir, rel, folders: new Set(), listed: false };
		const stamp = runStamp(loc, exp);
		return { stamp, folders: loc.listed ? [...loc.folders] : null };
	});
	parentPort!.postMessage({ chunk, answers } satisfies StampReply);
});
