import { MLFLOW_ALEMBIC_REVISION, mlflowSchemaStatements } from './mlflow-schema.ts';

/**
 * MLflow's SQLite schema as older releases left it, so that tests can write a store of every
 * schema generation the readers meet. The tables are the ones mlpages reads (tracking and
 * registry); the trace, evaluation, gateway and other tables that migrations also add are left
 * out, as the reader ignores them. Each column, type change, primary key and index names the
 * Alembic revision that introduced it, after the migration chain and DDL of
 * `../shared/reference/mlflow-formats.md` §2.1–2.4. The head revision is the complete schema
 * of `mlflow-schema.ts`.
 */

/** MLflow's migration chain up to the head, oldest first (revisions without effect on these tables included). */
export const MLFLOW_REVISION_CHAIN: readonly string[] = [
	'ff01da956556', '451aebb31d03', '90e64c465722', '181f10493468', 'df50e92ffc5e', '7ac759974ad8',
	'89d4b8295536', '2b4d017a5e9b', 'cfd24bdc0731', '0a8213491aaa', '728d730b5ebd', '27a6a02d2cf1',
	'84291f40a231', 'a8c4a736bde6', '39d1c3be5f05', 'c48cb773bb87', 'bd07f7e963c5', '0c779009ac13',
	'cc1f77228345', '97727af70f4d', '3500859a5d39', '7f2a7d5fae7d', '2d6e25af4d3e', 'acf3f17fdcc7',
	'867495a8f9d4', '5b0e9adcef9c', '4465047574b1', 'f5a4f2784254', '0584bdc529eb', '400f98739977',
	'6953534de441', 'bda7b8c39065', 'cbc13b556ace', '770bee3ae1dd', 'a1b2c3d4e5f6', 'de4033877273',
	'1a0cddfcaa16', '534353b11cbc', '71994744cf8e', MLFLOW_ALEMBIC_REVISION,
];

/**
 * The generations tests write: each revision that real committed stores report
 * (`../shared/fixtures/INDEX.md`), and the head. `mlflow` is the release that left it.
 */
export const SQLITE_GENERATIONS = [
	{ revision: 'a8c4a736bde6', mlflow: '1.14' },
	{ revision: 'bd07f7e963c5', mlflow: '1.26' },
	{ revision: '5b0e9adcef9c', mlflow: '2.13' },
	{ revision: '0584bdc529eb', mlflow: '2.20' },
	{ revision: 'bda7b8c39065', mlflow: '3.1' },
	{ revision: '71994744cf8e', mlflow: '3.4' },
	{ revision: MLFLOW_ALEMBIC_REVISION, mlflow: '3.14' },
] as const;

/** A definition valid from the first revision, or definitions by the revision that set each. */
type Versioned = string | Readonly<Record<string, string>>;

interface TableSpec {
	since: string;
	columns: Versioned[];
	/** `CONSTRAINT <name> PRIMARY KEY (<columns>)`. */
	key: [string, Versioned];
}

const FIRST = 'ff01da956556';
const REGISTRY = '2b4d017a5e9b';
const DATASETS = '7f2a7d5fae7d';
const LOGGED_MODELS = '400f98739977';

