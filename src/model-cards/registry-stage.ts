/**
 * MLflow's legacy registry stages as the site shows them. `None` (and GitLab's `development`
 * default) say nothing, so they are not shown; `Archived` is shown on the version itself but
 * not in a model's summary, which names the versions in use.
 */
const SILENT = new Set(['', 'none', 'development']);

/** The stage to show on a version (`Production`), or null when it says nothing. */
export function shownStage(stage: string): string | null {
	return SILENT.has(stage.trim().toLowerCase()) ? null : stage.trim();
}

/** Class of a stage chip: `stage-production`, `stage-staging`, `stage-archived` or `stage-other`. */
export function stageClass(stage: string): string {
	const s = stage.trim().toLowerCase();
	return `chip stage stage-${s === 'production' || s === 'staging' || s === 'archived' ? s : 'other'}`;
}

const ORDER: Record<string, number> = { production: 0, staging: 1 };

/**
 * A model's versions in a stage other than None and Archived, Production first, then Staging,
 * then other stages by name; within a stage newest version first.
 * @example stagedVersions([{ version: '2', stage: 'Production' }]) → [{ stage: 'Production', version: '2' }]
 */
export function stagedVersions(versions: readonly { version: string; stage: string }[]): { stage: string; version: string }[] {
	const rank = (s: string) => ORDER[s.toLowerCase()] ?? 2;
	return versions
		.flatMap((v) => {
			const stage = shownStage(v.stage);
			return stage && stage.toLowerCase() !== 'archived' ? [{ stage, version: v.version }] : [];
		})
		.reverse()
		.sort((a, b) => rank(a.stage) - rank(b.stage) || (rank(a.stage) === 2 ? a.stage.localeCompare(b.stage) : 0));
}
