import { skippedBadRecord } from '../../messages.ts';
import { isMlflowRequestError } from './http-errors.ts';
import { API, decodeOrWarn, isRecordFailure, listAll, type RestContext } from './rest-context.ts';
import { int64, object, string } from './rest-json-values.ts';
import type { RawArtifact, RawRun } from '../source-reader.ts';

/** Bytes of artifacts one export may download in total, shared by every run. */
export interface ArtifactBudget {
	remaining: number;
	/** Set once a listing failed for a server-side reason: the artifact store is out of the server's reach. */
	unreachable?: boolean;
}

/** Read limit of a file whose listing gave no size. */
const UNKNOWN_SIZE_LIMIT = 64 * 1024 * 1024;

/** A path relative to the artifact root that cannot leave it: no `..`, no absolute or empty part. */
export function isSafeArtifactPath(path: string): boolean {
	if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\u0000')) return false;
	return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * Artifact files of a run on an MLflow server: `artifacts/list`, one directory level per call,
 * recursed; bytes come from the UI route `get-artifact`, which reads any artifact store the
 * server can. GitLab keeps run artifacts in its package registry, not read here (none). Paths
 * that would leave the artifact root, and files beyond the byte budget, are skipped with a
 * warning; a run whose listing fails with a 4xx is skipped with a warning, and a listing that
 * still fails after its retries ends artifact reading for the rest of the export, with a warning.
 */
export async function* restArtifacts(ctx: RestContext, budget: ArtifactBudget, run: RawRun): AsyncGenerator<RawArtifact> {
	if (ctx.dialect === 'gitlab' || budget.unreachable === true) return;
	const path = `${API}artifacts/list`;
	const directories: Array<string | null> = [null];
	while (directories.length > 0) {
		const dir = directories.shift() ?? null;
		const params = dir === null ? { run_id: run.id } : { run_id: run.id, path: dir };
		const where = ctx.client.describe('GET', path, params);
		const files: Array<{ path: string; isDir: boolean; size: number | null }> = [];
		try {
			for await (const item of listAll(ctx, 'GET', path, params, 'files')) {
				const file = decodeOrWarn(ctx, 'artifact', where, () => {
					const f = object(item, 'file');
					return { path: string(f['path'], 'path'), isDir: f['is_dir'] === true, size: int64(f['file_size'], 'file_size') };
				});
				if (file !== null) files.push(file);
			}
		} catch (error) {
			if (!isMlflowRequestError(error)) throw error;
			if (isRecordFailure(error)) {
				ctx.warn(skippedBadRecord(`artifacts of run ${run.id}`, where, error.message));
				continue;
			}
			// Retries are spent: the server cannot reach the artifact store (cloud credentials,
			// no --serve-artifacts). Asking again for every run would only repeat the wait.
			budget.unreachable = true;
			ctx.warn(skippedBadRecord(`artifacts of run ${run.id} and of the runs after it`, where, error.message));
			return;
		}
		for (const file of files) {
			const inside = dir === null || file.path.startsWith(`${dir}/`);
			if (!isSafeArtifactPath(file.path) || !inside) {
				ctx.warn(skippedBadRecord(`artifact of run ${run.id}`, JSON.stringify(file.path), 'the path leaves the run\'s artifact folder'));
				continue;
			}
			if (file.isDir) {
				directories.push(file.path);
				continue;
			}
			const size = file.size ?? 0;
			if (size > budget.remaining) {
				ctx.warn(skippedBadRecord(`artifact ${file.path} of run ${run.id}`, where, `it is ${size} bytes and the export may download ${budget.remaining} more bytes of artifacts`));
				continue;
			}
			budget.remaining -= size;
			const limit = file.size ?? UNKNOWN_SIZE_LIMIT;
			yield {
				path: file.path,
				size,
				read: () => ctx.client.bytes('get-artifact', { run_uuid: run.id, path: file.path }, limit),
			};
		}
	}
}
