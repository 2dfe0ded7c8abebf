import { Worker } from 'node:worker_threads';
import { SECRET_ENV, type SecretHit } from './secret-scan.ts';

/** What the scan worker starts with: the folder, the credentials to look for, and its memo. */
export interface ScanWorkerData {
	dir: string;
	env: Record<string, string>;
	memoFile: string;
	fresh: boolean;
}

/** Files to scan, or the word to finish. */
export type ScanRequest = { files: readonly string[] } | { finish: true };

/** The hits of a finished scan, or why it failed. */
export type ScanReply = { hits: SecretHit[] } | { error: string };

/** A secret scan on its own thread (startScanThread). */
export interface ScanThread {
	/** Scans these files, after every file given before. */
	files(paths: readonly string[]): void;
	/** Scans this file, after every file given before (paths are sent in batches). */
	file(path: string): void;
	/** Saves the memo and gives the hits, as secretScan's `finish` does; rejects when the scan failed. */
	finish(): Promise<SecretHit[]>;
}

/** Paths sent to the worker at a time by `file`. */
const BATCH = 256;

/**
 * The secret scan of a built site in `dir` (secretScan, with the memo in `memoFile`) on a worker
 * thread: after a build it reads and hashes every file of the site (30,000 at 10,000 runs, 2 s),
 * which on the main thread held back the search index and the data files written beside it.
 * Only the credentials of SECRET_ENV found in `env` go to the worker. The worker's file is a
 * sibling of this module (TypeScript in the repository and tests, JavaScript in the package):
 * the integration that uses it runs unbundled, where `import.meta.url` is its own file.
 */
export function startScanThread(dir: string, env: Record<string, string | undefined>, memoFile: string, fresh: boolean): ScanThread {
	const credentials = Object.fromEntries(SECRET_ENV.flatMap((name) => (env[name] ? [[name, env[name]!]] : [])));
	const file = new URL(import.meta.url.endsWith('.ts') ? './scan-worker.ts' : './scan-worker.js', import.meta.url);
	const worker = new Worker(file, { workerData: { dir, env: credentials, memoFile, fresh } satisfies ScanWorkerData });
	let failure: Error | null = null;
	let settle: ((reply: ScanReply) => void) | null = null;
	const stopped = (error: Error) => {
		failure ??= error;
		settle?.({ error: failure.message });
	};
	worker.on('error', stopped);
	worker.on('exit', (code) => stopped(new Error(`The secret scan stopped with exit code ${code}.`)));
	worker.on('message', (reply: ScanReply) => {
		if ('error' in reply) failure ??= new Error(reply.error);
		settle?.(reply);
	});
	let batch: string[] = [];
	const flush = () => {
		if (batch.length > 0) worker.postMessage({ files: batch } satisfies ScanRequest);
		batch = [];
	};
	return {
		files(paths) {
			flush();
			worker.postMessage({ files: paths } satisfies ScanRequest);
		},
		file(path) {
			batch.push(path);
			if (batch.length >= BATCH) flush();
		},
		async finish() {
			flush();
			try {
				const reply = await new Promise<ScanReply>((resolve) => {
					settle = resolve;
					if (failure) resolve({ error: failure.message });
					else worker.postMessage({ finish: true } satisfies ScanRequest);
				});
				if ('error' in reply) throw new Error(`The secret scan of ${dir} failed: ${reply.error}`);
				return reply.hits;
			} finally {
				await worker.terminate();
			}
		},
	};
}
