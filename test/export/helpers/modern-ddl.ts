// Apart from make-sqlite-store.ts, which registers a Vitest hook: scripts run outside Vitest
// (test/fixtures/hostile/build-hostile-site.ts as a command) import the DDL from here.

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
