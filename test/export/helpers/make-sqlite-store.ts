import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MODERN_DDL } from './modern-ddl.ts';
import { tempDir } from './temp-dir.ts';

export { MODERN_DDL };

/** Run ids of the synthetic store. */
export const RUN_A = 'a'.repeat(32);
export const RUN_B = 'b'.repeat(32);
export const RUN_DELETED = 'd'.repeat(32);
export const MODEL_ID = `m-${'e'.repeat(32)}`;
const DBL_MAX = 1.7976931348623157e308;

/**
 * Writes a small MLflow 3.14-shaped store to a new temporary folder: `mlflow.db` plus
 * `mlartifacts/1/<run>/artifacts/` with an image, a JSON file, an HTML page, a file over 1 MB and
 * a symbolic link. It covers what the real fixtures lack: NaN and ±Infinity rows, two
 * workspaces, aliases, a deleted model version, a prompt, datasets, logged models.
 */
export function makeModernStore(): { dir: string; db: string } {
	const dir = tempDir('mlpages-sqlite-');
	const path = join(dir, 'mlflow.db');
	const db = new DatabaseSync(path);
	db.exec(MODERN_DDL);
	db.exec('BEGIN');
	const run = (sql: string, ...args: Array<string | number | null>) => db.prepare(sql).run(...args);
	run("INSERT INTO alembic_version VALUES ('b7e4c1a90f23')");
	run("INSERT INTO workspaces VALUES ('default', NULL, NULL), ('team-b', NULL, NULL)");
	run("INSERT INTO experiments VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 1700000000000, 1700000000000, 'default')");
	run("INSERT INTO experiments VALUES (1, 'Wheat détection', 'mlflow-artifacts:/1', 'active', 1700000001000, 1700000002000, 'default')");
	run("INSERT INTO experiments VALUES (2, 'old', 'mlflow-artifacts:/2', 'deleted', 1700000001000, 1700000002000, 'default')");
	run("INSERT INTO experiments VALUES (3, 'wheat-detection', 'mlflow-artifacts:/3', 'active', 1700000003000, 1700000003000, 'team-b')");
	run("INSERT INTO experiment_tags VALUES ('mlflow.note.content', '# Notes', 1)");
	const runRow = 'INSERT INTO runs VALUES (?, ?, ?, \'\', \'\', ?, ?, ?, ?, \'\', ?, ?, ?, ?)';
	run(runRow, RUN_A, 'alpha', 'UNKNOWN', 'ada', 'FINISHED', 1700000010000, 1700000020000, 'active', `mlflow-artifacts:/1/${RUN_A}/artifacts`, 1, null);
	run(runRow, RUN_B, '', 'UNKNOWN', null, 'RUNNING', 1700000030000, null, 'active', `file:///elsewhere/mlruns/1/${RUN_B}/artifacts`, 1, null);
	run(runRow, RUN_DELETED, 'gone', 'UNKNOWN', 'ada', 'FAILED', 1700000040000, 1700000050000, 'deleted', '', 1, 1700000060000);
	run(runRow, 'c'.repeat(32), 'in deleted experiment', 'UNKNOWN', 'ada', 'FINISHED', 1, 2, 'active', '', 2, null);
	run("INSERT INTO tags VALUES ('mlflow.runName', 'beta', ?), ('mlflow.user', 'bob', ?), ('mlflow.parentRunId', ?, ?)", RUN_B, RUN_B, RUN_A, RUN_B);
	run("INSERT INTO params VALUES ('lr', '0.1', ?), ('optimizer/name', 'adam', ?), ('empty', '', ?)", RUN_A, RUN_A, RUN_A);
	const metric = 'INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)';
	for (let step = 0; step < 3000; step++) {
		run(metric, 'loss', 1 / (step + 1) + (step === 1234 ? 5 : 0), 1700000010000 + step, RUN_A, step, 0);
	}
	run(metric, 'val_loss', 0.5, 1700000011000, RUN_A, 0, 0);
	run(metric, 'val_loss', 0, 1700000011001, RUN_A, 1, 1);
	run(metric, 'val_loss', DBL_MAX, 1700000011002, RUN_A, 2, 0);
	run(metric, 'val_loss', -DBL_MAX, 1700000011003, RUN_A, 3, 0);
	run(metric, 'val_loss', 0.25, 1700000011004, RUN_A, 4, 0);
	run(metric, 'acc', 0.9, 1700000031000, RUN_B, 5, 0);
	run(metric, 'acc', 0.8, 1700000031000, RUN_B, 5, 0);
	run(metric, 'acc', 0.7, 1700000099000, RUN_DELETED, 0, 0);
	run("INSERT INTO latest_metrics VALUES ('acc', 0.9, 1700000031000, 5, 0, ?)", RUN_B);
	// A stale summary row, as a store written by a crashed process may hold: the history wins.
	run("INSERT INTO latest_metrics VALUES ('val_loss', 0.5, 1700000011000, 0, 0, ?)", RUN_A);
	run("INSERT INTO datasets VALUES ('ds1', 1, 'train', 'abc123', 'local', '{\"uri\": \"data.csv\"}', NULL, '{\"num_rows\": 3}')");
	run("INSERT INTO inputs VALUES ('in1', 'DATASET', 'ds1', 'RUN', ?, 0)", RUN_A);
	run("INSERT INTO input_tags VALUES ('in1', 'mlflow.data.context', 'train')");
	run("INSERT INTO inputs VALUES ('out1', 'RUN_OUTPUT', ?, 'MODEL_OUTPUT', ?, 0)", RUN_A, MODEL_ID);
	run("INSERT INTO logged_models VALUES (?, 1, 'model', 'mlflow-artifacts:/1/models/x/artifacts', 1700000020000, 1700000020000, 2, 'active', NULL, ?, NULL)", MODEL_ID, RUN_A);
	run("INSERT INTO logged_models VALUES (?, 1, 'old', 'x', 1700000020000, 1700000020000, 3, 'deleted', NULL, ?, NULL)", `m-${'f'.repeat(32)}`, RUN_A);
	run("INSERT INTO logged_model_metrics VALUES (?, 'auc', 1700000020000, 0, 0.8, 1, ?, 'ds1', 'train', 'abc123')", MODEL_ID, RUN_A);
	run("INSERT INTO logged_model_metrics VALUES (?, 'auc', 1700000020001, 1, 0.9, 1, ?, 'ds1', 'train', 'abc123')", MODEL_ID, RUN_A);
	run("INSERT INTO logged_model_params VALUES (?, 1, 'depth', '3')", MODEL_ID);
	run("INSERT INTO logged_model_tags VALUES (?, 1, 'mlflow.user', 'ada')", MODEL_ID);
	const rm = 'INSERT INTO registered_models VALUES (?, ?, ?, ?, ?)';
	run(rm, 'Wheat Model', 1700000100000, 1700000100000, 'A **model**', 'default');
	run(rm, 'Wheat Model', 1700000200000, 1700000200000, 'Team B copy', 'team-b');
	run(rm, 'summarise-prompt', 1700000300000, 1700000300000, null, 'default');
	run("INSERT INTO registered_model_tags VALUES ('mlflow.prompt.is_prompt', 'true', 'summarise-prompt', 'default')");
	run("INSERT INTO registered_model_tags VALUES ('team', 'a', 'Wheat Model', 'default')");
	const mv = 'INSERT INTO model_versions VALUES (?, ?, 1700000100000, 1700000100000, NULL, ?, ?, ?, ?, \'READY\', NULL, NULL, NULL, ?)';
	run(mv, 'Wheat Model', 1, 'ada', 'Archived', `runs:/${RUN_A}/model`, RUN_A, 'default');
	run(mv, 'Wheat Model', 2, null, 'Deleted_Internal', 'REDACTED-SOURCE-PATH', 'REDACTED-RUN-ID', 'default');
	run(mv, 'Wheat Model', 10, 'ada', 'None', `models:/${MODEL_ID}`, RUN_A, 'default');
	run(mv, 'Wheat Model', 1, 'bob', 'None', 'https://user:secret@example.com/model?token=abc&x=1', null, 'team-b');
	run("INSERT INTO model_version_tags VALUES ('validated', 'yes', 'Wheat Model', 10, 'default')");
	run("INSERT INTO registered_model_aliases VALUES ('champion', 10, 'Wheat Model', 'default'), ('old', 2, 'Wheat Model', 'default')");
	db.exec('COMMIT');
	db.close();

	const art = join(dir, 'mlartifacts', '1', RUN_A, 'artifacts');
	mkdirSync(join(art, 'model'), { recursive: true });
	mkdirSync(join(art, 'plots'), { recursive: true });
	writeFileSync(join(art, 'model', 'MLmodel'), 'flavors: {}\n');
	writeFileSync(join(art, 'plots', 'loss.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
	writeFileSync(join(art, 'report.html'), '<script>alert(1)</script>');
	writeFileSync(join(art, 'metrics.json'), '{"a": 1}');
	writeFileSync(join(art, 'big.json'), Buffer.alloc(1024 * 1024 + 1, 0x20));
	symlinkSync('/etc/hostname', join(art, 'link.txt'));
	return { dir, db: path };
}

/**
 * Writes an MLflow ≤ 1.4-shaped database (before `metrics.step`, `is_nan`, `latest_metrics`,
 * `experiment_tags` and the registry existed) to a new temporary folder.
 */
export function makeLegacyStore(): { dir: string; db: string } {
	const dir = tempDir('mlpages-sqlite-old-');
	const path = join(dir, 'mlflow.db');
	const db = new DatabaseSync(path);
	db.exec(`
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32));
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50),
  user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER);
CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, timestamp, run_uuid, value));
CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(250) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(250), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
INSERT INTO alembic_version VALUES ('ff01da956556');
INSERT INTO experiments VALUES (0, 'Default', './mlruns/0', 'active');
INSERT INTO runs VALUES ('${RUN_A}', '', 'LOCAL', 'train.py', '', 'ada', 'FINISHED', 1500000000000, 1500000001000, '', 'active', './mlruns/0/${RUN_A}/artifacts', 0);
INSERT INTO metrics VALUES ('rmse', 2.5, 1500000000500, '${RUN_A}'), ('rmse', 2.0, 1500000000600, '${RUN_A}');
INSERT INTO tags VALUES ('mlflow.runName', 'legacy', '${RUN_A}');
`);
	db.close();
	mkdirSync(join(dir, 'mlruns', '0', RUN_A, 'artifacts'), { recursive: true });
	writeFileSync(join(dir, 'mlruns', '0', RUN_A, 'artifacts', 'notes.txt'), 'hello');
	return { dir, db: path };
}
