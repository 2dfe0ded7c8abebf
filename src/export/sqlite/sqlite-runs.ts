import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { RunStatus } from '../../schemas/run.ts';
import type { RawMetricPoint, RawRun } from '../source-reader.ts';
import type { SqliteSchema } from './sqlite-schema.ts';
import { allRows, decodeMetric, num, str } from './sqlite-rows.ts';

const RUN_STATUSES = new Set<RunStatus>(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

/**
 * Every run of one experiment with its params, tags, `latest_metrics` (null when the table does
 * not exist), dataset inputs and logged-model outputs. Each related table is read with one query
 * per experiment, joined on `runs`, not one per run.
 */
export function readSqliteRuns(db: DatabaseSync, schema: SqliteSchema, expId: string | number, experimentId: string): RawRun[] {
	const params = keyValuesByRun(db, schema, 'params', expId);
	const tags = keyValuesByRun(db, schema, 'tags', expId);
	const hasLatest = schema.hasTable('latest_metrics');
	const isNan = schema.hasColumn('latest_metrics', 'is_nan') ? 't.is_nan' : '0';
	const latest = hasLatest
		? recordsByRun(db, `SELECT t.run_uuid, t.key, t.value, t.timestamp, t.step, ${isNan} FROM latest_metrics t JOIN runs r ON r.run_uuid = t.run_uuid WHERE r.experiment_id = ?`, expId, (record: Record<string, RawMetricPoint>, row) => {
				const key = String(row[1]);
				record[key] = { key, value: decodeMetric(row[2], row[5]), timestamp: num(row[3]) ?? 0, step: num(row[4]) ?? 0 };
			})
		: new Map<string, Record<string, RawMetricPoint>>();
	const edges = readRunEdges(db, schema, expId);
	const sql = `SELECT run_uuid, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri
		FROM runs WHERE experiment_id = ? ORDER BY run_uuid`;
	return allRows(db.prepare(sql), expId).map((row) => {
		const id = String(row['run_uuid']);
		const status = String(row['status'] ?? 'RUNNING') as RunStatus;
		return {
			id,
			experimentId,
			name: str(row['name']) || null,
			status: RUN_STATUSES.has(status) ? status : 'RUNNING',
			lifecycleStage: row['lifecycle_stage'] === 'deleted' ? 'deleted' : 'active',
			startTime: num(row['start_time']),
			endTime: num(row['end_time']),
			userId: str(row['user_id']) || null,
			artifactUri: str(row['artifact_uri']),
			params: params.get(id) ?? {},
			tags: tags.get(id) ?? {},
			inputs: edges.datasets.get(id) ?? [],
			outputModelIds: edges.outputs.get(id) ?? [],
			latestMetrics: hasLatest ? (latest.get(id) ?? {}) : null,
		};
	});
}

/**
 * `params` or `tags` of every run of an experiment: run id → { key: value } (NULL values become
 * `''`), as groupRows gives. These are most of the rows an unchanged re-export reads (50 params
 * per run in the benchmark).
 */
function keyValuesByRun(db: DatabaseSync, schema: SqliteSchema, table: 'params' | 'tags', expId: string | number): Map<string, Record<string, string>> {
	if (!schema.hasTable(table)) return new Map();
	const sql = `SELECT t.run_uuid, t.key, t.value FROM ${table} t JOIN runs r ON r.run_uuid = t.run_uuid WHERE r.experiment_id = ?`;
	return recordsByRun(db, sql, expId, (record: Record<string, string>, row) => {
		record[String(row[1])] = str(row[2]) ?? '';
	});
}

/**
 * One record per run from rows whose first column is the run id, each row added by `add`. Rows
 * come as arrays from one all() call: no object per row, and one native call for every row is
 * cheaper than one iterate() step per row.
 */
function recordsByRun<R extends object>(db: DatabaseSync, sql: string, expId: string | number, add: (record: R, row: SQLOutputValue[]) => void): Map<string, R> {
	const stmt = db.prepare(sql);
	stmt.setReturnArrays(true);
	const map = new Map<string, R>();
	let lastId: string | null = null;
	let record = {} as R;
	for (const row of allRows<SQLOutputValue[]>(stmt, expId)) {
		const id = String(row[0]);
		// A run's rows mostly come together: look the record up only when the run changes.
		if (id !== lastId) {
			const found = map.get(id);
			if (found) record = found;
			else map.set(id, (record = {} as R));
			lastId = id;
		}
		add(record, row);
	}
	return map;
}

/** Dataset inputs (with their `mlflow.data.context` tag) and logged-model outputs per run. */
function readRunEdges(
	db: DatabaseSync,
	schema: SqliteSchema,
	expId: string | number,
) {
	const datasets = new Map<string, Array<{ datasetId: string; context: string | null }>>();
	const outputs = new Map<string, string[]>();
	if (!schema.hasTable('inputs')) return { datasets, outputs };
	const context = schema.hasTable('input_tags')
		? `(SELECT value FROM input_tags it WHERE it.input_uuid = i.input_uuid AND it.name = 'mlflow.data.context')`
		: 'NULL';
	const sql = `SELECT i.source_type, i.source_id, i.destination_type, i.destination_id, ${context} AS context
		FROM inputs i JOIN runs r ON r.run_uuid = i.destination_id OR r.run_uuid = i.source_id
		WHERE r.experiment_id = ? ORDER BY i.source_id, i.destination_id`;
	for (const row of allRows(db.prepare(sql), expId)) {
		if (row['source_type'] === 'DATASET' && row['destination_type'] === 'RUN') {
			const run = String(row['destination_id']);
			const list = datasets.get(run) ?? [];
			list.push({ datasetId: String(row['source_id']), context: str(row['context']) });
			datasets.set(run, list);
		} else if (row['source_type'] === 'RUN_OUTPUT' && row['destination_type'] === 'MODEL_OUTPUT') {
			const run = String(row['source_id']);
			const list = outputs.get(run) ?? [];
			list.push(String(row['destination_id']));
			outputs.set(run, list);
		}
	}
	return { datasets, outputs };
}
