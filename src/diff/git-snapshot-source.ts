import type { GitRunner } from './git-runner.ts';
import { isDiffedFile, type SnapshotSource } from './snapshot-source.ts';

/**
 * A snapshot stored in git: the tree `treePath` (relative to the repository root, e.g. `content`)
 * of the commit `ref`. Files are listed with `git ls-tree` and read in one `git cat-file --batch`,
 * so thousands of runs cost two git processes.
 */
export function gitSnapshotSource(label: string, ref: string, treePath: string, git: GitRunner): SnapshotSource {
	const prefix = treePath ? `${treePath.replace(/\/+$/, '')}/` : '';
	return {
		label,
		kind: 'git',
		async list() {
			const out = await git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', ref, '--', prefix || '.']);
			return out
				.toString('utf8')
				.split('\0')
				.filter((path) => path.startsWith(prefix))
				.map((path) => path.slice(prefix.length))
				.filter(isDiffedFile)
				.sort();
		},
		async readAll(paths) {
			if (paths.length === 0) return [];
			const input = paths.map((path) => `${ref}:${prefix}${path}\n`).join('');
			return parseBatch(await git(['cat-file', '--batch'], { input }), paths);
		},
	};
}

/** Splits `git cat-file --batch` output (`<oid> blob <size>\n<bytes>\n` per object) into texts. */
function parseBatch(out: Buffer, paths: readonly string[]): string[] {
	const texts: string[] = [];
	let at = 0;
	for (const path of paths) {
		const eol = out.indexOf(0x0a, at);
		const header = out.subarray(at, eol).toString('utf8');
		const size = /^\S+ blob (\d+)$/.exec(header)?.[1];
		if (size === undefined) throw new Error(`git cat-file could not read ${path}: ${header}`);
		const start = eol + 1;
		texts.push(out.subarray(start, start + Number(size)).toString('utf8'));
		at = start + Number(size) + 1;
	}
	return texts;
}
