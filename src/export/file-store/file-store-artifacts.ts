import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skippedBadRecord } from '../../messages.ts';
import type { RawArtifact } from '../source-reader.ts';
import { display, listEntries, notAFile, READ_FLAGS, type StoreContext } from './file-store-walk.ts';

/**
 * The folder holding a run's artifacts, or null when they are out of reach. The recorded
 * `artifact_uri` is usually stale (`file:///C:/…`, `%20`-encoded, `./mlruns/8/…`, another
 * machine's absolute path), so it is never followed: artifacts are read only where MLflow puts
 * them next to the store, which also keeps a committed store from pointing the export at any
 * other file of the machine.
 * - `<run folder>/artifacts` when it exists (local `file:` artifacts);
 * - else, for `mlflow-artifacts:` URIs (written through `mlflow server`), the server's default
 *   destination beside the store: `<root>/../mlartifacts/<exp>/<run>/artifacts`.
 */
export function runArtifactDir(
	ctx: StoreContext,
	runDir: string,
	experimentId: string,
	runId: string,
	artifactUri: string | null,
): string | null {
	const local = join(runDir, 'artifacts');
	if (isRealDirectory(local)) return local;
	if (artifactUri?.startsWith('mlflow-artifacts:')) {
		const served = join(ctx.root, '..', 'mlartifacts', experimentId, runId, 'artifacts');
		if (isRealDirectory(served)) return served;
	}
	return null;
}

/**
 * Every regular file under `dir`, with its `/`-separated path relative to `dir` and its size,
 * sorted by path. Symbolic links are skipped with a warning (`rel` names `dir` in messages).
 */
export function listArtifacts(ctx: StoreContext, dir: string, rel: string): RawArtifact[] {
	const files: RawArtifact[] = [];
	const walk = (abs: string, prefix: string) => {
		for (const entry of listEntries(abs)) {
			const path = `${abs}/${entry.name}`;
			if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
			else if (entry.isFile()) {
				const size = lstatSync(path).size;
				files.push({ path: prefix + entry.name, size, read: async () => readFileSync(path, { flag: READ_FLAGS }) });
			} else {
				ctx.warn(skippedBadRecord('artifact', display(ctx, `${rel}/${prefix}${entry.name}`), notAFile(entry)));
			}
		}
	};
	walk(dir, '');
	return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isRealDirectory(path: string): boolean {
	try {
		return lstatSync(path).isDirectory();
	} catch {
		return false;
	}
}
