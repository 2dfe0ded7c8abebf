/**
 * Decoders for the model registry and MLflow 3 logged models of MLflow's REST API, and GitLab's
 * variant of the registry: timestamps in seconds, `version` holding an internal id while the
 * SemVer the user chose is in `aliases[0]`.
 */
import type { RawLoggedModel, RawModelVersion, RawRegisteredModel } from '../source-reader.ts';
import { array, double, int64, keyValues, object, string, stringOrNull, RestDecodeError, type Json } from './rest-json-values.ts';

type Dialect = 'rest' | 'gitlab';

/** A model or version timestamp in ms: GitLab sends seconds (`created_at.to_i`). */
function registryTime(value: unknown, field: string, dialect: Dialect): number | null {
	if (typeof value === 'string' && dialect === 'gitlab' && !/^-?\d+$/.test(value)) {
		const parsed = Date.parse(value);
		if (!Number.isNaN(parsed)) return parsed;
	}
	const n = int64(value, field);
	return n === null || dialect === 'rest' ? n : n * 1000;
}

/** GitLab sends `""` for unset text (`to_s` of nil); MLflow keeps `""` and absence apart. */
const unset = (value: string | null, dialect: Dialect) => (dialect === 'gitlab' && value === '' ? null : value);

/**
 * Decodes a `RegisteredModel`.
 * @returns The model and its raw `latest_versions` (on GitLab, every version of the model).
 */
export function decodeRegisteredModel(json: unknown, dialect: Dialect): { model: RawRegisteredModel; versions: unknown[] } {
	const m = object(json, 'registered model');
	const aliases: Record<string, string> = {};
	for (const item of array(m['aliases'], 'aliases')) {
		const a = object(item, 'alias');
		aliases[string(a['alias'], 'alias')] = string(a['version'], 'alias version');
	}
	return {
		model: {
			name: string(m['name'], 'name'),
			creationTime: registryTime(m['creation_timestamp'], 'creation_timestamp', dialect),
			lastUpdatedTime: registryTime(m['last_updated_timestamp'], 'last_updated_timestamp', dialect),
			description: unset(stringOrNull(m['description'], 'description'), dialect),
			tags: keyValues(m['tags'], 'tags'),
			aliases,
		},
		versions: array(m['latest_versions'], 'latest_versions'),
	};
}

/**
 * Decodes a `ModelVersion`. On GitLab the version is the SemVer from `aliases[0]` (the entity's
 * `version` is an internal id); older GitLab versions listed raw records with `version` as the
 * SemVer and `created_at` dates, which are read too.
 */
export function decodeModelVersion(json: unknown, dialect: Dialect): RawModelVersion {
	const v = object(json, 'model version');
	const semver = dialect === 'gitlab' ? array(v['aliases'], 'aliases').find((a) => typeof a === 'string' && a !== '') : undefined;
	const raw = dialect === 'gitlab' && v['aliases'] === undefined && v['created_at'] !== undefined;
	return {
		name: string(v['name'] ?? (raw ? v['model_name'] : undefined), 'name'),
		version: typeof semver === 'string' ? semver : string(v['version'], 'version'),
		creationTime: registryTime(v['creation_timestamp'] ?? v['created_at'], 'creation_timestamp', dialect),
		lastUpdatedTime: registryTime(v['last_updated_timestamp'] ?? v['updated_at'], 'last_updated_timestamp', dialect),
		description: unset(stringOrNull(v['description'], 'description'), dialect),
		userId: stringOrNull(v['user_id'], 'user_id'),
		stage: stringOrNull(v['current_stage'], 'current_stage') ?? 'None',
		status: stringOrNull(v['status'], 'status') ?? 'READY',
		source: unset(stringOrNull(v['source'], 'source'), dialect),
		runId: unset(stringOrNull(v['run_id'], 'run_id'), dialect),
		tags: keyValues(v['tags'], 'tags'),
	};
}

const LOGGED_MODEL_STATUS: Record<string, RawLoggedModel['status']> = {
	LOGGED_MODEL_STATUS_UNSPECIFIED: 'UNSPECIFIED',
	LOGGED_MODEL_PENDING: 'PENDING',
	LOGGED_MODEL_READY: 'READY',
	LOGGED_MODEL_UPLOAD_FAILED: 'FAILED',
};

/** Decodes a `LoggedModel` (`{info, data}`); the search only returns models that are not deleted. */
export function decodeLoggedModel(json: unknown): RawLoggedModel {
	const m = object(json, 'logged model');
	const info = object(m['info'], 'info');
	const data = object(m['data'], 'data');
	const status = stringOrNull(info['status'], 'status') ?? 'LOGGED_MODEL_STATUS_UNSPECIFIED';
	const decoded = LOGGED_MODEL_STATUS[status];
	if (decoded === undefined) throw new RestDecodeError(`status ${JSON.stringify(status)} is not a logged-model status`);
	return {
		id: string(info['model_id'], 'model_id'),
		experimentId: string(info['experiment_id'], 'experiment_id'),
		name: string(info['name'], 'name'),
		sourceRunId: stringOrNull(info['source_run_id'], 'source_run_id'),
		status: decoded,
		lifecycleStage: 'active',
		modelType: stringOrNull(info['model_type'], 'model_type'),
		creationTime: int64(info['creation_timestamp_ms'], 'creation_timestamp_ms'),
		params: keyValues(data['params'], 'params'),
		tags: keyValues(info['tags'], 'tags'),
		metrics: array(data['metrics'], 'metrics').map((item) => {
			const p: Json = object(item, 'metric');
			return {
				key: string(p['key'], 'metric key'),
				value: double(p['value'], 'metric value'),
				timestamp: int64(p['timestamp'], 'metric timestamp') ?? 0,
				step: int64(p['step'], 'metric step') ?? 0,
				datasetName: stringOrNull(p['dataset_name'], 'dataset_name'),
				datasetDigest: stringOrNull(p['dataset_digest'], 'dataset_digest'),
			};
		}),
	};
}
