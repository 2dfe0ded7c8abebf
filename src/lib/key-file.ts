import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A cache file of SHA-256 keys, one a line (the secret scan's memo, the run-validation memo):
 * what an earlier build found, for the next to skip work on the same bytes.
 */

/** The keys in `file`: its lines that are 64 hex digits; none when it is missing or unreadable. */
export function readKeyFile(file: string): Set<string> {
	try {
		return new Set(readFileSync(file, 'utf8').split('\n').filter((line) => /^[0-9a-f]{64}$/.test(line)));
	} catch {
		return new Set();
	}
}

/**
 * Writes `keys`, sorted, as `file`: whole, then renamed over it, from a temporary file of this
 * process's own (the shards of a sharded build may write at once), so a reader never sees half.
 */
export function writeKeyFile(file: string, keys: Iterable<string>): void {
	mkdirSync(dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	writeFileSync(tmp, [...keys].sort().join('\n'));
	renameSync(tmp, file);
}
