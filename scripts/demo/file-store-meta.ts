import type { DemoExperiment, DemoRun } from './store-model.ts';

/**
 * Which MLflow wrote a file store (`../shared/reference/mlflow-formats.md` §1):
 * - `1.x`: experiments without creation times, runs with the legacy `name: ''` and `run_uuid`
 *   and their name only in the `mlflow.runName` tag, artifact locations relative to the working
 *   folder (`./mlruns/<exp>`), `.trash/` metas left saying `active`; no datasets, logged models
 *   or registry.
 * - `2.x`: creation times, `run_name` and `run_uuid`, `deleted_time`, dataset inputs, the
 *   registry under `models/`, `file://` artifact locations of the machine that logged them.
 * - `3.x`: no `run_uuid`, logged models and run outputs, the artifact URIs of the content.
 */
export type FileStoreLayout = '1.x' | '2.x' | '3.x';

/** RunStatus as the file store writes it (`enum RunStatus` in service.proto). */
const RUN_STATUS = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 } as const;
/** `SourceType.LOCAL`: the file store always writes it; the real source is in the tags. */
const SOURCE_TYPE_LOCAL = 4;
/** Where a `2.x` store's artifacts were on the machine that logged them (a space, as in real stores). */
const LOGGING_MACHINE_ROOT = 'file:///home/ana%20lima/analysis/mlruns';

/** An experiment's `artifact_location` as the layout records it. */
export function experimentArtifactLocation(e: DemoExperiment, layout: FileStoreLayout): string {
	if (layout === '1.x') return `./mlruns/${e.id}`;
	if (layout === '2.x') return `${LOGGING_MACHINE_ROOT}/${e.id}`;
	return e.artifactLocation;
}

/** The experiment's `meta.yaml` fields; `trashed` experiments are in `.trash/`. */
export function experimentMeta(
	e: DemoExperiment,
	layout: FileStoreLayout,
): Record<string, unknown> {
	// MLflow 1.x moved a deleted experiment to .trash/ and left its meta saying `active`.
	const stage = layout === '1.x' ? 'active' : (e.lifecycleStage ?? 'active');
	const base = {
		artifact_location: experimentArtifactLocation(e, layout),
		experiment_id: String(e.id),
		lifecycle_stage: stage,
		name: e.name,
	};
	return layout === '1.x'
		? base
		: { ...base, creation_time: e.creationTime, last_update_time: e.lastUpdateTime };
}

/** The run's `meta.yaml` fields; `trashed` runs belong to an experiment in `.trash/`. */
export function runMeta(
	r: DemoRun,
	layout: FileStoreLayout,
	trashed: boolean,
): Record<string, unknown> {
	const artifactUri =
		layout === '1.x'
			? `./mlruns/${r.experimentId}/${r.id}/artifacts`
			: layout === '2.x'
				? `${LOGGING_MACHINE_ROOT}/${r.experimentId}/${r.id}/artifacts`
				: r.artifactUri;
	const stage = layout === '1.x' && trashed ? 'active' : (r.lifecycleStage ?? 'active');
	const common = {
		artifact_uri: artifactUri,
		end_time: r.endTime,
		entry_point_name: '',
		experiment_id: String(r.experimentId),
		lifecycle_stage: stage,
		run_id: r.id,
		source_name: '',
		source_type: SOURCE_TYPE_LOCAL,
		source_version: '',
		start_time: r.startTime,
		status: RUN_STATUS[r.status],
		tags: [],
		user_id: r.userId,
	};
	if (layout === '1.x') return { ...common, name: '', run_uuid: r.id };
	const named = { ...common, deleted_time: r.deletedTime ?? null, run_name: r.name };
	return layout === '2.x' ? { ...named, run_uuid: r.id } : named;
}
