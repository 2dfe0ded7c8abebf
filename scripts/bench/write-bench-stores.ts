/**
 * Writes the synthetic runs of synthetic-run.ts as the two MLflow stores the exporter reads:
 * `mlflow.db` with MLflow's full SQLite schema (scripts/demo/mlflow-schema.ts) and an `mlruns/`
 * file store (meta.yaml, one file per param, tag and metric key, lines `<ts> <value> <step>`).
 * Both hold the same data. Runs are generated one at a time, so memory stays flat at 10,000 runs.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DEFAULT_WORKSPACE, MLFLOW_ALEMBIC_REVISION, MLFLOW_TABLES, mlflowSchemaStatements } from '../demo/mlflow-schema.ts';
import { pythonFloat } from '../demo/python-float.ts';
import { pythonYaml } from '../demo/python-yaml.ts';
import { BENCH_EPOCH, experimentCount, runCounts, syntheticRun, type SyntheticRun } from './synthetic-run.ts';

/**
 * Where the two stores go inside the folder given to writeBenchStores. They live in separate
 * folders: the SQLite reader looks for artifacts next to its database (`mlruns/<exp>/<run>/
 * artifacts`), and would otherwise list the file store's folders as this store's artifacts.
 */
export const SQLITE_STORE = 'sqlite/mlflow.db';
export const FILE_STORE = 'files/mlruns';

/** What a written store holds. */
export interface BenchStoreCounts {
	runs: number;
	experiments: number;
	/** Metric rows (SQLite) = metric lines (file store). */
	points: number;
	/** Run-page charts: metric keys with at least 2 points. */
	charts: number;
	/** Files in the file store, run and experiment folders included. */
	files: number;
}

/** The file store writes integer statuses (`enum RunStatus` in service.proto). */
const STATUS_INT = { FINISHED: 3, FAILED: 4 } as const;

type Inserts = Record<'runs' | 'tags' | 'params' | 'metrics' | 'metricsBatch' | 'latest', StatementSync>;
/** Metric rows per multi-row INSERT: one statement call per 100 rows instead of 100 calls. */
const BATCH = 100;
const METRIC_ROW = '(?, ?, ?, ?, ?, 0)';

function prepareInserts(db: DatabaseSync): Inserts {
	return {
		runs: db.prepare(
			`INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time,
			 source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) VALUES (?, ?, 'UNKNOWN', '', '', ?, ?, ?, ?, '', 'active', ?, ?, NULL)`,
		),
		tags: db.prepare('INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)'),
		params: db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)'),
		metrics: db.prepare(`INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ${METRIC_ROW}`),
		metricsBatch: db.prepare(`INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ${Array(BATCH).fill(METRIC_ROW).join(', ')}`),
		latest: db.prepare('INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, 0, ?)'),
	};
}

function insertRun(ins: Inserts, run: SyntheticRun, artifactRoot: string): void {
	ins.runs.run(run.id, run.name, run.userId, run.status, run.startTime, run.endTime, `${artifactRoot}/${run.experimentId}/${run.id}/artifacts`, run.experimentId);
	for (const [k, v] of Object.entries(run.tags)) ins.tags.run(k, v, run.id);
	for (const [k, v] of Object.entries(run.params)) ins.params.run(k, v, run.id);
	for (const m of run.metrics) {
		let i = 0;
		for (; i + BATCH <= m.step.length; i += BATCH) {
			const values: (string | number)[] = [];
			for (let j = i; j < i + BATCH; j++) values.push(m.key, m.value[j]!, m.timestamp[j]!, run.id, m.step[j]!);
			ins.metricsBatch.run(...values);
		}
		for (; i < m.step.length; i++) ins.metrics.run(m.key, m.value[i]!, m.timestamp[i]!, run.id, m.step[i]!);
		const last = m.step.length - 1;
		ins.latest.run(m.key, m.value[last]!, m.timestamp[last]!, m.step[last]!, run.id);
	}
}

