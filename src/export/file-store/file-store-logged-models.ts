import { join } from 'node:path';
import { skippedBadRecord } from '../../messages.ts';
import type { RawLoggedModel } from '../source-reader.ts';
import type { ExperimentLocation } from './file-store-experiments.ts';
import { readMetricBatches } from './file-store-metrics.ts';
import { display, listEntries, listKeyFiles, readKeyValues, readMeta, type StoreContext } from './file-store-walk.ts';

/** Logged-model status by the integer MLflow 3 writes (`LoggedModelStatus.to_int`). */
const STATUS_BY_INT: readonly RawLoggedModel['status'][] = ['UNSPECIFIED', 'PENDING', 'READY', 'FAILED'];

/**
 * MLflow 3 logged models of an experiment (`<exp>/models/m-<hex>/`): meta.yaml, `params/`,
 * `tags/`, and `metrics/` with 4- or 6-field lines (`ts value step run_id [dataset digest]`).
 * `lifecycle_stage` is absent in MLflow 3.1/3.2 files and means `active`; under `.trash/` a
 * model is deleted. A model whose meta is broken or names another id or experiment is skipped
 * with a warning.
 */
export function readLoggedModels(ctx: StoreContext, exp: ExperimentLocation): RawLoggedModel[] {
	const models: RawLoggedModel[] = [];
	for (const entry of listEntries(join(exp.dir, 'models'))) {
		if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
		const dir = join(exp.dir, 'models', entry.name);
		const rel = `${exp.rel}/models/${entry.name}`;
		const meta = readMeta(ctx, dir, rel, 'logged model');
		if (meta === null) continue;
		const where = display(ctx, `${rel}/meta.yaml`);
		const id = meta.text('model_id');
		const experimentId = meta.text('experiment_id');
		const status = loggedModelStatus(meta.get('status'));
		const problem =
			id !== entry.name ? `its model_id "${id}" does not match the folder name`
			: experimentId !== exp.id ? `its experiment_id "${experimentId}" does not match the experiment folder`
			: status === null ? `its status "${String(meta.get('status'))}" is not a logged-model status`
			: null;
		if (problem !== null || status === null) {
			ctx.warn(skippedBadRecord('logged model', where, problem ?? 'its status is unknown'));
			continue;
		}
		const metrics: RawLoggedModel['metrics'] = [];
		for (const file of listKeyFiles(ctx, join(dir, 'metrics'), `${rel}/metrics`)) {
			for (const batch of readMetricBatches(ctx, file, 'model')) {
				for (const { key, value, timestamp, step, datasetName, datasetDigest } of batch) {
					metrics.push({ key, value, timestamp, step, datasetName, datasetDigest });
				}
			}
		}
		models.push({
			id: entry.name,
			experimentId: exp.id,
			name: meta.text('name') ?? entry.name,
			sourceRunId: meta.text('source_run_id') || null,
			status,
			lifecycleStage: exp.trashed || meta.text('lifecycle_stage') === 'deleted' ? 'deleted' : 'active',
			modelType: meta.text('model_type') || null,
			creationTime: meta.int('creation_timestamp'),
			params: readKeyValues(ctx, join(dir, 'params'), `${rel}/params`),
			tags: readKeyValues(ctx, join(dir, 'tags'), `${rel}/tags`),
			metrics,
		});
	}
	return models;
}

/** Integer 0..3, or the REST name (`LOGGED_MODEL_READY`); missing means UNSPECIFIED. */
function loggedModelStatus(value: unknown): RawLoggedModel['status'] | null {
	if (value === undefined || value === null) return 'UNSPECIFIED';
	if (typeof value === 'number') return STATUS_BY_INT[value] ?? null;
	if (typeof value === 'string') {
		const name = value.replace(/^LOGGED_MODEL_/, '').replace(/^UPLOAD_FAILED$/, 'FAILED');
		return STATUS_BY_INT.find((s) => s === name) ?? null;
	}
	return null;
}
