import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

let tempCounter = 0;

/** The bytes of a memo file (a cache entry of mlpages' caches); null when it is not there. */
export async function readMemo(file: string): Promise<Buffer | null> {
	return readFile(file).catch(() => null);
}

/**
 * Writes a memo file atomically (a temporary file of this process, then a rename), so a build
 * running beside this one reads a whole file or none.
 */
export async function writeMemo(file: string, data: string | Uint8Array): Promise<void> {
	await mkdir(dirname(file), { recursive: true });
	const temp = `${file}.${process.pid}-${tempCounter++}.tmp`;
	await writeFile(temp, data);
	await rename(temp, file);
}