const tables: Record<string, TableSpec> = {
	alembic_version: { since: FIRST, columns: ['version_num VARCHAR(32) NOT NULL'], key: ['alembic_version_pkc', 'version_num'] },
	experiments: {
		since: FIRST,
		columns: [
			'experiment_id INTEGER NOT NULL', 'name VARCHAR(256) NOT NULL', 'artifact_location VARCHAR(256)', 'lifecycle_stage VARCHAR(32)',
			{ '97727af70f4d': 'creation_time BIGINT' }, { '97727af70f4d': 'last_update_time BIGINT' },
		],
		key: ['experiment_pk', 'experiment_id'],
	},
	experiment_tags: {
		since: 'df50e92ffc5e',
		columns: ['key VARCHAR(250) NOT NULL', 'value VARCHAR(5000)', 'experiment_id INTEGER NOT NULL'],
		key: ['experiment_tag_pk', 'key, experiment_id'],
	},
	runs: {
		since: FIRST,
		columns: [
			'run_uuid VARCHAR(32) NOT NULL', 'name VARCHAR(250)', 'source_type VARCHAR(20)', 'source_name VARCHAR(500)',
			'entry_point_name VARCHAR(50)', 'user_id VARCHAR(256)', 'status VARCHAR(9)', 'start_time BIGINT', 'end_time BIGINT',
			'source_version VARCHAR(50)', 'lifecycle_stage VARCHAR(20)', 'artifact_uri VARCHAR(200)', 'experiment_id INTEGER',
			{ '0c779009ac13': 'deleted_time BIGINT' },
		],
		key: ['run_pk', 'run_uuid'],
	},
	metrics: {
		since: FIRST,
		columns: [
			'key VARCHAR(250) NOT NULL', 'value FLOAT NOT NULL', 'timestamp BIGINT NOT NULL', 'run_uuid VARCHAR(32) NOT NULL',
			{ '451aebb31d03': "step BIGINT DEFAULT '0' NOT NULL" }, { '181f10493468': "is_nan BOOLEAN DEFAULT '0' NOT NULL" },
		],
		key: ['metric_pk', {
			[FIRST]: 'key, timestamp, run_uuid, value',
			'451aebb31d03': 'key, timestamp, step, run_uuid, value',
			'181f10493468': 'key, timestamp, step, run_uuid, value, is_nan',
		}],
	},
	latest_metrics: {
		since: '89d4b8295536',
		columns: [
			'key VARCHAR(250) NOT NULL', 'value FLOAT NOT NULL', 'timestamp BIGINT', 'step BIGINT NOT NULL', 'is_nan BOOLEAN NOT NULL',
			'run_uuid VARCHAR(32) NOT NULL',
		],
		key: ['latest_metric_pk', 'key, run_uuid'],
	},
	params: {
		since: FIRST,
		columns: ['key VARCHAR(250) NOT NULL', { [FIRST]: 'value VARCHAR(250) NOT NULL', '2d6e25af4d3e': 'value VARCHAR(8000) NOT NULL' }, 'run_uuid VARCHAR(32) NOT NULL'],
		key: ['param_pk', 'key, run_uuid'],
	},
	tags: {
		since: FIRST,
		columns: [
			'key VARCHAR(250) NOT NULL',
			{ [FIRST]: 'value VARCHAR(250)', '7ac759974ad8': 'value VARCHAR(5000)', f5a4f2784254: 'value VARCHAR(8000)' },
			'run_uuid VARCHAR(32) NOT NULL',
		],
		key: ['tag_pk', 'key, run_uuid'],
	},
	datasets: {
		since: DATASETS,
		columns: [
			'dataset_uuid VARCHAR(36) NOT NULL', 'experiment_id INTEGER NOT NULL', 'name VARCHAR(500) NOT NULL', 'digest VARCHAR(36) NOT NULL',
			'dataset_source_type VARCHAR(36) NOT NULL', 'dataset_source TEXT NOT NULL', 'dataset_schema TEXT', 'dataset_profile TEXT',
		],
		key: ['dataset_pk', 'experiment_id, name, digest'],
	},
	inputs: {
		since: DATASETS,
		columns: [
			'input_uuid VARCHAR(36) NOT NULL', 'source_type VARCHAR(36) NOT NULL', 'source_id VARCHAR(36) NOT NULL',
			'destination_type VARCHAR(36) NOT NULL', 'destination_id VARCHAR(36) NOT NULL', { '6953534de441': "step BIGINT DEFAULT '0' NOT NULL" },
		],
		key: ['inputs_pk', 'source_type, source_id, destination_type, destination_id'],
	},
	input_tags: {
		since: DATASETS,
		columns: ['input_uuid VARCHAR(36) NOT NULL', 'name VARCHAR(255) NOT NULL', 'value VARCHAR(500) NOT NULL'],
		key: ['input_tags_pk', 'input_uuid, name'],
	},
	logged_models: {
		since: LOGGED_MODELS,
		columns: [
			'model_id VARCHAR(36) NOT NULL', 'experiment_id INTEGER NOT NULL', 'name VARCHAR(500) NOT NULL', 'artifact_location VARCHAR(1000) NOT NULL',
			'creation_timestamp_ms BIGINT NOT NULL', 'last_updated_timestamp_ms BIGINT NOT NULL', 'status INTEGER NOT NULL',
			'lifecycle_stage VARCHAR(32)', 'model_type VARCHAR(500)', 'source_run_id VARCHAR(32)', 'status_message VARCHAR(1000)',
		],
		key: ['logged_models_pk', 'model_id'],
	},
	logged_model_metrics: {
		since: LOGGED_MODELS,
		columns: [
			'model_id VARCHAR(36) NOT NULL', 'metric_name VARCHAR(500) NOT NULL', 'metric_timestamp_ms BIGINT NOT NULL', 'metric_step BIGINT NOT NULL',
			'metric_value FLOAT', 'experiment_id INTEGER NOT NULL', 'run_id VARCHAR(32) NOT NULL', 'dataset_uuid VARCHAR(36)',
			'dataset_name VARCHAR(500)', 'dataset_digest VARCHAR(36)',
		],
		key: ['logged_model_metrics_pk', 'model_id, metric_name, metric_timestamp_ms, metric_step, run_id'],
	},
	logged_model_params: {
		since: LOGGED_MODELS,
		columns: ['model_id VARCHAR(36) NOT NULL', 'experiment_id INTEGER NOT NULL', 'param_key VARCHAR(255) NOT NULL', 'param_value TEXT NOT NULL'],
		key: ['logged_model_params_pk', 'model_id, param_key'],
	},
	logged_model_tags: {
		since: LOGGED_MODELS,
		columns: ['model_id VARCHAR(36) NOT NULL', 'experiment_id INTEGER NOT NULL', 'tag_key VARCHAR(255) NOT NULL', 'tag_value TEXT NOT NULL'],
		key: ['logged_model_tags_pk', 'model_id, tag_key'],
	},
	registered_models: {
		since: REGISTRY,
		columns: ['name VARCHAR(256) NOT NULL', 'creation_time BIGINT', 'last_updated_time BIGINT', 'description VARCHAR(5000)'],
		key: ['registered_model_pk', 'name'],
	},
	model_versions: {
		since: REGISTRY,
		columns: [
			'name VARCHAR(256) NOT NULL', 'version INTEGER NOT NULL', 'creation_time BIGINT', 'last_updated_time BIGINT',
			'description VARCHAR(5000)', 'user_id VARCHAR(256)', 'current_stage VARCHAR(20)', 'source VARCHAR(500)', 'run_id VARCHAR(32)',
			'status VARCHAR(20)', 'status_message VARCHAR(500)', { '84291f40a231': 'run_link VARCHAR(500)' },
			{ acf3f17fdcc7: 'storage_location VARCHAR(500)' },
		],
		key: ['model_version_pk', 'name, version'],
	},
	registered_model_tags: {
		since: '728d730b5ebd',
		columns: ['key VARCHAR(250) NOT NULL', 'value VARCHAR(5000)', 'name VARCHAR(256) NOT NULL'],
		key: ['registered_model_tag_pk', 'key, name'],
	},
	model_version_tags: {
		since: '27a6a02d2cf1',
		columns: ['key VARCHAR(250) NOT NULL', { [FIRST]: 'value VARCHAR(5000)', bda7b8c39065: 'value TEXT' }, 'name VARCHAR(256) NOT NULL', 'version INTEGER NOT NULL'],
		key: ['model_version_tag_pk', 'key, name, version'],
	},
	registered_model_aliases: {
		since: '3500859a5d39',
		columns: ['alias VARCHAR(256) NOT NULL', 'version INTEGER NOT NULL', 'name VARCHAR(256) NOT NULL'],
		key: ['registered_model_alias_pk', 'name, alias'],
	},
};

