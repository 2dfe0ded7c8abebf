import {
	copyFileSync,
	existsSync,
	linkSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	utimesSync,
} from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { OutputUnwritable, exportError } from '../errors.ts';
import { stableStringify } from '../lib/json.ts';

/**
 * What the exporter owns inside the content folder. Everything else there (`reports/`,
 * `model-cards/`, files people add) is never touched.
 */
export const MANAGED_DIRS = ['artifacts', 'datasets', 'experiments', 'histories', 'logged-models', 'model-versions', 'models', 'runs', 'series'] as const;
export const MANIFEST = 'manifest.json';

export interface WriteEffects {
	/** Writes one new or changed file (its folder exists). Injected so tests can make it fail. */
	writeFile(path: string, data: Uint8Array): Promise<void>;
}

export interface SnapshotWriter {
	/** Stages one file at a `/`-separated path relative to the content folder. */
	write(rel: string, data: Uint8Array | string): Promise<void>;
	/**
	 * Stages the previous snapshot's files at these paths as they are (hard links, no bytes read or
	 * written), for an unchanged run. All or nothing: false, and nothing staged, when one of them
	 * is missing from the previous snapshot or already staged.
	 */
	keep(rels: readonly string[]): boolean;
	/** Stages stable pretty JSON (src/lib/json.ts). */
	writeJson(rel: string, value: unknown): Promise<void>;
	/** Swaps the staged snapshot in; returns how many files were new or changed, kept, removed. */
	commit(): Promise<{ written: number; unchanged: number; removed: number }>;
	/** Drops the staged files; the previous snapshot stays as it was. Safe to call twice. */
	abort(): Promise<void>;
	/**
	 * After `commit`: whether every kept file is the previous snapshot's own inode (left in place
	 * or hard-linked), with its size and mtime; false when a link failed and the file was copied.
	 */
	keptAsIs(): boolean;
}

/**
 * Stages a snapshot in a sibling folder (`.<out>.mlpages-new`) and swaps it in on `commit`, so a
 * failed or interrupted export leaves the previous snapshot as it was. A file whose bytes equal
 * the previous snapshot's is hard-linked at commit (copied with its times where links fail)
 * instead of written, so unchanged files keep their mtime; when nothing changed at all, `commit`
 * leaves the content folder untouched. The previous snapshot is only read until then. The swap renames each managed folder to a sibling backup
 * (`.<out>.mlpages-old`) and the staged one into place, `manifest.json` last; a backup left by a
 * crash during a swap is restored first.
 * @throws ExportError OutputUnwritable when a file cannot be staged or swapped in
 */
export async function openSnapshotWriter(outDir: string, effects: WriteEffects): Promise<SnapshotWriter> {
	const stage = join(dirname(outDir), `.${basename(outDir)}.mlpages-new`);
	const backup = join(dirname(outDir), `.${basename(outDir)}.mlpages-old`);
	const fail = (error: unknown) => {
		const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
		const e = exportError(OutputUnwritable, outDir, reason);
		Object.defineProperty(e, 'cause', { value: error });
		return e;
	};
	try {
		restoreBackup(outDir, backup);
		rmSync(stage, { recursive: true, force: true });
		mkdirSync(stage, { recursive: true });
	} catch (error) {
		throw fail(error);
	}
	// Paths are made by concatenation (under), not path.join: keep() makes three per file of
	// every unchanged run, and join's normalising was a tenth of an unchanged re-export.
	const outBase = join(outDir);
	const stageBase = join(stage);
	const dirs = new Set<string>();
	/**
	 * Staged path → the previous snapshot's file it keeps. Linked only at commit, and only when
	 * something changed: an unchanged re-export then stages nothing at all.
	 */
	const pending = new Map<string, string>();
	/** Staged paths written with new bytes. */
	const staged = new Set<string>();
	/** Entries of each folder of the previous snapshot, listed once (keep() checks 3 per run). */
	const listed = new Map<string, Set<string>>();
	const previousFiles = (dir: string): Set<string> => {
		let files = listed.get(dir);
		if (files === undefined) {
			files = new Set<string>();
			try {
				// Names only (no Dirent per file: 10,000 per folder at 10,000 runs). An entry that is
				// not a regular file fails at commit instead (link and copy both refuse a folder);
				// the exporter keeps only files whose size, mtime and inode it has just checked.
				for (const name of readdirSync(dir)) files.add(name);
			} catch {
				// no such folder in the previous snapshot: nothing to keep from it
			}
			listed.set(dir, files);
		}
		return files;
	};
	let written = 0;
	let unchanged = 0;
	/** Files written in place of a previous file with other bytes: changed, not removed. */
	let replaced = 0;
	let open = true;
	let copied = 0;

	const writer: SnapshotWriter = {
		async write(rel, data) {
			checkRel(rel);
			const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
			const target = under(stageBase, rel);
			try {
				const previous = under(outBase, rel);
				if (pending.delete(target)) unchanged--;
				if (sameBytes(previous, bytes)) {
					pending.set(target, previous);
					unchanged++;
					return;
				}
				const parent = dirname(target);
				if (!dirs.has(parent)) mkdirSync(parent, { recursive: true }), dirs.add(parent);
				await effects.writeFile(target, bytes);
				if (!staged.has(target)) {
					const cut = rel.lastIndexOf('/');
					if (previousFiles(cut < 0 ? outBase : under(outBase, rel.slice(0, cut))).has(rel.slice(cut + 1))) replaced++;
				}
				staged.add(target);
				written++;
			} catch (error) {
				throw fail(error);
			}
		},
		keep(rels) {
			const pairs = rels.map((rel) => {
				checkRel(rel);
				const cut = rel.lastIndexOf('/');
				return { previous: under(outBase, rel), target: under(stageBase, rel), dir: cut < 0 ? outBase : under(outBase, rel.slice(0, cut)), name: rel.slice(cut + 1) };
			});
			for (const { target, dir, name } of pairs) {
				if (pending.has(target) || staged.has(target) || !previousFiles(dir).has(name)) return false;
			}
			for (const { previous, target } of pairs) pending.set(target, previous);
			unchanged += pairs.length;
			return true;
		},
		writeJson(rel, value) {
			return writer.write(rel, stableStringify(value));
		},
		async commit() {
			if (!open) throw new Error('The snapshot writer is closed.');
			open = false;
			try {
				// Files of the previous snapshot that are neither kept nor written again.
				const before = countManagedFiles(outDir);
				const removed = before - unchanged - replaced;
				if (written === 0 && removed === 0 && existsSync(join(outDir, MANIFEST))) {
					rmSync(stage, { recursive: true, force: true });
					return { written, unchanged, removed };
				}
				for (const [target, previous] of pending) {
					const parent = dirname(target);
					if (!dirs.has(parent)) mkdirSync(parent, { recursive: true }), dirs.add(parent);
					if (!keepFile(previous, target)) copied++;
				}
				swap(outDir, stage, backup);
				rmSync(backup, { recursive: true, force: true });
				rmSync(stage, { recursive: true, force: true });
				return { written, unchanged, removed };
			} catch (error) {
				throw fail(error);
			}
		},
		async abort() {
			open = false;
			rmSync(stage, { recursive: true, force: true });
		},
		keptAsIs() {
			return !open && copied === 0;
		},
	};
	return writer;
}

