/**
 * The name a run is shown under: its name, or `(unnamed <first 8 characters of the id>)` when it
 * has none or the name is blank, so every run has a visible, distinguishable label.
 */
export function formatRunName(run: { id: string; name: string | null }): string {
	return run.name !== null && run.name.trim() !== '' ? run.name : `(unnamed ${run.id.slice(0, 8)})`;
}