function writeRunFolder(root: string, run: SyntheticRun, artifactRoot: string): number {
	const dir = join(root, String(run.experimentId), run.id);
	for (const sub of ['params', 'tags', 'metrics', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
	writeFileSync(
		join(dir, 'meta.yaml'),
		pythonYaml({
			artifact_uri: `${artifactRoot}/${run.experimentId}/${run.id}/artifacts`,
			deleted_time: null,
			end_time: run.endTime,
			entry_point_name: '',
			experiment_id: String(run.experimentId),
			lifecycle_stage: 'active',
			run_id: run.id,
			run_name: run.name,
			source_name: '',
			source_type: 4,
			source_version: '',
			start_time: run.startTime,
			status: STATUS_INT[run.status],
			tags: [],
			user_id: run.userId,
		}),
	);
	for (const [k, v] of Object.entries(run.params)) writeFileSync(join(dir, 'params', k), v);
	for (const [k, v] of Object.entries(run.tags)) writeFileSync(join(dir, 'tags', k), v);
	for (const m of run.metrics) {
		let text = '';
		for (let i = 0; i < m.step.length; i++) text += `${m.timestamp[i]} ${pythonFloat(m.value[i]!)} ${m.step[i]}\n`;
		writeFileSync(join(dir, 'metrics', m.key), text);
	}
	return 1 + Object.keys(run.params).length + Object.keys(run.tags).length + run.metrics.length;
}

/**
 * Writes `runs` synthetic runs (seed `seed`) as `<dir>/sqlite/mlflow.db` and `<dir>/files/mlruns/`, replacing
 * both. Indexes are created after the rows are in, which is what makes 6M rows take seconds.
 */
export function writeBenchStores(dir: string, runs: number, seed: number): BenchStoreCounts {
	const dbPath = join(dir, SQLITE_STORE);
	const fileRoot = join(dir, FILE_STORE);
	rmSync(dbPath, { force: true });
	rmSync(fileRoot, { recursive: true, force: true });
	mkdirSync(fileRoot, { recursive: true });
	mkdirSync(dirname(dbPath), { recursive: true });
	const experiments = experimentCount(runs);
	const counts: BenchStoreCounts = { runs, experiments, points: 0, charts: 0, files: 0 };
	const db = new DatabaseSync(dbPath);
	try {
		db.exec('PRAGMA journal_mode=OFF');
		db.exec('PRAGMA synchronous=OFF');
		// The metrics primary key is a second B-tree filled in random key order: keep it in memory.
		db.exec('PRAGMA cache_size=-1000000');
		const statements = mlflowSchemaStatements();
		db.exec('BEGIN');
		for (const s of statements.slice(0, MLFLOW_TABLES.length)) db.exec(s);
		db.prepare('INSERT INTO alembic_version (version_num) VALUES (?)').run(MLFLOW_ALEMBIC_REVISION);
		db.prepare('INSERT INTO workspaces (name, description) VALUES (?, ?)').run(DEFAULT_WORKSPACE.name, DEFAULT_WORKSPACE.description);
		const insertExperiment = db.prepare(
			`INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace)
			 VALUES (?, ?, ?, 'active', ?, ?, 'default')`,
		);
		for (let e = 1; e <= experiments; e++) {
			const name = `bench-experiment-${String(e).padStart(2, '0')}`;
			insertExperiment.run(e, name, `mlflow-artifacts:/${e}`, BENCH_EPOCH, BENCH_EPOCH);
			mkdirSync(join(fileRoot, String(e)), { recursive: true });
			writeFileSync(
				join(fileRoot, String(e), 'meta.yaml'),
				pythonYaml({ artifact_location: `mlflow-artifacts:/${e}`, creation_time: BENCH_EPOCH, experiment_id: String(e), last_update_time: BENCH_EPOCH, lifecycle_stage: 'active', name }),
			);
			counts.files += 2;
		}
		const ins = prepareInserts(db);
		for (let i = 0; i < runs; i++) {
			const run = syntheticRun(seed, runs, i);
			insertRun(ins, run, 'mlflow-artifacts:');
			counts.files += 1 + writeRunFolder(fileRoot, run, 'mlflow-artifacts:');
			const c = runCounts(run);
			counts.points += c.points;
			counts.charts += c.charts;
		}
		db.exec('COMMIT');
		db.exec('BEGIN');
		for (const s of statements.slice(MLFLOW_TABLES.length)) db.exec(s);
		db.exec('COMMIT');
	} finally {
		db.close();
	}
	return counts;
}

/**
 * Adds one run (index `runs`, kind `short`, a new training run in experiment
 * `1 + runs % experiments`) to both stores written by writeBenchStores. Returns it.
 */
export function appendBenchRun(dir: string, runs: number, seed: number): SyntheticRun {
	const run = syntheticRun(seed, runs, runs, 'short');
	const db = new DatabaseSync(join(dir, SQLITE_STORE));
	try {
		db.exec('BEGIN');
		insertRun(prepareInserts(db), run, 'mlflow-artifacts:');
		db.exec('COMMIT');
	} finally {
		db.close();
	}
	writeRunFolder(join(dir, FILE_STORE), run, 'mlflow-artifacts:');
	return run;
}
