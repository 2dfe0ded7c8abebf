import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/** A series file's first line: `{` then `  "digest": "<hex>",` (export-run.ts, withSeriesDigest). */
const DIGEST = /^\{\n {2}"digest": "([0-9a-f]+)",/;

/**
 * The `digest` a series file starts with: the hash of the rest of its text, which the exporter
 * puts in series files only (a downsampled history file has none). Null when the file has no
 * digest line, undefined when it cannot be opened. Reads 64 bytes.
 */
export function readSeriesDigest(file: string): string | null | undefined {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch {
		return undefined;
	}
	try {
		const head = Buffer.alloc(64);
		const n = readSync(fd, head, 0, head.length, 0);
		return DIGEST.exec(head.subarray(0, n).toString('utf8'))?.[1] ?? null;
	} finally {
		closeSync(fd);
	}
}

/**
 * What identifies a run's series file in a page key: its digest, the hash of the whole file when
 * it has none (files written before mlpages 0.2), 'none' when there is no file.
 */
export function seriesIdentity(file: string): string {
	const digest = readSeriesDigest(file);
	if (digest === undefined) return 'none';
	return digest ?? createHash('sha256').update(readFileSync(file)).digest('hex');
}
