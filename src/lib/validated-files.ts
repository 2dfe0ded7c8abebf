import { createHash } from 'node:crypto';
import { readKeyFile, writeKeyFile } from './key-file.ts';

/**
 * What a build remembers of the snapshot files it validated: the hashes of files whose JSON a
 * schema accepted *as it is* (the schema's output deep-equal to the parsed text, so nothing was
 * stripped or changed). A later build that reads a file with a remembered hash uses the parsed
 * text without running the schema. A warm 10,000-run build validated every run file with zod
 * (about 0.7 s of its main thread) to publish the same pages again.
 *
 * A key is the SHA-256 of `scope` (the schema's JSON Schema and a version: a changed schema
 * remembers nothing) and the file's digest (the SHA-256 of its bytes, which the caller has). The file keeps the keys of this build's hits and
 * new validations only, so it does not grow with runs long gone. Sync I/O: it is read once per
 * build and written when the process exits (an exit handler may not wait).
 */
export interface ValidatedFiles {
	/** The key of a file, by its digest (the hex SHA-256 of its bytes). */
	key(digest: string): string;
	/** Whether a file with this key was accepted as it is before. */
	known(key: string): boolean;
	/** Records that a file with this key was accepted as it is. */
	keep(key: string): void;
	/** Writes the keys kept by this build (and only those); nothing when none were. */
	save(): void;
}

/**
 * The memo stored in `file` (one key a line) for files of `scope`; empty when the file is missing
 * or unreadable, or when `fresh` (`mlpages build --full`: everything is validated again).
 */
export function openValidatedFiles(file: string, scope: string, fresh = false): ValidatedFiles {
	// No memo yet (or --full): every file is validated.
	const known = fresh ? new Set<string>() : readKeyFile(file);
	const kept = new Set<string>();
	const prefix = createHash('sha256').update(scope).digest();
	return {
		key: (digest) => createHash('sha256').update(prefix).update(digest).digest('hex'),
		known: (key) => known.has(key),
		keep: (key) => void kept.add(key),
		save: () => {
			if (kept.size === 0) return;
			try {
				writeKeyFile(file, kept);
			} catch {
				// A cache: the next build validates again.
			}
		},
	};
}

/**
 * Whether two JSON values are the same (objects compared by keys, in any order; arrays in
 * order). For a schema's output against the parsed text it was given.
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const keysA = Object.keys(a);
	if (keysA.length !== Object.keys(b).length) return false;
	for (const key of keysA) {
		if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
	}
	return true;
}
