import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { RunStatus } from '../../schemas/run.ts';
import type { RawMetricPoint, RawRun, RunMemo } from '../source-reader.ts';
import type { SqliteSchema } from './sqlite-schema.ts';
import { allRows, decodeMetric, num, str } from './sqlite-rows.ts';

const RUN_STATUSES = new Set<RunStatus>(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

/**
 * Where the runs of one experiment are found. MLflow's `runs` table has no index on
 * `experiment_id`, so `runs.experiment_id = ?` scans every run, once per experiment and query:
 * quadratic in a store of many experiments (400 × 100,000 rows × 5 queries in the scale
 * benchmark). The reader copies (experiment_id, run_uuid) once into a temporary table keyed by
 * both (`runIndex`, in SQLite's temp database: the store itself is never written), and every
 * per-experiment query goes through it. `table` is that table, or `runs` when it could not be made.
 */
export interface RunsOf {
	table: string;
}

/** The temporary run index (see RunsOf); `runs` itself when the connection cannot create it. */
export function runIndex(db: DatabaseSync): RunsOf {
	try {
		db.exec(`DROP TABLE IF EXISTS temp.mlpages_runs;
			CREATE TEMP TABLE mlpages_runs (experiment_id INTEGER, run_uuid TEXT, PRIMARY KEY (experiment_id, run_uuid)) WITHOUT ROWID;
			INSERT OR IGNORE INTO temp.mlpages_runs SELECT experiment_id, run_uuid FROM runs`);
		return { table: 'temp.mlpages_runs' };
	} catch {
		return { table: 'runs' };
	}
}

/**
 * Every run of one experiment with its params, tags, `latest_metrics` (null when the table does
 * not exist), dataset inputs and logged-model outputs. Each related table is read with one query
 * per experiment, joined on the run index, not one per run.
 *
 * With a memo (incremental export), each run is first stamped by one cheap query (runStamps) and
 * a run whose stamp is the one recorded is taken from the memo: its params and latest metrics,
 * most of the rows a re-export would read, are then not read at all. The per-experiment queries
 * run only when some run of the experiment is new or changed.
 */
export function readSqliteRuns(
	db: DatabaseSync,
	schema: SqliteSchema,
	runsOf: RunsOf,
	expId: string | number,
	experimentId: string,
	memo: RunMemo | null = null,
	fingerprints?: Map<string, string>,
): RawRun[] {
	const edges = readRunEdges(db, schema, runsOf, expId);
	const stamps = memo === null ? null : runStamps(db, schema, runsOf, expId, edges, fingerprints);
	const found = new Map<string, RawRun>();
	if (memo !== null && stamps !== null) {
		for (const [id, stamp] of stamps) {
			const hit = memo.get(id, stamp);
			if (hit !== null) found.set(id, hit.raw);
		}
		if (found.size === stamps.size) return [...found.values()];
	}
	const params = keyValuesByRun(db, schema, runsOf, 'params', expId);
	const tags = keyValuesByRun(db, schema, runsOf, 'tags', expId);
	const hasLatest = schema.hasTable('latest_metrics');
	const isNan = schema.hasColumn('latest_metrics', 'is_nan') ? 't.is_nan' : '0';
	const latest = hasLatest
		? recordsByRun(db, `SELECT t.run_uuid, t.key, t.value, t.timestamp, t.step, ${isNan} FROM ${runsOf.table} r JOIN latest_metrics t ON r.run_uuid = t.run_uuid WHERE r.experiment_id = ?`, expId, (record: Record<string, RawMetricPoint>, row) => {
				const key = String(row[1]);
				record[key] = { key, value: decodeMetric(row[2], row[5]), timestamp: num(row[3]) ?? 0, step: num(row[4]) ?? 0 };
			})
		: new Map<string, Record<string, RawMetricPoint>>();
	const sql = `SELECT r.run_uuid, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri
		FROM ${runsOf.table} x JOIN runs r ON r.run_uuid = x.run_uuid WHERE x.experiment_id = ? ORDER BY r.run_uuid`;
	return allRows(db.prepare(sql), expId).map((row) => {
		const id = String(row['run_uuid']);
		const hit = found.get(id);
		if (hit !== undefined) return hit;
		const status = String(row['status'] ?? 'RUNNING') as RunStatus;
		const run: RawRun = {
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
		const stamp = stamps?.get(id);
		if (memo !== null && stamp !== undefined) memo.set(id, stamp, run, []);
		return run;
	});
}

/**
 * A stamp per run of the experiment (run id → text, in run id order) that changes whenever
 * anything readSqliteRuns returns for the run changes the way MLflow changes a run:
 * - the `runs` row itself (name: rename; status, end time: the end of a run; lifecycle stage:
 *   deletion and restoring; start time, user, artifact URI), and the experiment id;
 * - every tag, key and value (set_tag updates a row in place, delete_tag removes it);
 * - the number of params: MLflow writes a param once (log_param refuses another value, and there
 *   is no delete), so a new param is a new row. A param value edited in the database by hand is
 *   not noticed until something else in the run changes (as in the file store's stamp);
 * - the number of `latest_metrics` rows and the largest rowid of the run's `metrics` rows: every
 *   new metric point is an INSERT, which SQLite gives a rowid above every existing one, and
 *   `latest_metrics` only moves when a point is logged. Both are read from their run_uuid
 *   indexes (covering: no table row is visited);
 * - its dataset inputs and model outputs.
 * The metrics part (the largest rowid and the latest_metrics count) also goes to `fingerprints`,
 * the reader's metricsFingerprint: a point logged before the run's latest one changes the history
 * but not `latest_metrics`, and only the rowid tells.
 * Null when the store cannot be stamped (no `latest_metrics`, which the run cache needs anyway, or
 * a `metrics` table without rowids): every run is then read.
 */
function runStamps(db: DatabaseSync, schema: SqliteSchema, runsOf: RunsOf, expId: string | number, edges: ReturnType<typeof readRunEdges>, fingerprints?: Map<string, string>): Map<string, string> | null {
	if (!schema.hasTable('latest_metrics') || !schema.hasTable('metrics')) return null;
	const count = (table: string) => (schema.hasTable(table) ? `(SELECT count(*) FROM ${table} t WHERE t.run_uuid = r.run_uuid)` : '0');
	const tags = schema.hasTable('tags') ? `(SELECT json_group_array(json_array(t.key, CAST(t.value AS TEXT))) FROM tags t WHERE t.run_uuid = r.run_uuid)` : "'[]'";
	const sql = `SELECT r.run_uuid, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage, r.artifact_uri,
		${count('params')}, ${count('latest_metrics')}, (SELECT max(m.rowid) FROM metrics m WHERE m.run_uuid = r.run_uuid), ${tags}
		FROM ${runsOf.table} x JOIN runs r ON r.run_uuid = x.run_uuid WHERE x.experiment_id = ? ORDER BY r.run_uuid`;
	let rows: SQLOutputValue[][];
	try {
		const stmt = db.prepare(sql);
		stmt.setReturnArrays(true);
		rows = allRows<SQLOutputValue[]>(stmt, expId);
	} catch (error) {
		// A store SQLite cannot stamp this way (a WITHOUT ROWID metrics table) is read in full.
		if ((error as { code?: unknown }).code === 'ERR_SQLITE_ERROR') return null;
		throw error;
	}
	const stamps = new Map<string, string>();
	for (const row of rows) {
		const id = String(row[0]);
		fingerprints?.set(id, `metrics ${String(row[11])} latest ${String(row[10])}`);
		const inputs = edges.datasets.get(id);
		const outputs = edges.outputs.get(id);
		stamps.set(id, `${row.map(stampPart).join(' ')}${inputs || outputs ? ` ${JSON.stringify([inputs ?? [], outputs ?? []])}` : ''}`);
	}
	return stamps;
}

/** One column of a stamp, unambiguous without escaping (JSON.stringify of every row was a tenth of the stamping). */
function stampPart(value: SQLOutputValue): string {
	if (value === null) return '-';
	if (typeof value === 'string') return `${value.length}:${value}`;
	return value instanceof Uint8Array ? `b${value.join(',')}` : `#${String(value)}`;
}

/**
 * `params` or `tags` of every run of an experiment: run id → { key: value } (NULL values become
 * `''`), as groupRows gives. These are most of the rows an unchanged re-export reads (50 params
 * per run in the benchmark).
 */
function keyValuesByRun(db: DatabaseSync, schema: SqliteSchema, runsOf: RunsOf, table: 'params' | 'tags', expId: string | number): Map<string, Record<string, string>> {
	if (!schema.hasTable(table)) return new Map();
	const sql = `SELECT t.run_uuid, t.key, t.value FROM ${runsOf.table} r JOIN ${table} t ON r.run_uuid = t.run_uuid WHERE r.experiment_id = ?`;
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
	runsOf: RunsOf,
	expId: string | number,
) {
	const datasets = new Map<string, Array<{ datasetId: string; context: string | null }>>();
	const outputs = new Map<string, string[]>();
	if (!schema.hasTable('inputs')) return { datasets, outputs };
	const context = schema.hasTable('input_tags')
		? `(SELECT value FROM input_tags it WHERE it.input_uuid = i.input_uuid AND it.name = 'mlflow.data.context')`
		: 'NULL';
	const sql = `SELECT i.source_type, i.source_id, i.destination_type, i.destination_id, ${context} AS context
		FROM inputs i JOIN ${runsOf.table} r ON r.run_uuid = i.destination_id OR r.run_uuid = i.source_id
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
