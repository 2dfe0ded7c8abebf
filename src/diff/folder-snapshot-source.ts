import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDiffedFile, type SnapshotSource } from './snapshot-source.ts';

/** A snapshot in a folder (the folder that holds `manifest.json`). */
export function folderSnapshotSource(label: string, root: string): SnapshotSource {
	return {
		label,
		kind: 'folder',
		async list() {
			const entries = await readdir(root, { recursive: true, withFileTypes: true });
			return entries
				.filter((entry) => entry.isFile())
				.map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1).replaceAll('\\', '/'))
				.filter(isDiffedFile)
				.sort();
		},
		readAll: (paths) => Promise.all(paths.map((path) => readFile(join(root, path), 'utf8'))),
	};
}
