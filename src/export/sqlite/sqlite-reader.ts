import { dirname, resolve } from 'node:path';
import type { SQLOutputValue, StatementSync } from 'node:sqlite';
import { realBase } from '../confined-artifacts.ts';
import { listLocalArtifacts } from './local-artifacts.ts';
import { openSqliteDatabase, unreadable } from './sqlite-open.ts';
import { readSqliteRegistry } from './sqlite-registry.ts';
import { readSqliteLoggedModels } from './sqlite-logged-models.ts';
import { allRows, exactInteger, groupRows, num, sqliteMetricStream, str } from './sqlite-rows.ts';
import { readSqliteRuns, runIndex, type RunsOf } from './sqlite-runs.ts';
import type {
	RawArtifact,
	RawDataset,
	RawExperiment,
	ReaderOptions,
	RunMemo,
	SourceReader,
} from '../source-reader.ts';

export interface SqliteReaderOptions extends ReaderOptions {
	/** How long to wait for a lock held by a writer (MLflow logging right now). @default 5000 */
	busyTimeoutMs?: number;
}

/**
 * Reads an MLflow SQLite database (`mlflow.db`, any schema from MLflow 1.x to 3.x), read-only:
 * the file is never written (the one table it makes, an index of runs by experiment, lives in
 * the connection's temporary database). Optional tables and columns are detected, not assumed from the
 * alembic revision. Metric histories are streamed per run in (key, timestamp, step, value) order.
 * Artifacts are read only from the store's own folders next to the database (see `listLocalArtifacts`).
 * @throws ExportError SourceMissing, SourceNotMlflow or SourceUnreadable, naming `options.displayUri`
 */
