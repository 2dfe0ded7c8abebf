import type { ModelVersion } from '../schemas/model-version.ts';
import type { RunSummary } from '../schemas/run-summary.ts';

/** What a run page links besides the run itself. */
export interface RunRelations {
	byId: Map<string, RunSummary>;
	/** Child runs by parent id, oldest first (as a sweep ran them). */
	children: Map<string, RunSummary[]>;
	/** Model versions made from each run: model slug, version, model name. */
	versionsByRun: Map<string, Array<{ slug: string; version: string; name: string }>>;
}

/**
 * Parents, children and model versions of every run, from the run summaries (newest first, as
 * getRunSummaries gives them) and the model versions by model: the links of a run page.
 */
export function runRelations(runs: readonly RunSummary[], modelVersions: Iterable<readonly ModelVersion[]>): RunRelations {
	const byId = new Map(runs.map((r) => [r.id, r]));
	const children = new Map<string, RunSummary[]>();
	for (const run of [...runs].reverse()) {
		if (run.parentRunId === null) continue;
		const list = children.get(run.parentRunId);
		if (list) list.push(run);
		else children.set(run.parentRunId, [run]);
	}
	const versionsByRun = new Map<string, Array<{ slug: string; version: string; name: string }>>();
	for (const versions of modelVersions) {
		for (const v of versions) {
			if (v.runId === null) continue;
			const entry = { slug: v.modelSlug, version: v.version, name: v.name };
			const list = versionsByRun.get(v.runId);
			if (list) list.push(entry);
			else versionsByRun.set(v.runId, [entry]);
		}
	}
	return { byId, children, versionsByRun };
}
