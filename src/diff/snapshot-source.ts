/**
 * Where a snapshot is read from: a folder on disk or a tree of a git commit. Paths are relative
 * to the snapshot root (`manifest.json`, `runs/<id>.json`), `/`-separated.
 */
export interface SnapshotSource {
	/** How the user named the side, e.g. `main` or `content`. */
	label: string;
	kind: 'folder' | 'git';
	/** The files of the snapshot the diff reads (see `isDiffedFile`), sorted. */
	list(): Promise<string[]>;
	/** Reads the given files as UTF-8 text, in the same order. */
	readAll(paths: readonly string[]): Promise<string[]>;
}

// Only entity files are compared; series, histories and artifacts follow from them.
const DIFFED = [
	/^manifest\.json$/,
	/^experiments\/[^/]+\.json$/,
	/^runs\/[^/]+\.json$/,
	/^models\/[^/]+\.json$/,
	/^model-versions\/[^/]+\/[^/]+\.json$/,
];

/** Whether a snapshot file takes part in the diff. */
export function isDiffedFile(path: string): boolean {
	return DIFFED.some((pattern) => pattern.test(path));
}
