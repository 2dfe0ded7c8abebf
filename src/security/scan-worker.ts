import { parentPort, workerData } from 'node:worker_threads';
import { openScanMemo } from './scan-memo.ts';
import { secretScan } from './secret-scan.ts';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-thread.ts';

/**
 * The worker of scan-thread.ts: the secret scan of a built site (secret-scan.ts) with its memo,
 * fed file paths in the order they come, answering the hits when told to finish.
 */
const { dir, env, memoFile, fresh } = workerData as ScanWorkerData;
const scan = secretScan(dir, env, openScanMemo(memoFile, fresh));
parentPort!.on('message', (request: ScanRequest) => {
	try {
		if ('files' in request) {
			for (const file of request.files) scan.file(file);
			return;
		}
		parentPort!.postMessage({ hits: scan.finish() } satisfies ScanReply);
	} catch (error) {
		parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ScanReply);
	}
});
