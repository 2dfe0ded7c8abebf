import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readKeyFile, writeKeyFile } from '../lib/key-file.ts';

/**
 * What the secret scan remembers between builds: the content hashes of files in which no secret
 * rule matched. A rebuild publishes mostly the same bytes as the one before (pages from the page
 * cache, unchanged runs' data files), and the rules are most of the scan's time (about three
 * quarters at 1,000 runs); a file whose bytes were cleared by the same rules and the same scan
 * code gives the same answer, so the rules do not run on it again. The tracking credentials are
 * still looked for in every file on every build (their values change, and nothing derived from
 * them is stored), and a file with a hit is never remembered.
 *
 * A key is the SHA-256 of the scan code's own files (this folder: rules, decoding, scanning),
 * whether the file is a script or style sheet (fewer rules run there), and the file's bytes.
 */
export interface ScanMemo {
	/** The key of a file's bytes, whole or in pieces (a page without its footer). */
	key(bytes: Buffer | readonly Buffer[], code: boolean): string;
	/** Whether the rules found nothing in a file with this key before. */
	clean(key: string): boolean;
	/** Records that the rules found nothing in a file with this key, for the next scan. */
	keep(key: string): void;
	/** Writes the keys kept by this scan (and only those) for the next one. */
	save(): void;
}

/** The hash of every file of the scan's code (src/security/, or lib/security/ when compiled). */
let codeHash: string | null = null;
function scanCodeHash(): string {
	if (codeHash !== null) return codeHash;
	const dir = dirname(fileURLToPath(import.meta.url));
	const hash = createHash('sha256').update('mlpages scan memo 1\0');
	for (const name of readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort()) {
		hash.update(`\0${name}\0`).update(readFileSync(join(dir, name)));
	}
	codeHash = hash.digest('hex');
	return codeHash;
}

/**
 * The memo stored in `file` (one key a line); empty when the file is missing or unreadable, or
 * when `fresh` (what was remembered is not used, and the file is written anew).
 */
export function openScanMemo(file: string, fresh = false): ScanMemo {
	// No memo yet (or --full): every file is scanned in full.
	const known = fresh ? new Set<string>() : readKeyFile(file);
	const kept = new Set<string>();
	const code = scanCodeHash();
	return {
		key: (bytes, isCode) => {
			const hash = createHash('sha256').update(code).update(isCode ? '\0code\0' : '\0data\0');
			for (const piece of Buffer.isBuffer(bytes) ? [bytes] : bytes) hash.update(piece);
			return hash.digest('hex');
		},
		clean: (key) => known.has(key),
		keep: (key) => void kept.add(key),
		save: () => writeKeyFile(file, kept),
	};
}
