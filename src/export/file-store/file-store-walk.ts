import { closeSync, constants, openSync, readdirSync, readFileSync, readSync, type Dirent } from 'node:fs';
import { skippedBadRecord } from '../../messages.ts';
import { parseFileStoreMeta, type FileStoreMeta } from './file-store-yaml.ts';

/** What every part of the file-store reader needs: where the store is and how to report. */
export interface StoreContext {
	/** Absolute path of the store root (the `mlruns/` folder). */
	root: string;
	/** How the root is named in messages (relative to the working directory, never absolute). */
	displayUri: string;
	warn(message: string): void;
}

/** Names a file of the store for a message: `displayUri/relative/path`, `/`-separated. */
export function display(ctx: StoreContext, rel: string): string {
	const base = ctx.displayUri.replace(/\/+$/, '');
	return rel === '' ? base : `${base}/${rel}`;
}

/**
 * Entries of a folder sorted by name (so warnings come out in a stable order), or none when the
 * folder does not exist: git does not keep empty folders, so `params/` or `artifacts/` may be
 * missing from any run. Other failures (permissions) throw.
 */
export function listEntries(dir: string): Dirent[] {
	let entries: Dirent[];
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return [];
		throw error;
	}
	return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The files of a key folder (`params/`, `tags/`, `metrics/`, `aliases/`), walked recursively:
 * MLflow writes key `a/b` as the file `a/b`, so the key is the relative path joined with `/`.
 * Symbolic links are skipped with a warning and never followed, so a committed store cannot
 * make the export read files outside it.
 */
export function listKeyFiles(
	ctx: StoreContext,
	dir: string,
	rel: string,
): Array<{ key: string; path: string; rel: string }> {
	const out: Array<{ key: string; path: string; rel: string }> = [];
	const walk = (abs: string, relDir: string, prefix: string) => {
		for (const entry of listEntries(abs)) {
			const path = `${abs}/${entry.name}`;
			const entryRel = `${relDir}/${entry.name}`;
			if (entry.isDirectory()) walk(path, entryRel, `${prefix}${entry.name}/`);
			else if (entry.isFile()) out.push({ key: prefix + entry.name, path, rel: entryRel });
			else ctx.warn(skippedBadRecord('entry', display(ctx, entryRel), notAFile(entry)));
		}
	};
	walk(dir, rel, '');
	return out;
}

/**
 * Reads a key folder into `{ key: value }`: each file's content verbatim (UTF-8, no newline
 * added or stripped, an empty file is an empty value). The record has no prototype, so a key
 * such as `__proto__` is kept as data.
 */
export function readKeyValues(ctx: StoreContext, dir: string, rel: string): Record<string, string> {
	const values: Record<string, string> = Object.create(null);
	for (const file of listKeyFiles(ctx, dir, rel)) {
		values[file.key] = readText(file.path);
	}
	return values;
}

/**
 * Reads and parses `<dir>/meta.yaml`; on failure warns with `what` and the file, and returns null.
 */
export function readMeta(
	ctx: StoreContext,
	dir: string,
	rel: string,
	what: string,
): FileStoreMeta | null {
	const where = display(ctx, `${rel}/meta.yaml`);
	let text: string;
	try {
		text = readText(`${dir}/meta.yaml`);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'ENOENT' ? 'meta.yaml is missing'
			: code === 'ELOOP' ? `meta.yaml ${LINK_REASON.slice('it '.length)}`
			: `meta.yaml cannot be read (${code})`;
		ctx.warn(skippedBadRecord(what, display(ctx, rel), reason));
		return null;
	}
	try {
		return parseFileStoreMeta(text);
	} catch (error) {
		ctx.warn(skippedBadRecord(what, where, (error as Error).message));
		return null;
	}
}

/** Why a folder entry is not read: links are never followed. */
export function notAFile(entry: Dirent): string {
	return entry.isSymbolicLink() ? LINK_REASON : 'it is not a regular file';
}

const LINK_REASON = 'it is a symbolic link, and links are not followed so that nothing outside the store is read';

/** Open flags for every read: a symbolic link in place of a file fails (ELOOP) instead of being followed. */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Size of the shared read buffer: nearly every file of a store fits in it. */
export const SCRATCH_BYTES = 1024 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

/**
 * Reads up to SCRATCH_BYTES from the start of a file into a shared buffer and decodes them as
 * UTF-8 before returning (so the buffer is free again). Open, one read, close: measured faster
 * than `readFileSync` for the many small files of a store. `complete` is false when the file
 * may hold more.
 */
export function readFirstChunk(path: string): { text: string; complete: boolean } {
	const fd = openSync(path, READ_FLAGS);
	try {
		const read = readSync(fd, scratch, 0, SCRATCH_BYTES, 0);
		return { text: scratch.toString('utf8', 0, read), complete: read < SCRATCH_BYTES };
	} finally {
		closeSync(fd);
	}
}

/** A whole file as UTF-8 text (small files through the shared buffer). */
export function readText(path: string): string {
	const first = readFirstChunk(path);
	return first.complete ? first.text : readFileSync(path, { encoding: 'utf8', flag: READ_FLAGS });
}