/** Secondary indexes: `[name, table, columns, revision that created it]`. */
const indexes: ReadonlyArray<readonly [string, string, string, string]> = [
	['index_latest_metrics_run_uuid', 'latest_metrics', 'run_uuid', 'bd07f7e963c5'],
	['index_metrics_run_uuid', 'metrics', 'run_uuid', 'bd07f7e963c5'],
	['index_params_run_uuid', 'params', 'run_uuid', 'bd07f7e963c5'],
	['index_tags_run_uuid', 'tags', 'run_uuid', 'bd07f7e963c5'],
	['index_datasets_dataset_uuid', 'datasets', 'dataset_uuid', DATASETS],
	['index_datasets_experiment_id_dataset_source_type', 'datasets', 'experiment_id, dataset_source_type', DATASETS],
	['index_inputs_input_uuid', 'inputs', 'input_uuid', DATASETS],
	['index_inputs_destination_type_destination_id_source_type', 'inputs', 'destination_type, destination_id, source_type', DATASETS],
	['index_logged_model_metrics_model_id', 'logged_model_metrics', 'model_id', LOGGED_MODELS],
];

/**
 * The DDL of a store at `revision`: the head's complete schema, or the tables mlpages reads as
 * that revision left them.
 * @throws Error for a revision that is not in {@link MLFLOW_REVISION_CHAIN}
 */
export function sqliteSchemaStatements(revision: string): string[] {
	if (revision === MLFLOW_ALEMBIC_REVISION) return mlflowSchemaStatements();
	const at = MLFLOW_REVISION_CHAIN.indexOf(revision);
	if (at < 0) throw new Error(`Unknown MLflow schema revision "${revision}".`);
	const reached = (since: string) => MLFLOW_REVISION_CHAIN.indexOf(since) <= at;
	const definition = (versioned: Versioned): string | undefined =>
		typeof versioned === 'string'
			? versioned
			: Object.entries(versioned)
					.filter(([since]) => reached(since))
					.sort(([a], [b]) => MLFLOW_REVISION_CHAIN.indexOf(a) - MLFLOW_REVISION_CHAIN.indexOf(b))
					.at(-1)?.[1];
	return [
		...Object.entries(tables)
			.filter(([, table]) => reached(table.since))
			.map(([name, table]) => {
				const columns = table.columns.map(definition).filter((c) => c !== undefined);
				const [constraint, key] = table.key;
				return `CREATE TABLE ${name} (\n\t${[...columns, `CONSTRAINT ${constraint} PRIMARY KEY (${definition(key) ?? ''})`].join(',\n\t')}\n)`;
			}),
		...indexes
			.filter(([, , , since]) => reached(since))
			.map(([name, table, columns]) => `CREATE INDEX ${name} ON ${table} (${columns})`),
	];
}
