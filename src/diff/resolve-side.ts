import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { DiffSideNotFound, DiffSnapshotMissing, exportError } from '../errors.ts';
import { folderSnapshotSource } from './folder-snapshot-source.ts';
import { GitCommandError, type GitRunner } from './git-runner.ts';
import { gitSnapshotSource } from './git-snapshot-source.ts';
import type { SnapshotSource } from './snapshot-source.ts';

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);
const isDirectory = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * Turns a side of `mlpages diff` into a snapshot source. A folder wins over a git ref of the same
 * name: a folder holding `manifest.json` is the snapshot, a folder holding
 * `<contentDir>/manifest.json` is a project. Otherwise the side is a git ref, read from what is
 * committed there: the project's content folder (`contentDir`, relative to `cwd`, the project
 * root), or the tree after a colon, which is relative to the repository's root as in git
 * (`origin/main:content`), or to `cwd` when it starts with `./` or `../`.
 * @throws ExportError `MlpagesDiffSideNotFound` (neither) or `MlpagesDiffSnapshotMissing` (no manifest.json).
 */
export async function resolveSide(side: string, cwd: string, git: GitRunner, contentDir = 'content'): Promise<SnapshotSource> {
	const path = resolve(cwd, side);
	if (await isDirectory(path)) {
		if (await isFile(join(path, 'manifest.json'))) return folderSnapshotSource(side, path);
		const content = resolve(path, contentDir);
		if (await isFile(join(content, 'manifest.json'))) return folderSnapshotSource(side, content);
		throw exportError(DiffSnapshotMissing, side, `the folder ${side} has no manifest.json`);
	}
	const colon = side.indexOf(':');
	const ref = colon === -1 ? side : side.slice(0, colon);
	try {
		await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
	} catch (error) {
		if (!(error instanceof GitCommandError)) throw error;
		const reason = error.stderr.trim().replace(/\.$/, '') || `no folder ${side} and no commit named ${ref}`;
		throw exportError(DiffSideNotFound, side, reason);
	}
	const tree = colon === -1 ? await contentTree(cwd, contentDir, git) : await namedTree(side.slice(colon + 1), git);
	const source = gitSnapshotSource(side, ref, tree, git);
	if (!(await source.list()).includes('manifest.json')) {
		const manifest = tree ? `${tree}/manifest.json` : 'manifest.json';
		throw exportError(DiffSnapshotMissing, side, `${manifest} is not committed in ${ref}${await ignoredBy(git, manifest)}`);
	}
	return source;
}

/** `contentDir` of the project at `cwd` as a path from the repository's root, `/`-separated. */
async function contentTree(cwd: string, contentDir: string, git: GitRunner): Promise<string> {
	const top = (await git(['rev-parse', '--show-toplevel'])).toString('utf8').trim();
	const real = (p: string) => {
		try {
			return realpathSync(p);
		} catch {
			return p;
		}
	};
	const rel = relative(real(top), resolve(real(cwd), contentDir));
	if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
		throw exportError(DiffSnapshotMissing, contentDir, `the content folder is outside the git repository at ${top}, so no commit holds it`);
	}
	return rel.split(sep).join('/');
}

/** The tree of `ref:tree`: from the repository's root, or from the working folder for `./` and `../`, as git reads it. */
async function namedTree(tree: string, git: GitRunner): Promise<string> {
	const relativeToCwd = tree === '.' || tree === '..' || tree.startsWith('./') || tree.startsWith('../');
	const prefix = relativeToCwd ? (await git(['rev-parse', '--show-prefix'])).toString('utf8').trim() : '';
	const joined = posix.normalize(posix.join(prefix, tree)).replace(/^\/+|\/+$/g, '');
	return joined === '.' ? '' : joined;
}

/** ` (ignored by .gitignore:12 "content/")` when the working copy's ignore rules leave `path` out of git. */
async function ignoredBy(git: GitRunner, path: string): Promise<string> {
	try {
		const top = (await git(['rev-parse', '--show-toplevel'])).toString('utf8').trim();
		const out = (await git(['-C', top, 'check-ignore', '--verbose', '--no-index', '--', path])).toString('utf8');
		const match = /^(.*?):(\d+):(.*)\t/.exec(out);
		// A negated pattern (`!content/manifest.json`) is reported too, but it lets the file in.
		return match && !match[3]!.startsWith('!') ? `; your ${match[1]} (line ${match[2]}, "${match[3]}") keeps it out of git` : '';
	} catch {
		// exit status 1: not ignored; anything else: no reason worth adding
		return '';
	}
}
