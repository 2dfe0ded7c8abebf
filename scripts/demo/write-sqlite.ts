import { existsSync, renameSync, rmSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { DEFAULT_WORKSPACE, MLFLOW_ALEMBIC_REVISION } from './mlflow-schema.ts';
import { sqliteSchemaStatements } from './mlflow-schema-generations.ts';
import { latestMetric, sqlMetricValue } from './sql-metric.ts';
import type { DemoMetric, DemoStore } from './store-model.ts';

/** Options of {@link writeSqliteStore}. */
export interface WriteSqliteOptions {
	/**
	 * The Alembic revision whose schema to write (`mlflow-schema-generations.ts`). What that
	 * generation has no table or column for is left out, as MLflow of that time could not record
	 * it: aliases before MLflow 2.3, datasets before 2.4, logged models before 3.0, NaN values
	 * before `is_nan`. @default the head revision of MLflow 3.14
	 */
	revision?: string;
}

/**
 * Writes the store as an MLflow SQLite database, in one transaction, then VACUUMs so the file
 * depends only on the content. The file appears at `path` only when complete.
 */
export function writeSqliteStore(
	store: DemoStore,
	path: string,
	options: WriteSqliteOptions = {},
): void {
	const revision = options.revision ?? MLFLOW_ALEMBIC_REVISION;
	const temporary = `${path}.tmp-${process.pid}`;
	rmSync(temporary, { force: true });
	const db = new DatabaseSync(temporary);
	try {
		db.exec('PRAGMA journal_mode=DELETE');
		db.exec('BEGIN');
		for (const statement of sqliteSchemaStatements(revision)) db.exec(statement);
		const columns = new Map<string, Set<string>>();
		for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all())
			columns.set(
				String(name),
				new Set(db.prepare(`PRAGMA table_info(${String(name)})`).all().map((c) => String(c['name']))),
			);
		const has = (table: string, column?: string): boolean =>
			column === undefined ? columns.has(table) : (columns.get(table)?.has(column) ?? false);
		const insert = (table: string, row: Record<string, SQLInputValue>, verb = 'INSERT'): void => {
			if (!has(table)) return;
			const kept = Object.entries(row).filter(([column]) => has(table, column));
			db.prepare(
				`${verb} INTO ${table} (${kept.map(([c]) => c).join(', ')}) VALUES (${kept.map(() => '?').join(', ')})`,
			).run(...kept.map(([, value]) => value));
		};
		insert('alembic_version', { version_num: revision });
		insert('workspaces', {
			name: DEFAULT_WORKSPACE.name,
			description: DEFAULT_WORKSPACE.description,
		});
		for (const e of store.experiments) {
			insert('experiments', {
				experiment_id: e.id,
				name: e.name,
				artifact_location: e.artifactLocation,
				lifecycle_stage: e.lifecycleStage ?? 'active',
				creation_time: e.creationTime,
				last_update_time: e.lastUpdateTime,
				workspace: 'default',
			});
			for (const [key, value] of Object.entries(e.tags))
				insert('experiment_tags', { key, value, experiment_id: e.id });
		}
		for (const d of store.datasets) {
			insert('datasets', {
				dataset_uuid: d.id,
				experiment_id: d.experimentId,
				name: d.name,
				digest: d.digest,
				dataset_source_type: d.sourceType,
				dataset_source: d.source,
				dataset_schema: d.schema,
				dataset_profile: d.profile,
			});
		}
		for (const r of store.runs) {
			insert('runs', {
				run_uuid: r.id,
				name: r.name,
				source_type: 'UNKNOWN',
				source_name: '',
				entry_point_name: '',
				user_id: r.userId,
				status: r.status,
				start_time: r.startTime,
				end_time: r.endTime,
				source_version: '',
				lifecycle_stage: r.lifecycleStage ?? 'active',
				artifact_uri: r.artifactUri,
				experiment_id: r.experimentId,
				deleted_time: r.deletedTime ?? null,
			});
			for (const [key, value] of Object.entries(r.tags))
				insert('tags', { key, value, run_uuid: r.id });
			for (const [key, value] of Object.entries(r.params))
				insert('params', { key, value, run_uuid: r.id });
			const byKey = new Map<string, DemoMetric[]>();
			for (const m of r.metrics) {
				const [value, isNan] = sqlMetricValue(m.value);
				if (isNan === 1 && !has('metrics', 'is_nan')) continue;
				// An exact duplicate breaks the primary key; MLflow swallows the conflict.
				const row = { key: m.key, value, timestamp: m.timestamp, run_uuid: r.id, step: m.step, is_nan: isNan };
				insert('metrics', row, 'INSERT OR IGNORE');
				byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
			}
			for (const [key, points] of byKey) {
				const latest = latestMetric(points) as DemoMetric;
				const [value, isNan] = sqlMetricValue(latest.value);
				insert('latest_metrics', {
					key,
					value,
					timestamp: latest.timestamp,
					step: latest.step,
					is_nan: isNan,
					run_uuid: r.id,
				});
			}
			for (const input of r.datasetInputs) {
				insert('inputs', {
					input_uuid: input.inputId,
					source_type: 'DATASET',
					source_id: input.datasetId,
					destination_type: 'RUN',
					destination_id: r.id,
					step: 0,
				});
				insert('input_tags', {
					input_uuid: input.inputId,
					name: 'mlflow.data.context',
					value: input.context,
				});
			}
		}
		for (const m of store.loggedModels) {
			insert('logged_models', {
				model_id: m.id,
				experiment_id: m.experimentId,
				name: m.name,
				artifact_location: m.artifactLocation,
				creation_timestamp_ms: m.creationTime,
				last_updated_timestamp_ms: m.lastUpdatedTime,
				status: m.status,
				lifecycle_stage: 'active',
				model_type: m.modelType,
				source_run_id: m.sourceRunId,
				status_message: null,
			});
			for (const [key, value] of Object.entries(m.params))
				insert('logged_model_params', {
					model_id: m.id,
					experiment_id: m.experimentId,
					param_key: key,
					param_value: value,
				});
			for (const [key, value] of Object.entries(m.tags))
				insert('logged_model_tags', {
					model_id: m.id,
					experiment_id: m.experimentId,
					tag_key: key,
					tag_value: value,
				});
			for (const metric of m.metrics) {
				insert('logged_model_metrics', {
					model_id: m.id,
					metric_name: metric.key,
					metric_timestamp_ms: metric.timestamp,
					metric_step: metric.step,
					metric_value: sqlMetricValue(metric.value)[0],
					experiment_id: m.experimentId,
					run_id: metric.runId,
					dataset_uuid: metric.datasetId,
					dataset_name: metric.datasetName,
					dataset_digest: metric.datasetDigest,
				});
			}
		}
		// Runs record logged models as outputs only since MLflow 3 added logged models.
		for (const r of has('logged_models') ? store.runs : []) {
			for (const output of r.modelOutputs) {
				insert('inputs', {
					input_uuid: output.inputId,
					source_type: 'RUN_OUTPUT',
					source_id: r.id,
					destination_type: 'MODEL_OUTPUT',
					destination_id: output.modelId,
					step: output.step,
				});
			}
		}
		for (const rm of store.registeredModels) {
			insert('registered_models', {
				name: rm.name,
				creation_time: rm.creationTime,
				last_updated_time: rm.lastUpdatedTime,
				description: rm.description,
				workspace: 'default',
			});
			for (const [key, value] of Object.entries(rm.tags))
				insert('registered_model_tags', { key, value, name: rm.name, workspace: 'default' });
			for (const v of rm.versions) {
				// `delete_model_version` keeps the row but redacts it (sqlalchemy_store.py).
				const deleted = v.currentStage === 'Deleted_Internal';
				insert('model_versions', {
					name: rm.name,
					version: v.version,
					creation_time: v.creationTime,
					last_updated_time: v.lastUpdatedTime,
					description: deleted ? null : v.description,
					user_id: deleted ? null : v.userId,
					current_stage: v.currentStage,
					source: deleted ? 'REDACTED-SOURCE-PATH' : v.source,
					run_id: deleted ? 'REDACTED-RUN-ID' : v.runId,
					status: v.status,
					status_message: deleted ? null : v.statusMessage,
					run_link: deleted ? 'REDACTED-RUN-LINK' : v.runLink,
					storage_location: v.storageLocation,
					workspace: 'default',
				});
				for (const [key, value] of Object.entries(v.tags))
					insert('model_version_tags', {
						key,
						value,
						name: rm.name,
						version: v.version,
						workspace: 'default',
					});
			}
			for (const [alias, version] of Object.entries(rm.aliases))
				insert('registered_model_aliases', { alias, version, name: rm.name, workspace: 'default' });
		}
		db.exec('COMMIT');
		db.exec('VACUUM');
	} finally {
		db.close();
	}
	if (existsSync(path)) rmSync(path);
	renameSync(temporary, path);
}
