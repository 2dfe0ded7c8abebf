import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { RawLoggedModel } from '../source-reader.ts';
import type { SqliteSchema } from './sqlite-schema.ts';
import { allRows, decodeMetric, num, str } from './sqlite-rows.ts';

const STATUS: Record<number, RawLoggedModel['status']> = { 0: 'UNSPECIFIED', 1: 'PENDING', 2: 'READY', 3: 'FAILED' };

/**
 * MLflow 3 logged models of one experiment (`logged_models` with params, tags and metrics);
 * empty for databases older than MLflow 3.0.
 */
export function readSqliteLoggedModels(
	db: DatabaseSync,
	schema: SqliteSchema,
	expId: string | number,
	experimentId: string,
): RawLoggedModel[] {
	if (!schema.hasTable('logged_models')) return [];
	const byModel = (table: string, cols: string) => {
		const map = new Map<string, Array<Record<string, SQLOutputValue>>>();
		if (!schema.hasTable(table)) return map;
		const rows = allRows(db.prepare(`SELECT model_id, ${cols} FROM ${table} WHERE experiment_id = ? ORDER BY model_id`), expId);
		for (const row of rows) {
			const id = String(row['model_id']);
			const list = map.get(id) ?? [];
			list.push(row);
			map.set(id, list);
		}
		return map;
	};
	const params = byModel('logged_model_params', 'param_key AS k, param_value AS v');
	const tags = byModel('logged_model_tags', 'tag_key AS k, tag_value AS v');
	const metrics = byModel(
		'logged_model_metrics',
		'metric_name, metric_value, metric_timestamp_ms, metric_step, dataset_name, dataset_digest',
	);
	const kv = (rows: Array<Record<string, SQLOutputValue>> | undefined) =>
		Object.fromEntries((rows ?? []).map((r) => [String(r['k']), str(r['v']) ?? '']));
	const sql = `SELECT model_id, name, status, ${schema.column('logged_models', 'lifecycle_stage', "'active'")},
		model_type, source_run_id, creation_timestamp_ms FROM logged_models WHERE experiment_id = ? ORDER BY model_id`;
	return allRows(db.prepare(sql), expId).map((row) => {
		const id = String(row['model_id']);
		return {
			id,
			experimentId,
			name: str(row['name']) ?? '',
			sourceRunId: str(row['source_run_id']) || null,
			status: STATUS[Number(row['status'])] ?? 'UNSPECIFIED',
			lifecycleStage: row['lifecycle_stage'] === 'deleted' ? 'deleted' : 'active',
			modelType: str(row['model_type']) || null,
			creationTime: num(row['creation_timestamp_ms']),
			params: kv(params.get(id)),
			tags: kv(tags.get(id)),
			metrics: (metrics.get(id) ?? []).map((m) => ({
				key: String(m['metric_name']),
				value: decodeMetric(m['metric_value'], 0),
				timestamp: num(m['metric_timestamp_ms']) ?? 0,
				step: num(m['metric_step']) ?? 0,
				datasetName: str(m['dataset_name']),
				datasetDigest: str(m['dataset_digest']),
			})),
		};
	});
}
