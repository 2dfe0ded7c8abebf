import { existsSync, statSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawArtifact } from '../source-reader.ts';

/** What locates a run's artifacts next to a store on disk. */
export interface ArtifactLocation {
	/** `runs.artifact_uri` (or `artifact_uri` of meta.yaml) as recorded. */
	artifactUri: string | null;
	/** Folder holding the store: the SQLite file's folder, or the mlruns/ folder's parent. */
	storeDir: string;
	experimentId: string;
	runId: string;
}

/**
 * Finds the folder of a run's artifacts on this machine, or null. Recorded URIs are often stale
 * (another machine, another checkout), so the store's own neighbourhood is tried too:
 * 1. `mlflow-artifacts:/x` → `<storeDir>/mlartifacts/x` (what `mlflow server` writes);
 * 2. a relative path (`./mlruns/1/<run>/artifacts`), resolved against `storeDir`;
 * 3. `<storeDir>/mlartifacts/<exp>/<run>/artifacts`, then `<storeDir>/mlruns/<exp>/<run>/artifacts`;
 * 4. a `file:` URI or absolute path that exists and names the run id as one of its folders
 *    (an arbitrary existing folder is never published).
 * Remote schemes (`s3://`, `gs://`, ...) give null.
 */
export function resolveArtifactDir(loc: ArtifactLocation): string | null {
	const uri = loc.artifactUri ?? '';
	const candidates: string[] = [];
	const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/+(.*)$/.exec(uri);
	if (proxied) candidates.push(join(loc.storeDir, 'mlartifacts', ...safeSegments(decodeURIComponent(proxied[1]!))));
	else if (uri && !/^[a-z][a-z0-9+.-]*:/i.test(uri) && !isAbsolute(uri)) {
		candidates.push(join(loc.storeDir, ...safeSegments(uri)));
	}
	for (const root of ['mlartifacts', 'mlruns']) {
		candidates.push(join(loc.storeDir, root, loc.experimentId, loc.runId, 'artifacts'));
	}
	const local = localPath(uri);
	if (local && local.split(/[\\/]/).includes(loc.runId)) candidates.push(local);
	for (const dir of candidates) {
		try {
			// No exception for a missing candidate: most stores lack most of them.
			if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return dir;
		} catch {
			// unreadable (permissions, a file on the way): try the next candidate
		}
	}
	return null;
}

/** Path segments of a relative path with `.`, `..` and empty segments removed. */
function safeSegments(path: string): string[] {
	return path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
}

function localPath(uri: string): string | null {
	if (uri.startsWith('file:')) {
		try {
			return fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice(5)}`);
		} catch {
			return null;
		}
	}
	return isAbsolute(uri) && existsSync(uri) ? resolve(uri) : null;
}

/**
 * Every regular file under `dir`, depth first in name order, as paths relative to `dir` with
 * `/`. Symbolic links are skipped, so nothing outside the artifact folder is listed.
 */
export async function* listArtifactFiles(dir: string): AsyncGenerator<RawArtifact> {
	const walk = async function* (rel: string): AsyncGenerator<RawArtifact> {
		const entries = await readdir(join(dir, rel), { withFileTypes: true });
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const entry of entries) {
			const childRel = rel ? `${rel}/${entry.name}` : entry.name;
			const full = join(dir, ...childRel.split('/'));
			if (entry.isDirectory()) yield* walk(childRel);
			else if (entry.isFile()) {
				const { size } = await lstat(full);
				yield { path: childRel, size, read: async () => new Uint8Array(await readFile(full)) };
			}
		}
	};
	yield* walk('');
}
