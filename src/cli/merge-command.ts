import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ShardsConflict, ShardsFromOtherSnapshots, ShardsIncomplete, UsageError, exportError } from '../errors.ts';
import { buildSearchIndex, searchPartsNote } from '../integration/search-index.ts';
import { groupThousands } from '../lib/group-thousands.ts';
import { SHARD_MARKER, parseShard, type Shard } from '../lib/shard.ts';
import { checkSite } from './check-command.ts';
import type { CommandEffects } from './export-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

/** A shard's output folder and what its marker says. */
interface ShardDir extends Shard {
	dir: string;
	/** SHA-256 of the snapshot's manifest.json the shard was built from; null without one. */
	snapshot: string | null;
}

/**
 * `mlpages merge <shard-dir>... [--out <dir>] [--base <path>]`: joins the output folders of
 * `mlpages build --shard i/n` into one site, as one unsharded build would have written it:
 * every file of every shard, a file that several shards hold (bundles, `public/` files) only when
 * it is the same bytes in each; then the Pagefind index of the whole site, the secret scan and the
 * link check (check-command.ts). The site is assembled next to `--out` and replaces it only when
 * every shard was copied.
 * @returns the exit status: 0 merged and clean, 1 shards missing or disagreeing, a secret or a
 *   broken link, 2 wrong usage
 */
export async function runMergeCommand(argv: readonly string[], fx: CommandEffects): Promise<number> {
	const args = parseCommandArgs('merge', argv);
	if (args.positionals.length === 0) throw exportError(UsageError, 'Give the shards to merge: the output folder of each mlpages build --shard i/n, or one folder holding them.');
	const out = resolve(fx.cwd, (args.values['out'] as string | undefined) ?? 'dist');
	const shards = shardDirs(args.positionals.map((p) => resolve(fx.cwd, p)));
	for (const s of shards) {
		if (out === s.dir || out.startsWith(s.dir + sep) || s.dir.startsWith(out + sep)) {
			throw exportError(UsageError, `--out ${shown(fx.cwd, out)} overlaps shard ${shown(fx.cwd, s.dir)}: write the merged site to a folder of its own.`);
		}
	}
	const temp = `${out}.merging-${process.pid}`;
	rmSync(temp, { recursive: true, force: true });
	try {
		let files = 0;
		for (const [i, shard] of shards.entries()) {
			const copied = copyShard(shard, temp, shards.slice(0, i), fx.cwd);
			files += copied;
			fx.logger.info(`Shard ${shard.index} of ${shard.total} (${shown(fx.cwd, shard.dir)}): ${groupThousands(copied)} files.`);
		}
		rmSync(out, { recursive: true, force: true });
		mkdirSync(dirname(out), { recursive: true });
		renameSync(temp, out);
		fx.logger.info(`Merged ${shards.length} shards into ${shown(fx.cwd, out)}/: ${groupThousands(files)} files.`);
	} finally {
		rmSync(temp, { recursive: true, force: true });
	}
	const started = performance.now();
	const search = await buildSearchIndex(out);
	fx.logger.info(`Indexed ${groupThousands(search.pages)} pages for search into pagefind/ (${groupThousands(Math.round(search.indexBytes / 1024))} KB${searchPartsNote(search)}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
	return checkSite(out, args.values['base'] as string | undefined, fx);
}

/**
 * The shards named on the command line (a folder with SHARD_MARKER, or a folder of such folders),
 * sorted by index, after checking that they are shards 1 to n of one n, each once.
 * @throws ExportError ShardsIncomplete saying which folder or shard is wrong
 */
function shardDirs(paths: readonly string[]): ShardDir[] {
	const found: ShardDir[] = [];
	for (const path of paths) {
		if (existsSync(join(path, SHARD_MARKER))) {
			found.push(readMarker(path));
			continue;
		}
		const inner = isDir(path) ? readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(path, e.name, SHARD_MARKER))) : [];
		if (inner.length === 0) throw exportError(ShardsIncomplete, `${path} is not the output of mlpages build --shard (it has no ${SHARD_MARKER}), nor a folder holding such outputs`);
		for (const e of inner) found.push(readMarker(join(path, e.name)));
	}
	found.sort((a, b) => a.index - b.index);
	const total = found[0]!.total;
	const other = found.find((s) => s.total !== total);
	if (other) throw exportError(ShardsIncomplete, `${found[0]!.dir} is shard ${found[0]!.index}/${total} but ${other.dir} is shard ${other.index}/${other.total}`);
	for (let i = 1; i < found.length; i++) {
		if (found[i]!.index === found[i - 1]!.index) throw exportError(ShardsIncomplete, `shard ${found[i]!.index}/${total} is given twice: ${found[i - 1]!.dir} and ${found[i]!.dir}`);
	}
	const otherSnapshot = found.find((s) => s.snapshot !== found[0]!.snapshot);
	if (otherSnapshot) throw exportError(ShardsFromOtherSnapshots, found[0]!.dir, otherSnapshot.dir);
	const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !found.some((s) => s.index === i));
	if (missing.length > 0) throw exportError(ShardsIncomplete, `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
	return found;
}

function readMarker(dir: string): ShardDir {
	const file = join(dir, SHARD_MARKER);
	let shard: Shard | string;
	let snapshot: string | null = null;
	try {
		const marker = JSON.parse(readFileSync(file, 'utf8')) as { index: unknown; total: unknown; snapshot?: unknown };
		shard = parseShard(`${marker.index}/${marker.total}`);
		snapshot = typeof marker.snapshot === 'string' ? marker.snapshot : null;
	} catch {
		shard = 'it is not JSON';
	}
	if (typeof shard === 'string') throw exportError(ShardsIncomplete, `${file} does not name a shard (${shard})`);
	return { ...shard, dir, snapshot };
}

/** A folder as the user would name it: relative to the project when inside it, else absolute. */
const shown = (cwd: string, path: string) => {
	const rel = relative(cwd, path);
	return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
};

const isDir = (path: string) => {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
};

/**
 * Copies every file of `shard` (but its marker) into `out`. A file already there came from one of
 * `earlier` and must hold the same bytes.
 * @returns how many files the shard holds
 * @throws ExportError ShardsConflict naming the file and both shards
 */
function copyShard(shard: ShardDir, out: string, earlier: readonly ShardDir[], cwd: string): number {
	let count = 0;
	const made = new Set<string>();
	for (const entry of readdirSync(shard.dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const from = join(entry.parentPath, entry.name);
		const rel = relative(shard.dir, from);
		if (rel === SHARD_MARKER) continue;
		count++;
		const to = join(out, rel);
		if (existsSync(to)) {
			if (sameBytes(from, to)) continue;
			const first = earlier.find((s) => existsSync(join(s.dir, rel)))!;
			throw exportError(ShardsConflict, rel, shown(cwd, first.dir), shown(cwd, shard.dir));
		}
		if (!made.has(dirname(to))) {
			mkdirSync(dirname(to), { recursive: true });
			made.add(dirname(to));
		}
		copyFileSync(from, to, constants.COPYFILE_FICLONE);
	}
	return count;
}

function sameBytes(a: string, b: string): boolean {
	if (statSync(a).size !== statSync(b).size) return false;
	return readFileSync(a).equals(readFileSync(b));
}
