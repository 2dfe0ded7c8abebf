/**
 * Decoders for the tracking entities of MLflow's REST API (section 3.5 of the formats reference)
 * and GitLab's variant of them. Each throws a short reason when a record cannot be read.
 */
import { createHash } from 'node:crypto';
import type { RunStatus } from '../../schemas/run.ts';
import type { RawDataset, RawExperiment, RawMetricPoint, RawRun } from '../source-reader.ts';
import { array, double, int64, keyValues, object, string, stringOrNull, RestDecodeError } from './rest-json-values.ts';

const STATUSES: ReadonlySet<string> = new Set(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

const stage = (value: unknown): 'active' | 'deleted' => (value === 'deleted' ? 'deleted' : 'active');

/** Decodes an `Experiment`; GitLab's placeholder artifact location `not_implemented` becomes null. */
export function decodeExperiment(json: unknown): RawExperiment {
	const e = object(json, 'experiment');
	const location = stringOrNull(e['artifact_location'], 'artifact_location');
	return {
		id: string(e['experiment_id'], 'experiment_id'),
		name: string(e['name'], 'name'),
		lifecycleStage: stage(e['lifecycle_stage']),
		artifactLocation: location === 'not_implemented' ? null : location,
		creationTime: int64(e['creation_time'], 'creation_time'),
		lastUpdateTime: int64(e['last_update_time'], 'last_update_time'),
		tags: keyValues(e['tags'], 'tags'),
	};
}

/** Decodes a `Metric` (value may be `"NaN"`, `"Infinity"`, `"-Infinity"`; step defaults to 0). */
export function decodeMetric(json: unknown): RawMetricPoint {
	const m = object(json, 'metric');
	return {
		key: string(m['key'], 'metric key'),
		value: double(m['value'], 'metric value'),
		timestamp: int64(m['timestamp'], 'metric timestamp') ?? 0,
		step: int64(m['step'], 'metric step') ?? 0,
	};
}

/** Dataset id shared with the file store: md5 of name + digest, hex. */
export function datasetId(name: string, digest: string): string {
	return createHash('md5').update(name + digest, 'utf8').digest('hex');
}

/**
 * Decodes a `Run` with the datasets its inputs name.
 * @param dialect GitLab sends `start_time` 0 for unknown and every logged metric row in
 *   `data.metrics`; the latest per key is picked as MLflow does, by (step, timestamp, value).
 */
export function decodeRun(json: unknown, dialect: 'rest' | 'gitlab'): { run: RawRun; datasets: RawDataset[] } {
	const r = object(json, 'run');
	const info = object(r['info'], 'info');
	const data = object(r['data'], 'data');
	const id = string(info['run_id'] ?? info['run_uuid'], 'run_id');
	const experimentId = string(info['experiment_id'], 'experiment_id');
	const status = info['status'] === undefined ? 'RUNNING' : string(info['status'], 'status').toUpperCase();
	if (!STATUSES.has(status)) throw new RestDecodeError(`status ${JSON.stringify(status)} is not a run status`);
	const startTime = int64(info['start_time'], 'start_time');
	const datasets: RawDataset[] = [];
	const inputs: RawRun['inputs'] = [];
	for (const input of array(object(r['inputs'], 'inputs')['dataset_inputs'], 'dataset_inputs')) {
		const entry = object(input, 'dataset_input');
		const d = object(entry['dataset'], 'dataset');
		const name = string(d['name'], 'dataset name');
		const digest = string(d['digest'], 'dataset digest');
		const dataset: RawDataset = {
			id: datasetId(name, digest),
			experimentId,
			name,
			digest,
			sourceType: stringOrNull(d['source_type'], 'dataset source_type') ?? '',
			source: stringOrNull(d['source'], 'dataset source') ?? '',
			schema: stringOrNull(d['schema'], 'dataset schema'),
			profile: stringOrNull(d['profile'], 'dataset profile'),
		};
		datasets.push(dataset);
		const context = keyValues(entry['tags'], 'dataset input tags')['mlflow.data.context'];
		inputs.push({ datasetId: dataset.id, context: context ?? null });
	}
	const outputs = array(object(r['outputs'], 'outputs')['model_outputs'], 'model_outputs');
	return {
		run: {
			id,
			experimentId,
			name: stringOrNull(info['run_name'], 'run_name'),
			status: status as RunStatus,
			lifecycleStage: stage(info['lifecycle_stage']),
			startTime: dialect === 'gitlab' && startTime === 0 ? null : startTime,
			endTime: int64(info['end_time'], 'end_time'),
			userId: stringOrNull(info['user_id'], 'user_id'),
			artifactUri: stringOrNull(info['artifact_uri'], 'artifact_uri'),
			params: keyValues(data['params'], 'params'),
			tags: keyValues(data['tags'], 'tags'),
			inputs,
			outputModelIds: outputs.map((o) => string(object(o, 'model_output')['model_id'], 'model_id')),
			latestMetrics: latestPerKey(array(data['metrics'], 'metrics').map(decodeMetric)),
		},
		datasets,
	};
}

/** The latest point per key: the largest (step, timestamp, value), as MLflow's stores pick it. */
export function latestPerKey(points: RawMetricPoint[]): Record<string, RawMetricPoint> {
	const latest: Record<string, RawMetricPoint> = {};
	for (const p of points) {
		const held = latest[p.key];
		if (held === undefined || compare(p, held) > 0) latest[p.key] = p;
	}
	return latest;
}

function compare(a: RawMetricPoint, b: RawMetricPoint): number {
	if (a.step !== b.step) return a.step - b.step;
	if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
	const av = Number.isNaN(a.value) ? Number.NEGATIVE_INFINITY : a.value;
	const bv = Number.isNaN(b.value) ? Number.NEGATIVE_INFINITY : b.value;
	return av === bv ? 0 : av > bv ? 1 : -1;
}
