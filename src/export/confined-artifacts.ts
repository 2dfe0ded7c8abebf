import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RawArtifact } from './source-reader.ts';

/**
 * Local artifacts confined to the store. A run's artifact folder is only ever looked for at a
 * fixed place below a trusted base folder (the folder holding `mlflow.db`, or the `mlruns/`
 * folder and its parent), built from the experiment and run ids as single folder names, never
 * from `artifact_uri`: a recorded URI, or an id chosen by whoever wrote the store, cannot point
 * the export at any other folder of the machine. Every component below the base must be a real
 * folder (no symbolic link), and the folder's `realpath` must be the path itself; files are
 * opened without following links and checked again when read.
 */

/** Why a folder or file was refused, for a warning; the path is relative to the base. */
export interface Refusal {
	/** `/`-separated path below the base, e.g. `mlartifacts/1/<run>/artifacts/link`. */
	rel: string;
	reason: string;
}

/** A run's artifact folder once confined: its real path and its path relative to the base. */
export interface ConfinedDir {
	dir: string;
	rel: string;
}

const LINK = 'it is a symbolic link, and links are not followed so that nothing outside the store is read';

/** Whether a record id can be one folder name below the base: no separator, `.`/`..`, NUL or control character. */
export function isFolderName(id: string): boolean {
	// eslint-disable-next-line no-control-regex
	return id !== '' && id !== '.' && id !== '..' && id.length <= 255 && !/[/\\\u0000-\u001f\u007f]/.test(id);
}

/** The real path of a trusted base folder (the store the user named), or null when it does not exist. */
export function realBase(path: string): string | null {
	try {
		return realpathSync(path);
	} catch {
		return null;
	}
}

/**
 * `<base>/<segments…>` when every segment is a real folder (lstat, no symbolic link) and the
 * folder's realpath is that path; null when a component does not exist (most stores lack most
 * candidates); a Refusal when something exists there but may not be read.
 */
export function confinedDir(base: string, segments: readonly string[]): ConfinedDir | Refusal | null {
	const rel = segments.join('/');
	const bad = segments.find((s) => !isFolderName(s));
	if (bad !== undefined) return { rel, reason: `${JSON.stringify(bad)} cannot be a folder name` };
	let path = base;
	for (const [i, segment] of segments.entries()) {
		path = join(path, segment);
		let stat;
		try {
			stat = lstatSync(path, { throwIfNoEntry: false });
		} catch (error) {
			return { rel: segments.slice(0, i + 1).join('/'), reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
		}
		if (stat === undefined) return null;
		const here = segments.slice(0, i + 1).join('/');
		if (stat.isSymbolicLink()) return { rel: here, reason: LINK };
		if (!stat.isDirectory()) return i === segments.length - 1 ? { rel: here, reason: 'it is not a folder' } : null;
	}
	if (realBase(path) !== path) return { rel, reason: 'its real path lies outside the store' };
	return { dir: path, rel };
}

/** Whether a locate result is a folder that may be read. */
export const isConfined = (found: ConfinedDir | Refusal | null): found is ConfinedDir => found !== null && 'dir' in found;

/**
 * Every regular file under a confined folder, depth first in name order, as paths relative to
 * it with `/`. Symbolic links and special files are refused (reported, never followed or
 * opened). `read()` opens the file with O_NOFOLLOW and refuses it when its folder's real path or
 * the file itself changed since it was listed.
 */
export function listConfinedFiles(root: ConfinedDir, refuse: (refusal: Refusal) => void): RawArtifact[] {
	const files: RawArtifact[] = [];
	const walk = (dir: string, prefix: string) => {
		let entries: Dirent[];
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch (error) {
			refuse({ rel: `${root.rel}/${prefix}`.replace(/\/$/, ''), reason: `it cannot be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
			return;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const entry of entries) {
			const path = join(dir, entry.name);
			const relPath = prefix + entry.name;
			if (entry.isSymbolicLink()) refuse({ rel: `${root.rel}/${relPath}`, reason: LINK });
			else if (entry.isDirectory()) walk(path, `${relPath}/`);
			else if (entry.isFile()) {
				const listed = lstatSync(path);
				files.push({ path: relPath, size: listed.size, read: async () => readConfined(path, listed) });
			} else refuse({ rel: `${root.rel}/${relPath}`, reason: 'it is not a regular file' });
		}
	};
	walk(root.dir, '');
	return files;
}

/** The bytes of a listed file, provided it is still that regular file in the same real folder. */
function readConfined(path: string, listed: { dev: number; ino: number; size: number }): Buffer {
	if (realBase(dirname(path)) !== dirname(path)) throw new Error('its folder changed into a link after it was listed');
	const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile() || stat.dev !== listed.dev || stat.ino !== listed.ino || stat.size !== listed.size) throw new Error('it changed after it was listed');
		const bytes = Buffer.alloc(stat.size);
		let at = 0;
		while (at < bytes.length) {
			const n = readSync(fd, bytes, at, bytes.length - at, at);
			if (n === 0) break;
			at += n;
		}
		return at === bytes.length ? bytes : bytes.subarray(0, at);
	} finally {
		closeSync(fd);
	}
}
