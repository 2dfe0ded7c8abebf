import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MLFLOW_ALEMBIC_REVISION } from '../../scripts/demo/mlflow-schema.ts';

const db = new DatabaseSync(new URL('../../examples/mlflow.db', import.meta.url).pathname, {
	readOnly: true,
});

/**
 * Columns of every table of a fully migrated MLflow SQLite store at revision b7e4c1a90f23, in
 * declaration order, as listed in MLflow's `tests/db/schemas/sqlite.sql` at that revision.
 */
const expectedColumns: Record<string, string> = {
	alembic_version: 'version_num',
	assessments:
		'assessment_id trace_id name assessment_type value error created_timestamp last_updated_timestamp source_type source_id run_id span_id rationale overrides valid assessment_metadata',
	budget_policies:
		'budget_policy_id budget_unit budget_amount duration_unit duration_value target_scope budget_action created_by created_at last_updated_by last_updated_at workspace',
	datasets:
		'dataset_uuid experiment_id name digest dataset_source_type dataset_source dataset_schema dataset_profile',
	endpoint_bindings:
		'endpoint_id resource_type resource_id created_at created_by last_updated_at last_updated_by display_name',
	endpoint_model_mappings:
		'mapping_id endpoint_id model_definition_id weight created_by created_at linkage_type fallback_order',
	endpoint_tags: 'key value endpoint_id',
	endpoints:
		'endpoint_id name created_by created_at last_updated_by last_updated_at routing_strategy fallback_config_json experiment_id usage_tracking workspace',
	entity_associations:
		'association_id source_type source_id destination_type destination_id created_time',
	evaluation_dataset_records:
		'dataset_record_id dataset_id inputs expectations tags source source_id source_type created_time last_update_time created_by last_updated_by input_hash outputs',
	evaluation_dataset_tags: 'dataset_id key value',
	evaluation_datasets:
		'dataset_id name schema profile digest created_time last_update_time created_by last_updated_by workspace',
	experiment_tags: 'key value experiment_id',
	experiments:
		'experiment_id name artifact_location lifecycle_stage creation_time last_update_time workspace',
	guardrail_configs: 'endpoint_id guardrail_id execution_order created_by created_at workspace',
	guardrails:
		'guardrail_id name scorer_id scorer_version stage action action_endpoint_id created_by created_at last_updated_by last_updated_at workspace',
	input_tags: 'input_uuid name value',
	inputs: 'input_uuid source_type source_id destination_type destination_id step',
	issues:
		'issue_id experiment_id name description status severity root_causes source_run_id categories created_timestamp last_updated_timestamp created_by',
	jobs: 'id creation_time job_name params timeout status result retry_count last_update_time workspace status_details',
	label_schemas:
		'schema_id experiment_id name type instruction enable_comment input_type input_config created_by created_time last_update_time',
	latest_metrics: 'key value timestamp step is_nan run_uuid',
	logged_model_metrics:
		'model_id metric_name metric_timestamp_ms metric_step metric_value experiment_id run_id dataset_uuid dataset_name dataset_digest',
	logged_model_params: 'model_id experiment_id param_key param_value',
	logged_model_tags: 'model_id experiment_id tag_key tag_value',
	logged_models:
		'model_id experiment_id name artifact_location creation_timestamp_ms last_updated_timestamp_ms status lifecycle_stage model_type source_run_id status_message',
	metrics: 'key value timestamp run_uuid step is_nan',
	model_definitions:
		'model_definition_id name secret_id provider model_name created_by created_at last_updated_by last_updated_at workspace',
	model_version_tags: 'key value name version workspace',
	model_versions:
		'name version creation_time last_updated_time description user_id current_stage source run_id status status_message run_link storage_location workspace',
	online_scoring_configs:
		'online_scoring_config_id scorer_id sample_rate experiment_id filter_string',
	params: 'key value run_uuid',
	registered_model_aliases: 'alias version name workspace',
	registered_model_tags: 'key value name workspace',
	registered_models: 'name creation_time last_updated_time description workspace',
	review_queue_label_schemas: 'queue_id schema_id',
	review_queue_traces:
		'queue_id target_type target_id status completed_by completed_time_ms creation_time_ms last_update_time_ms',
	review_queue_users: 'queue_id user_id',
	review_queues:
		'queue_id experiment_id name queue_type created_by creation_time_ms last_update_time_ms',
	runs: 'run_uuid name source_type source_name entry_point_name user_id status start_time end_time source_version lifecycle_stage artifact_uri experiment_id deleted_time',
	scorer_versions: 'scorer_id scorer_version serialized_scorer creation_time',
	scorers: 'experiment_id scorer_name scorer_id',
	secrets:
		'secret_id secret_name encrypted_value wrapped_dek kek_version masked_value provider auth_config description created_by created_at last_updated_by last_updated_at workspace',
	span_metrics: 'trace_id span_id key value',
	spans:
		'trace_id experiment_id span_id parent_span_id name type status start_time_unix_nano end_time_unix_nano duration_ns content dimension_attributes',
	tags: 'key value run_uuid',
	trace_info:
		'request_id experiment_id timestamp_ms execution_time_ms status client_request_id request_preview response_preview db_payload_generation',
	trace_metrics: 'request_id key value',
	trace_request_metadata: 'key value request_id',
	trace_tags: 'key value request_id',
	webhook_events: 'webhook_id entity action',
	webhooks:
		'webhook_id name description url status secret creation_timestamp last_updated_timestamp deleted_timestamp workspace',
	workspaces:
		'name description default_artifact_root trace_archival_location trace_archival_retention',
};

