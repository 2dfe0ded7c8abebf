/**
 * Writes the scale store of scale-run.ts as `mlflow.db` with MLflow 3.14's SQLite schema
 * (scripts/demo/mlflow-schema.ts, Alembic head `b7e4c1a90f23`): 100,000 runs are 20M metric
 * rows. One transaction, prepared multi-row INSERTs, metric rows in primary-key order (key by
 * key, run by run, see scale-run.ts) and the secondary indexes built after the rows are in.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DEFAULT_WORKSPACE, MLFLOW_ALEMBIC_REVISION, MLFLOW_TABLES, mlflowSchemaStatements } from '../demo/mlflow-schema.ts';
import { SCALE_EPOCH, SCALE_METRIC_KEYS, SCALE_STEPS, scaleExperimentCount, scaleMetric, scaleRun } from './scale-run.ts';

export interface ScaleStoreCounts {
	runs: number;
	experiments: number;
	nested: number;
	/** Metric rows. */
	points: number;
	params: number;
	tags: number;
	bytes: number;
}

/** Where the writer is, for a progress line: `phase` and how much of it is done (0–1). */
export type ScaleProgress = (phase: 'runs' | 'metrics' | 'indexes', done: number) => void;

/** `row, row, …` n times: one multi-row VALUES list. */
const rowsOf = (n: number, row: string) => Array(n).fill(row).join(', ');

/**
 * Writes `runs` runs (seed `seed`) to `dbPath`, replacing it; `progress` is called about every
 * 1 % of each phase. Returns what was written.
 */
export function writeScaleStore(dbPath: string, runs: number, seed: number, progress: ScaleProgress = () => {}): ScaleStoreCounts {
	rmSync(dbPath, { force: true });
	mkdirSync(dirname(dbPath), { recursive: true });
	const experiments = scaleExperimentCount(runs);
	const counts: ScaleStoreCounts = { runs, experiments, nested: 0, points: 0, params: 0, tags: 0, bytes: 0 };
	const db = new DatabaseSync(dbPath);
	const every = Math.max(1, Math.floor(runs / 100));
	try {
		db.exec('PRAGMA journal_mode=OFF');
		db.exec('PRAGMA synchronous=OFF');
		db.exec('PRAGMA cache_size=-262144'); // 256 MiB: the params, tags and latest_metrics keys are filled in random order.
		const statements = mlflowSchemaStatements();
		db.exec('BEGIN');
		for (const s of statements.slice(0, MLFLOW_TABLES.length)) db.exec(s);
		db.prepare('INSERT INTO alembic_version (version_num) VALUES (?)').run(MLFLOW_ALEMBIC_REVISION);
		db.prepare('INSERT INTO workspaces (name, description) VALUES (?, ?)').run(DEFAULT_WORKSPACE.name, DEFAULT_WORKSPACE.description);
		const experiment = db.prepare(
			`INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace)
			 VALUES (?, ?, ?, 'active', ?, ?, 'default')`,
		);
		for (let e = 1; e <= experiments; e++) experiment.run(e, `scale-sweep-${String(e).padStart(3, '0')}`, `mlflow-artifacts:/${e}`, SCALE_EPOCH, SCALE_EPOCH);
		const run = db.prepare(
			`INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time,
			 source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) VALUES (?, ?, 'UNKNOWN', '', '', ?, ?, ?, ?, '', 'active', ?, ?, NULL)`,
		);
		const param = db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)');
		const tag = db.prepare('INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)');
		const latest = db.prepare(`INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ${rowsOf(SCALE_METRIC_KEYS.length, '(?, ?, ?, ?, 0, ?)')}`);
		const clocks: { startTime: number; stepMs: number }[] = [];
		const ids: string[] = [];
		for (let i = 0; i < runs; i++) {
			const r = scaleRun(seed, i);
			clocks.push({ startTime: r.startTime, stepMs: r.stepMs });
			ids.push(r.id);
			run.run(r.id, r.name, r.userId, r.status, r.startTime, r.endTime, `mlflow-artifacts:/${r.experimentId}/${r.id}/artifacts`, r.experimentId);
			for (const [k, v] of Object.entries(r.params)) param.run(k, v, r.id);
			for (const [k, v] of Object.entries(r.tags)) tag.run(k, v, r.id);
			const last: (string | number)[] = [];
			for (let k = 0; k < SCALE_METRIC_KEYS.length; k++) {
				const m = scaleMetric(seed, i, k, clocks[i]!);
				last.push(m.key, m.value[SCALE_STEPS - 1]!, m.timestamp[SCALE_STEPS - 1]!, SCALE_STEPS - 1, r.id);
			}
			latest.run(...last);
			counts.params += Object.keys(r.params).length;
			counts.tags += Object.keys(r.tags).length;
			if (r.parentId !== null) counts.nested++;
			if (i % every === 0) progress('runs', i / runs);
		}
		// One statement call per run and key: its 20 rows.
		const rows = db.prepare(`INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ${rowsOf(SCALE_STEPS, '(?, ?, ?, ?, ?, 0)')}`);
		const values: (string | number)[] = new Array(SCALE_STEPS * 5);
		for (let k = 0; k < SCALE_METRIC_KEYS.length; k++) {
			for (let i = 0; i < runs; i++) {
				const m = scaleMetric(seed, i, k, clocks[i]!);
				for (let s = 0; s < SCALE_STEPS; s++) {
					const o = s * 5;
					values[o] = m.key;
					values[o + 1] = m.value[s]!;
					values[o + 2] = m.timestamp[s]!;
					values[o + 3] = ids[i]!;
					values[o + 4] = m.step[s]!;
				}
				rows.run(...values);
				counts.points += SCALE_STEPS;
				if (i % every === 0) progress('metrics', (k * runs + i) / (runs * SCALE_METRIC_KEYS.length));
			}
		}
		const rest = statements.slice(MLFLOW_TABLES.length);
		rest.forEach((s, n) => {
			db.exec(s);
			progress('indexes', (n + 1) / rest.length);
		});
		db.exec('COMMIT');
	} finally {
		db.close();
	}
	counts.bytes = statSync(dbPath).size;
	return counts;
}
