import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { tempDir } from './temp-dir.ts';

/** The MLflow 3.14 DDL subset the exporter reads (from tests/db/schemas/sqlite.sql, abridged). */
export const MODERN_DDL = `
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE TABLE workspaces (name VARCHAR(63) PRIMARY KEY, description TEXT, default_artifact_root TEXT);
CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256),
  lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT, workspace VARCHAR(63) DEFAULT 'default' NOT NULL);
CREATE TABLE experiment_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL, PRIMARY KEY (key, experiment_id));
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500),
  entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50),
  lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT);
CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
  step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL, PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan));
CREATE TABLE latest_metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT, step BIGINT NOT NULL, is_nan BOOLEAN NOT NULL,
  run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
CREATE TABLE datasets (dataset_uuid VARCHAR(36) NOT NULL, experiment_id INTEGER NOT NULL, name VARCHAR(500) NOT NULL, digest VARCHAR(36) NOT NULL,
  dataset_source_type VARCHAR(36) NOT NULL, dataset_source TEXT NOT NULL, dataset_schema TEXT, dataset_profile TEXT, PRIMARY KEY (experiment_id, name, digest));
CREATE TABLE inputs (input_uuid VARCHAR(36) NOT NULL, source_type VARCHAR(36) NOT NULL, source_id VARCHAR(36) NOT NULL,
  destination_type VARCHAR(36) NOT NULL, destination_id VARCHAR(36) NOT NULL, step BIGINT DEFAULT '0' NOT NULL,
  PRIMARY KEY (source_type, source_id, destination_type, destination_id));
CREATE TABLE input_tags (input_uuid VARCHAR(36) NOT NULL, name VARCHAR(255) NOT NULL, value VARCHAR(500) NOT NULL, PRIMARY KEY (input_uuid, name));
CREATE TABLE logged_models (model_id VARCHAR(36) NOT NULL PRIMARY KEY, experiment_id INTEGER NOT NULL, name VARCHAR(500) NOT NULL,
  artifact_location VARCHAR(1000) NOT NULL, creation_timestamp_ms BIGINT NOT NULL, last_updated_timestamp_ms BIGINT NOT NULL, status INTEGER NOT NULL,
  lifecycle_stage VARCHAR(32), model_type VARCHAR(500), source_run_id VARCHAR(32), status_message VARCHAR(1000));
CREATE TABLE logged_model_metrics (model_id VARCHAR(36) NOT NULL, metric_name VARCHAR(500) NOT NULL, metric_timestamp_ms BIGINT NOT NULL,
  metric_step BIGINT NOT NULL, metric_value FLOAT, experiment_id INTEGER NOT NULL, run_id VARCHAR(32) NOT NULL, dataset_uuid VARCHAR(36),
  dataset_name VARCHAR(500), dataset_digest VARCHAR(36), PRIMARY KEY (model_id, metric_name, metric_timestamp_ms, metric_step, run_id));
CREATE TABLE logged_model_params (model_id VARCHAR(36) NOT NULL, experiment_id INTEGER NOT NULL, param_key VARCHAR(255) NOT NULL, param_value TEXT NOT NULL, PRIMARY KEY (model_id, param_key));
CREATE TABLE logged_model_tags (model_id VARCHAR(36) NOT NULL, experiment_id INTEGER NOT NULL, tag_key VARCHAR(255) NOT NULL, tag_value TEXT NOT NULL, PRIMARY KEY (model_id, tag_key));
CREATE TABLE registered_models (name VARCHAR(256) NOT NULL, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000),
  workspace VARCHAR(63) DEFAULT 'default' NOT NULL, PRIMARY KEY (workspace, name));
CREATE TABLE model_versions (name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, creation_time BIGINT, last_updated_time BIGINT,
  description VARCHAR(5000), user_id VARCHAR(256), current_stage VARCHAR(20), source VARCHAR(500), run_id VARCHAR(32), status VARCHAR(20),
  status_message VARCHAR(500), run_link VARCHAR(500), storage_location VARCHAR(500), workspace VARCHAR(63) DEFAULT 'default' NOT NULL,
  PRIMARY KEY (workspace, name, version));
CREATE TABLE registered_model_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), name VARCHAR(256) NOT NULL,
  workspace VARCHAR(63) DEFAULT 'default' NOT NULL, PRIMARY KEY (workspace, key, name));
CREATE TABLE model_version_tags (key VARCHAR(250) NOT NULL, value TEXT, name VARCHAR(256) NOT NULL, version INTEGER NOT NULL,
  workspace VARCHAR(63) DEFAULT 'default' NOT NULL, PRIMARY KEY (workspace, key, name, version));
CREATE TABLE registered_model_aliases (alias VARCHAR(256) NOT NULL, version INTEGER NOT NULL, name VARCHAR(256) NOT NULL,
  workspace VARCHAR(63) DEFAULT 'default' NOT NULL, PRIMARY KEY (workspace, name, alias));
`;

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