/**
 * `base` joined with a checked `/`-separated relative path (checkRel: no empty, `.` or `..`
 * segment), as path.join would give it for a `base` that join has normalised.
 */
export function under(base: string, rel: string): string {
	const tail = sep === '/' ? rel : rel.split('/').join(sep);
	return base.endsWith(sep) ? base + tail : base + sep + tail;
}

function checkRel(rel: string): void {
	const segments = rel.split('/');
	if (rel.includes('\0') || rel.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
		throw new Error(`Unsafe snapshot path ${JSON.stringify(rel)}.`);
	}
}

function sameBytes(path: string, bytes: Uint8Array): boolean {
	try {
		// No exception for a missing file: on a cold export every file is missing.
		const stat = statSync(path, { throwIfNoEntry: false });
		if (stat === undefined || !stat.isFile() || stat.size !== bytes.byteLength) return false;
		return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(readFileSync(path));
	} catch {
		return false;
	}
}

/** Puts the previous file's inode (or a copy with its times) at `target`: no bytes rewritten. True when linked. */
function keepFile(previous: string, target: string): boolean {
	try {
		linkSync(previous, target);
		return true;
	} catch {
		copyFileSync(previous, target);
		const { atime, mtime } = statSync(previous);
		utimesSync(target, atime, mtime);
		return false;
	}
}

function countManagedFiles(outDir: string): number {
	let n = existsSync(join(outDir, MANIFEST)) ? 1 : 0;
	const walk = (dir: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory()) walk(join(dir, e.name));
			else n++;
		}
	};
	for (const d of MANAGED_DIRS) if (existsSync(join(outDir, d))) walk(join(outDir, d));
	return n;
}

/** Moves managed entries old → backup and staged → out, manifest last; undoes itself on failure. */
function swap(outDir: string, stage: string, backup: string): void {
	mkdirSync(outDir, { recursive: true });
	mkdirSync(backup, { recursive: true });
	const entries = [MANIFEST, ...MANAGED_DIRS];
	const done: Array<{ entry: string; hadOld: boolean; hasNew: boolean }> = [];
	try {
		// The old manifest leaves first and the new one arrives last: a content folder without a
		// manifest is recognisably incomplete.
		for (const entry of entries) {
			const hadOld = existsSync(join(outDir, entry));
			if (hadOld) renameSync(join(outDir, entry), join(backup, entry));
			done.push({ entry, hadOld, hasNew: false });
		}
		for (const entry of [...MANAGED_DIRS, MANIFEST]) {
			if (!existsSync(join(stage, entry))) continue;
			renameSync(join(stage, entry), join(outDir, entry));
			done.find((d) => d.entry === entry)!.hasNew = true;
		}
	} catch (error) {
		for (const d of done.reverse()) {
			if (d.hasNew) renameSync(join(outDir, d.entry), join(stage, d.entry));
			if (d.hadOld) renameSync(join(backup, d.entry), join(outDir, d.entry));
		}
		throw error;
	}
}

/**
 * Recovers from a crash during a swap. The new manifest arrives last, so a content folder with a
 * manifest holds a complete snapshot and the backup is stale; without one, the swap was cut short:
 * the half-moved new entries are dropped and the backup's old entries are put back.
 */
function restoreBackup(outDir: string, backup: string): void {
	if (!existsSync(backup)) return;
	if (!existsSync(join(outDir, MANIFEST))) {
		for (const entry of readdirSync(backup)) {
			rmSync(join(outDir, entry), { recursive: true, force: true });
			renameSync(join(backup, entry), join(outDir, entry));
		}
	}
	rmSync(backup, { recursive: true, force: true });
}
