/**
 * Whether a run id may become part of a file path or URL of the site (its data files, thumbnails,
 * series): ASCII letters, digits, `_` and `-`, not starting with `_` or `-`. MLflow's run ids are
 * 32 hex digits; a hand-made store can hold anything, and such a run then gets no files.
 */
export function isPlainRunId(runId: string): boolean {
	return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(runId);
}
