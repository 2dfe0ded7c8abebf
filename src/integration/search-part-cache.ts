import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Written parts of the search index, one folder per part named by the hash of everything that
 * made it (search-index.ts: Pagefind's version and options, the part's records). A part whose
 * hash is here is copied instead of indexed: Pagefind writes the same bytes for the same records,
 * so a copied part equals a fresh one file for file.
 *
 * The folder is shared by every build of the project (and kept between CI pipelines with the
 * other caches): entries appear by rename, complete or not at all, and an entry that vanishes
 * while it is copied (another build pruning) only means this part is indexed again.
 */
export class SearchPartCache {
	readonly #dir: string;
	readonly #used = new Set<string>();

	constructor(dir: string) {
		this.#dir = dir;
	}

	/** Whether the cache holds the part `key` (restore may still fail if it is pruned meanwhile). */
	has(key: string): boolean {
		return existsSync(join(this.#dir, key));
	}

	/** Copies the part `key` into `to`; false when the cache has no complete copy of it. */
	restore(key: string, to: string): boolean {
		const from = join(this.#dir, key);
		if (!existsSync(from)) return false;
		try {
			copyTree(from, to);
			const now = new Date();
			utimesSync(from, now, now);
		} catch {
			rmSync(to, { recursive: true, force: true });
			return false;
		}
		this.#used.add(key);
		return true;
	}

	/** Keeps a copy of the part written at `from` as `key`, without the folders `skip` names (the other parts inside the main one). */
	store(key: string, from: string, skip: readonly string[] = []): void {
		const to = join(this.#dir, key);
		const temp = `${to}.${process.pid}.tmp`;
		rmSync(temp, { recursive: true, force: true });
		copyTree(from, temp, skip);
		rmSync(to, { recursive: true, force: true });
		renameSync(temp, to);
		this.#used.add(key);
	}

	/**
	 * Removes the entries this build did not use, oldest first, beyond `keep` of them: enough for
	 * a build of another branch or a sharded merge to find its parts, not a growing folder.
	 */
	prune(keep: number): void {
		if (!existsSync(this.#dir)) return;
		const unused = readdirSync(this.#dir)
			.filter((name) => !this.#used.has(name) && !name.endsWith('.tmp'))
			.map((name) => ({ name, time: statSync(join(this.#dir, name)).mtimeMs }))
			.sort((a, b) => b.time - a.time || (a.name < b.name ? -1 : 1));
		for (const { name } of unused.slice(keep)) rmSync(join(this.#dir, name), { recursive: true, force: true });
	}
}

/**
 * Copies every file under `from` to the same path under `to` (a copy-on-write clone where the
 * file system offers one), except those in the top-level folders `skip` names.
 */
function copyTree(from: string, to: string, skip: readonly string[] = []): void {
	const made = new Set<string>();
	for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const source = join(entry.parentPath, entry.name);
		const path = relative(from, source);
		if (skip.some((folder) => path.startsWith(`${folder}${sep}`))) continue;
		const target = join(to, path);
		const folder = dirname(target);
		if (!made.has(folder)) {
			mkdirSync(folder, { recursive: true });
			made.add(folder);
		}
		copyFileSync(source, target, constants.COPYFILE_FICLONE);
	}
}