export async function openSqliteReader(path: string, options: SqliteReaderOptions): Promise<SourceReader> {
	const display = options.displayUri;
	const { db, schema } = openSqliteDatabase(path, display, options.busyTimeoutMs ?? 5000);
	const storeDir = realBase(dirname(resolve(path))) ?? dirname(resolve(path));
	const col = schema.column;
	let closed = false;
	let cachedRegistry: ReturnType<typeof readSqliteRegistry> | undefined;
	/** The runs of each experiment, indexed once (sqlite-runs.ts, RunsOf). */
	let runsOf: RunsOf | undefined;
	let memo: RunMemo | null = null;
	/** Metric fingerprints of the runs stamped (sqlite-runs.ts, runStamps), by run id. */
	const fingerprints = new Map<string, string>();
	/** One run's metric rows in MLflow's history order (old schemas lack step or is_nan). */
	// Streamed row by row, so a timestamp or step beyond ±2^53 is read as its text (exactInteger).
	const hasStep = schema.hasColumn('metrics', 'step');
	const metricsSql = `SELECT key, value, ${exactInteger('timestamp')} AS ts, ${hasStep ? exactInteger('step') : '0'} AS st, ${col('metrics', 'is_nan', '0')}
		FROM metrics WHERE run_uuid = ? ORDER BY key, timestamp, ${hasStep ? 'step' : 'st'}, value`;
	let fastMetrics: { count: StatementSync; rows: StatementSync } | undefined;
	/**
	 * Wraps SQLite failures after opening (a lock taken mid-export, a corrupt page) as
	 * SourceUnreadable, which stops the export. An integer JavaScript cannot hold (above 2^53) is
	 * never an error: allRows and exactInteger hand it on for the exporter to leave out.
	 */
	const guard = <T>(fn: () => T): T => {
		try {
			return fn();
		} catch (error) {
			if ((error as { code?: unknown }).code === 'ERR_SQLITE_ERROR') throw unreadable(display, error);
			throw error;
		}
	};
	const rawIds = new WeakMap<RawExperiment, SQLOutputValue>();
	// MLflow's 18-digit experiment ids exceed 2^53, which node:sqlite refuses to return as a number;
	// such an id is read as its decimal text (a bound text still matches the INTEGER column).
	const expId = `CASE WHEN typeof(experiment_id) = 'integer' AND abs(experiment_id) > 9007199254740991 THEN CAST(experiment_id AS TEXT) ELSE experiment_id END AS experiment_id`;
	const expTags = schema.hasTable('experiment_tags')
		? guard(() => groupRows(allRows(db.prepare(`SELECT ${expId}, key, value FROM experiment_tags`)), 'experiment_id'))
		: new Map<string, Record<string, string>>();

	return {
		source: { kind: 'sqlite', uri: display },

		async *experiments() {
			const sql = `SELECT ${expId}, name, artifact_location, lifecycle_stage,
				${col('experiments', 'creation_time', 'NULL')}, ${col('experiments', 'last_update_time', 'NULL')}
				FROM experiments`;
			for (const row of guard(() => allRows(db.prepare(sql)))) {
				const exp: RawExperiment = {
					id: String(row['experiment_id']),
					name: str(row['name']) ?? '',
					lifecycleStage: row['lifecycle_stage'] === 'deleted' ? 'deleted' : 'active',
					artifactLocation: str(row['artifact_location']),
					creationTime: num(row['creation_time']),
					lastUpdateTime: num(row['last_update_time']),
					tags: expTags.get(String(row['experiment_id'])) ?? {},
				};
				rawIds.set(exp, row['experiment_id'] ?? null);
				yield exp;
			}
		},

		async *runs(experiment) {
			const expId = (rawIds.get(experiment) ?? experiment.id) as string | number;
			runsOf ??= runIndex(db);
			yield* guard(() => readSqliteRuns(db, schema, runsOf!, expId, experiment.id, memo, fingerprints));
		},

		metricPoints(run) {
			fastMetrics ??= guard(() => {
				const count = db.prepare('SELECT count(*) FROM metrics WHERE run_uuid = ?');
				const rows = db.prepare(metricsSql);
				count.setReturnArrays(true);
				rows.setReturnArrays(true);
				return { count, rows };
			});
			return sqliteMetricStream(() => db.prepare(metricsSql), run.id, guard, fastMetrics);
		},

		async *datasets(experiment) {
			if (!schema.hasTable('datasets')) return;
			const expId = (rawIds.get(experiment) ?? experiment.id) as string | number;
			const sql = `SELECT dataset_uuid, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile
				FROM datasets WHERE experiment_id = ? ORDER BY name, digest`;
			for (const row of guard(() => allRows(db.prepare(sql), expId))) {
				const dataset: RawDataset = {
					id: String(row['dataset_uuid']),
					experimentId: experiment.id,
					name: str(row['name']) ?? '',
					digest: str(row['digest']) ?? '',
					sourceType: str(row['dataset_source_type']) ?? '',
					source: str(row['dataset_source']) ?? '',
					schema: str(row['dataset_schema']),
					profile: str(row['dataset_profile']),
				};
				yield dataset;
			}
		},

		async *loggedModels(experiment) {
			const expId = (rawIds.get(experiment) ?? experiment.id) as string | number;
			yield* guard(() => readSqliteLoggedModels(db, schema, expId, experiment.id));
		},

		async *registeredModels() {
			yield* guard(() => registry().models);
		},

		async *modelVersions(model) {
			yield* guard(() => registry().versions(model));
		},

		async *artifacts(run): AsyncGenerator<RawArtifact> {
			yield* listLocalArtifacts({ artifactUri: run.artifactUri, storeDir, experimentId: run.experimentId, runId: run.id }, options.warn);
		},

		useRunMemo(m) {
			memo = m;
		},

		metricsFingerprint: (run) => fingerprints.get(run.id) ?? null,

		async close() {
			if (!closed) db.close();
			closed = true;
		},
	};

	function registry() {
		cachedRegistry ??= readSqliteRegistry(db, schema);
		return cachedRegistry;
	}
}
