import { join } from 'node:path';
import { skippedBadRecord } from '../../messages.ts';
import type { RunStatus } from '../../schemas/run.ts';
import type { RawRun } from '../source-reader.ts';
import type { ExperimentLocation } from './file-store-experiments.ts';
import { display, listEntries, readKeyValues, readMeta, type StoreContext } from './file-store-walk.ts';

/** Folders of an experiment that are never runs (`FileStore.RESERVED_EXPERIMENT_FOLDERS`). */
const RESERVED = new Set(['tags', 'datasets', 'traces', 'models']);

/** Run status by the integer the file store writes (`enum RunStatus` in service.proto). */
const STATUS_BY_INT: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

/** Where one run lives in the store. */
export interface RunLocation {
	/** The folder name, which MLflow requires to equal `run_id`. */
	id: string;
	dir: string;
	rel: string;
	/** Sub-folders of the run folder, filled by runSubfolders (git drops empty ones, and listing once is cheaper than probing). */
	folders: Set<string>;
	/** Whether `folders` has been filled. */
	listed: boolean;
}

/** The run folder's sub-folders, in name order, listed on the first call only (the stamp and the read share it). */
export function runSubfolders(loc: RunLocation): Set<string> {
	if (!loc.listed) {
		for (const entry of listEntries(loc.dir)) if (entry.isDirectory()) loc.folders.add(entry.name);
		loc.listed = true;
	}
	return loc.folders;
}

/** Run folders of an experiment: every sub-folder except reserved and hidden ones. */
export function listRunFolders(exp: ExperimentLocation): RunLocation[] {
	return listEntries(exp.dir)
		.filter((e) => e.isDirectory() && !RESERVED.has(e.name) && !e.name.startsWith('.'))
		.map((e) => ({ id: e.name, dir: `${exp.dir}/${e.name}`, rel: `${exp.rel}/${e.name}`, folders: new Set<string>(), listed: false }));
}

/**
 * Reads a run: meta.yaml (legacy `run_uuid`, integer status, missing fields), `params/`,
 * `tags/`, dataset `inputs/` and model `outputs/`. Returns null, after a warning, when the meta
 * is missing or broken, or names another run or experiment than its folders.
 */
export function readRun(ctx: StoreContext, loc: RunLocation, exp: ExperimentLocation): RawRun | null {
	const meta = readMeta(ctx, loc.dir, loc.rel, 'run');
	if (meta === null) return null;
	const where = display(ctx, `${loc.rel}/meta.yaml`);
	const skip = (reason: string) => (ctx.warn(skippedBadRecord('run', where, reason)), null);
	const id = meta.text('run_id') || meta.text('run_uuid');
	if (id !== loc.id) {
		return skip(id ? `its run_id "${id}" does not match the folder name` : 'it has no run_id');
	}
	const experimentId = meta.text('experiment_id');
	if (experimentId !== exp.id) {
		return skip(experimentId ? `its experiment_id "${experimentId}" does not match the experiment folder` : 'it has no experiment_id');
	}
	const status = runStatus(meta.get('status'));
	if (status === null) return skip(`its status "${String(meta.get('status'))}" is not an MLflow run status`);
	runSubfolders(loc);
	const keyValues = (folder: string) =>
		loc.folders.has(folder) ? readKeyValues(ctx, `${loc.dir}/${folder}`, `${loc.rel}/${folder}`) : Object.create(null);
	const tags: Record<string, string> = keyValues('tags');
	return {
		id,
		experimentId,
		name: meta.text('run_name') || tags['mlflow.runName'] || null,
		status,
		lifecycleStage: exp.trashed || meta.text('lifecycle_stage') === 'deleted' ? 'deleted' : 'active',
		startTime: meta.int('start_time'),
		endTime: meta.int('end_time'),
		userId: meta.text('user_id') || null,
		artifactUri: meta.text('artifact_uri'),
		params: keyValues('params'),
		tags,
		inputs: loc.folders.has('inputs') ? readInputs(ctx, loc) : [],
		outputModelIds: loc.folders.has('outputs') ? readOutputs(ctx, loc) : [],
		latestMetrics: null,
	};
}

/** Integer (1..5, possibly quoted) or name; a missing status is RUNNING, as MLflow reads it. */
function runStatus(value: unknown): RunStatus | null {
	if (value === undefined || value === null) return 'RUNNING';
	if (typeof value === 'number') return STATUS_BY_INT[value - 1] ?? null;
	if (typeof value === 'string') {
		return /^[1-5]$/.test(value) ? STATUS_BY_INT[Number(value) - 1]! : (STATUS_BY_INT.find((s) => s === value) ?? null);
	}
	return null;
}

/**
 * Dataset inputs (`inputs/<input_id>/meta.yaml`, `source_type: DATASET`). The dataset id is
 * `source_id`: MLflow writes the dataset id into `destination_id` too, so that field is not the run.
 * Model inputs are not part of the snapshot and are ignored.
 */
function readInputs(ctx: StoreContext, run: RunLocation): RawRun['inputs'] {
	const inputs: RawRun['inputs'] = [];
	for (const entry of listEntries(join(run.dir, 'inputs'))) {
		if (!entry.isDirectory()) continue;
		const rel = `${run.rel}/inputs/${entry.name}`;
		const meta = readMeta(ctx, join(run.dir, 'inputs', entry.name), rel, 'run input');
		if (meta === null || meta.text('source_type') !== 'DATASET') continue;
		const datasetId = meta.text('source_id');
		if (!datasetId) {
			ctx.warn(skippedBadRecord('run input', display(ctx, `${rel}/meta.yaml`), 'it has no source_id'));
			continue;
		}
		const context = meta.map('tags')?.['mlflow.data.context'];
		inputs.push({ datasetId, context: typeof context === 'string' ? context : null });
	}
	return inputs;
}

/** Logged models the run produced: `outputs/<model_id>/`, the folder name being the model id. */
function readOutputs(ctx: StoreContext, run: RunLocation): string[] {
	const ids: string[] = [];
	for (const entry of listEntries(join(run.dir, 'outputs'))) {
		if (!entry.isDirectory()) continue;
		const rel = `${run.rel}/outputs/${entry.name}`;
		const meta = readMeta(ctx, join(run.dir, 'outputs', entry.name), rel, 'run output');
		const type = meta?.text('destination_type');
		if (meta !== null && (type === null || type === 'MODEL_OUTPUT')) ids.push(entry.name);
	}
	return ids;
}
