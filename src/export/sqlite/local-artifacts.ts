import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refusedArtifacts } from '../../messages.ts';
import { confinedDir, isConfined, listConfinedFiles, type Refusal } from '../confined-artifacts.ts';
import type { RawArtifact } from '../source-reader.ts';

/** What locates a run's artifacts next to a SQLite store on disk. */
export interface ArtifactLocation {
	/** `runs.artifact_uri` as recorded: it only says which folder to try first, never where to read. */
	artifactUri: string | null;
	/** Real path of the folder holding the SQLite file. */
	storeDir: string;
	experimentId: string;
	runId: string;
}

/**
 * The local artifacts of a run of a SQLite store: the files of
 * `<storeDir>/mlartifacts/<exp>/<run>/artifacts` (what `mlflow server` writes for
 * `mlflow-artifacts:` URIs) or `<storeDir>/mlruns/<exp>/<run>/artifacts` (the default artifact
 * root of a client without a server), the first that exists, confined as confined-artifacts.ts
 * says. The recorded `artifact_uri` is never followed (it is usually another machine's path, and
 * may name any folder, `/etc/` included); when it names a local folder that exists while the
 * store holds none for the run, a warning says why nothing was published. Anything refused
 * (a symbolic link on the way, a link or special file inside) is a warning naming the run.
 */
export function listLocalArtifacts(loc: ArtifactLocation, warn: (message: string) => void): RawArtifact[] {
	let refused = false;
	const refuse = (r: Refusal) => {
		refused = true;
		warn(refusedArtifacts(loc.runId, r.rel, r.reason));
	};
	const roots = loc.artifactUri?.startsWith('mlflow-artifacts:') ? ['mlartifacts', 'mlruns'] : ['mlruns', 'mlartifacts'];
	for (const root of roots) {
		const found = confinedDir(loc.storeDir, [root, loc.experimentId, loc.runId, 'artifacts']);
		if (found === null) continue;
		if (!isConfined(found)) {
			refuse(found);
			continue;
		}
		return listConfinedFiles(found, refuse);
	}
	if (!refused && namesExistingFolder(loc.artifactUri)) {
		refuse({ rel: 'its artifact URI', reason: 'it names a folder outside the store; only <store>/mlartifacts/<experiment>/<run>/artifacts and <store>/mlruns/<experiment>/<run>/artifacts are read' });
	}
	return [];
}

/** Whether a `file:` URI or a local path (absolute, or relative to the working directory) names an existing folder. */
function namesExistingFolder(uri: string | null): boolean {
	if (!uri) return false;
	let path: string;
	if (uri.startsWith('file:')) {
		try {
			path = fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice(5)}`);
		} catch {
			return false;
		}
	} else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return false;
	else path = isAbsolute(uri) ? uri : resolve(uri);
	try {
		return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
	} catch {
		return false;
	}
}