const columnsOf = (
	table: string,
): Array<{ name: string; type: string; notnull: number; pk: number }> =>
	db.prepare(`PRAGMA table_xinfo(${table})`).all() as Array<{
		name: string;
		type: string;
		notnull: number;
		pk: number;
	}>;

describe('examples/mlflow.db schema', () => {
	it('has exactly the tables and columns of MLflow at revision b7e4c1a90f23', () => {
		const tables = db
			.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
			.all()
			.map((row) => String(row['name']));
		expect(tables).toEqual(Object.keys(expectedColumns).sort());
		for (const [table, columns] of Object.entries(expectedColumns)) {
			expect(
				columnsOf(table).map((c) => c.name),
				table,
			).toEqual(columns.split(' '));
		}
	});

	it('records the head revision in alembic_version and the default workspace', () => {
		expect(db.prepare('SELECT version_num FROM alembic_version').all()).toEqual([
			{ version_num: 'b7e4c1a90f23' },
		]);
		expect(MLFLOW_ALEMBIC_REVISION).toBe('b7e4c1a90f23');
		expect(db.prepare('SELECT name, description FROM workspaces').all()).toEqual([
			{ name: 'default', description: 'Default workspace for legacy resources' },
		]);
	});

	it('declares the column types and keys MLflow relies on', () => {
		const describeTable = (table: string): string[] =>
			columnsOf(table).map(
				(c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ` pk${c.pk}` : ''}`,
			);
		expect(describeTable('metrics')).toEqual([
			'key VARCHAR(250) NOT NULL pk1',
			'value FLOAT NOT NULL pk5',
			'timestamp BIGINT NOT NULL pk2',
			'run_uuid VARCHAR(32) NOT NULL pk4',
			'step BIGINT NOT NULL pk3',
			'is_nan BOOLEAN NOT NULL pk6',
		]);
		expect(describeTable('latest_metrics')).toEqual([
			'key VARCHAR(250) NOT NULL pk1',
			'value FLOAT NOT NULL',
			'timestamp BIGINT',
			'step BIGINT NOT NULL',
			'is_nan BOOLEAN NOT NULL',
			'run_uuid VARCHAR(32) NOT NULL pk2',
		]);
		expect(describeTable('runs').slice(0, 7)).toEqual([
			'run_uuid VARCHAR(32) NOT NULL pk1',
			'name VARCHAR(250)',
			'source_type VARCHAR(20)',
			'source_name VARCHAR(500)',
			'entry_point_name VARCHAR(50)',
			'user_id VARCHAR(256)',
			'status VARCHAR(9)',
		]);
		expect(describeTable('registered_model_aliases')).toEqual([
			'alias VARCHAR(256) NOT NULL pk3',
			'version INTEGER NOT NULL',
			'name VARCHAR(256) NOT NULL pk2',
			'workspace VARCHAR(63) NOT NULL pk1',
		]);
	});

	it('has the secondary indexes MLflow creates, and its CHECK constraints work', () => {
		const indexes = db
			.prepare(
				`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'`,
			)
			.all()
			.map((row) => String(row['name']));
		expect(indexes).toEqual(
			expect.arrayContaining([
				'index_metrics_run_uuid',
				'index_metrics_run_uuid_key_step',
				'index_latest_metrics_run_uuid',
				'index_params_run_uuid',
				'index_tags_run_uuid',
				'index_inputs_input_uuid',
				'index_datasets_dataset_uuid',
				'idx_experiments_workspace',
				'index_review_queue_traces_target_id',
			]),
		);
		expect(indexes).toHaveLength(67);
		const scratch = new DatabaseSync(':memory:');
		for (const row of db
			.prepare(`SELECT sql FROM sqlite_master WHERE name IN ('experiments', 'runs')`)
			.all()) {
			scratch.exec(String(row['sql']));
		}
		expect(() => scratch.exec(`INSERT INTO runs (run_uuid, status) VALUES ('r', 'DONE')`)).toThrow(
			/CHECK constraint failed/,
		);
	});

	it('is a consistent rollback-journal database: integrity and foreign keys hold', () => {
		expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
		expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
		// Header bytes 18 and 19 are 1 for rollback journals (2 would mean WAL).
		const header = readFileSync(new URL('../../examples/mlflow.db', import.meta.url));
		expect([header[18], header[19]]).toEqual([1, 1]);
	});
});
