import type { Run } from '../schemas/run.ts';

/** One row of a runs table: a run and how deep it sits under its parents (0 for top level). */
export interface RunRow {
	run: Run;
	depth: number;
}

/**
 * Orders runs for a table: top-level runs newest first, each followed by its child runs (oldest
 * first, as a sweep ran them), recursively. A run whose parent is not in `runs` counts as top level.
 */
export function groupRuns(runs: readonly Run[]): RunRow[] {
	const ids = new Set(runs.map((r) => r.id));
	const children = new Map<string, Run[]>();
	const roots: Run[] = [];
	for (const run of runs) {
		if (run.parentRunId !== null && ids.has(run.parentRunId) && run.parentRunId !== run.id) {
			children.set(run.parentRunId, [...(children.get(run.parentRunId) ?? []), run]);
		} else roots.push(run);
	}
	const start = (r: Run) => r.startTime ?? -Infinity;
	const rows: RunRow[] = [];
	const seen = new Set<string>();
	const add = (run: Run, depth: number) => {
		if (seen.has(run.id)) return; // a parent cycle in bad data must not loop
		seen.add(run.id);
		rows.push({ run, depth });
		const kids = [...(children.get(run.id) ?? [])].sort((a, b) => start(a) - start(b) || cmp(a.id, b.id));
		for (const kid of kids) add(kid, depth + 1);
	};
	for (const root of [...roots].sort((a, b) => start(b) - start(a) || cmp(a.id, b.id))) add(root, 0);
	for (const run of runs) add(run, 0); // runs only reachable through a cycle
	return rows;
}

/**
 * The param keys worth a column: those that take more than one value among the runs that log
 * them (a param only a sweep's parent logs is not one), sorted, at most `max`. A single run shows
 * its first `max` params.
 */
export function varyingParams(runs: readonly Run[], max = 6): string[] {
	const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort(cmp);
	if (runs.length === 1) return keys.slice(0, max);
	return keys
		.filter((key) => new Set(runs.flatMap((r) => (Object.hasOwn(r.params, key) ? [r.params[key]] : []))).size > 1)
		.slice(0, max);
}

/**
 * The metric keys worth a column: `primary` first when some run has it, then the keys most
 * runs have (ties by name), at most `max`.
 */
export function metricColumns(runs: readonly Run[], primary?: string, max = 6): string[] {
	const counts = new Map<string, number>();
	for (const run of runs) for (const key of Object.keys(run.metrics)) counts.set(key, (counts.get(key) ?? 0) + 1);
	const keys = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || cmp(a, b));
	const ordered = primary && counts.has(primary) ? [primary, ...keys.filter((k) => k !== primary)] : keys;
	return ordered.slice(0, max);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
