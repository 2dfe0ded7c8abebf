import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DiffSideNotFound, DiffSnapshotMissing, exportError } from '../errors.ts';
import { folderSnapshotSource } from './folder-snapshot-source.ts';
import { GitCommandError, type GitRunner } from './git-runner.ts';
import { gitSnapshotSource } from './git-snapshot-source.ts';
import type { SnapshotSource } from './snapshot-source.ts';

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);
const isDirectory = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * Turns a side of `npm run diff` into a snapshot source. A folder wins over a git ref of the same
 * name: a folder holding `manifest.json` is the snapshot, a folder holding `content/manifest.json`
 * is a project. Otherwise the side is a git ref, optionally with the tree after a colon
 * (`origin/main:content`; `content` when omitted).
 * @throws ExportError `MlpagesDiffSideNotFound` (neither) or `MlpagesDiffSnapshotMissing` (no manifest.json).
 */
export async function resolveSide(side: string, cwd: string, git: GitRunner): Promise<SnapshotSource> {
	const path = resolve(cwd, side);
	if (await isDirectory(path)) {
		if (await isFile(join(path, 'manifest.json'))) return folderSnapshotSource(side, path);
		if (await isFile(join(path, 'content', 'manifest.json'))) return folderSnapshotSource(side, join(path, 'content'));
		throw exportError(DiffSnapshotMissing, side, `the folder ${side}`);
	}
	const colon = side.indexOf(':');
	const ref = colon === -1 ? side : side.slice(0, colon);
	const tree = colon === -1 ? 'content' : side.slice(colon + 1).replace(/^\/+|\/+$/g, '');
	try {
		await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
	} catch (error) {
		if (!(error instanceof GitCommandError)) throw error;
		const reason = error.stderr.trim().replace(/\.$/, '') || `no folder ${side} and no commit named ${ref}`;
		throw exportError(DiffSideNotFound, side, reason);
	}
	const source = gitSnapshotSource(side, ref, tree, git);
	if (!(await source.list()).includes('manifest.json')) {
		throw exportError(DiffSnapshotMissing, side, `the tree ${tree || '/'} of ${ref}`);
	}
	return source;
}
