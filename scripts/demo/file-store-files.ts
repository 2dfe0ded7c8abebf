import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DemoArtifact } from './store-model.ts';

/** Writes a file, creating its folder. */
export const writeFile = (file: string, content: Uint8Array | string): void => {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, content);
};
/** One file per key, raw value without newline; `/` in a key makes sub-folders. */
export const writeKeyed = (folder: string, entries: Record<string, string>): void => {
	for (const [key, value] of Object.entries(entries))
		writeFile(join(folder, ...key.split('/')), value);
};
/** Writes artifacts below `folder`, `/` in a path making sub-folders. */
export const writeArtifacts = (folder: string, artifacts: DemoArtifact[]): void => {
	for (const artifact of artifacts)
		writeFile(join(folder, ...artifact.path.split('/')), artifact.content);
};
