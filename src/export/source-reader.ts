import type { RunStatus } from '../schemas/run.ts';
import type { SourceKind } from '../schemas/manifest.ts';

/**
 * The contract every MLflow reader (SQLite, file store, REST/GitLab) implements. Readers know
 * MLflow's formats and nothing else: they decode ids, statuses, timestamps and non-finite numbers
 * into these plain records, and `normalise` turns them into the snapshot. Readers return
 * everything they can see, deleted records included (with their lifecycle stage): filtering is
 * the exporter's decision, so that the manifest can count what was left out.
 *
 * Ordering: readers may return records in any order; the exporter sorts.
 * Errors: a record that cannot be read is reported through `warn` and skipped; a source that
 * cannot be opened at all throws an `ExportError` from `src/errors.ts`.
 */
export interface SourceReader {
	/** Kind and URI (credentials removed) for the manifest. */
	readonly source: { kind: SourceKind; uri: string };
	/** Every experiment, deleted ones included (file store: `.trash/` gives `deleted`). */
	experiments(): AsyncIterable<RawExperiment>;
	/** Every run of one experiment, deleted ones included, without metric histories. */
	runs(experiment: RawExperiment): AsyncIterable<RawRun>;
	/**
	 * Every metric point of one run, streamed (histories can be millions long). Points of one key
	 * come in MLflow's history order (timestamp, step, value) when the store keeps one; duplicates
	 * are passed through as read.
	 */
	metricPoints(run: RawRun): MetricStream;
	/** Datasets logged in one experiment (empty when the store has none). */
	datasets(experiment: RawExperiment): AsyncIterable<RawDataset>;
	/** MLflow 3 logged models of one experiment (empty when the store has none). */
	loggedModels(experiment: RawExperiment): AsyncIterable<RawLoggedModel>;
	/** Registered models, prompts included (flagged by tag `mlflow.prompt.is_prompt`). */
	registeredModels(): AsyncIterable<RawRegisteredModel>;
	/** Versions of one registered model, `Deleted_Internal` ones included. */
	modelVersions(model: RawRegisteredModel): AsyncIterable<RawModelVersion>;
	/**
	 * Artifact files of a run that the reader can fetch, as paths relative to the run's artifact
	 * root; empty when artifacts are out of reach (cloud schemes, `mlflow-artifacts:` offline).
	 */
	artifacts(run: RawRun): AsyncIterable<RawArtifact>;
	/**
	 * Optional, for incremental export: a cheap fingerprint of the run's metric histories that
	 * changes when they do (file store: sizes and modification times of its metric files; SQLite:
	 * the largest rowid of its metric rows, which a point logged before the latest one moves
	 * while `latest_metrics` does not); null when unknown.
	 */
	metricsFingerprint?(run: RawRun): string | null;
	/**
	 * Optional, for incremental export when reading a run costs far more than recognising that it
	 * did not change (file store: ~70 files to open against ~30 `lstat` calls; SQLite: its params
	 * and latest metrics rows against counts read from indexes): runs handed out
	 * after this call are taken from `memo` when their stamp is the one recorded, and recorded
	 * there when read. The exporter calls it before iterating.
	 */
	useRunMemo?(memo: RunMemo): void;
	/** Releases files, connections and timers. Safe to call twice. */
	close(): Promise<void>;
}

/**
 * The metric points of one run. A reader may also offer `each`, which hands every point to
 * `visit` synchronously as plain arguments: no promise and no object per point, which is most
 * of the cost of streaming millions of rows. Consumers use it when present.
 */
export interface MetricStream extends AsyncIterable<RawMetricPoint> {
	each?(visit: (key: string, value: number, timestamp: number, step: number) => void): void;
}

/**
 * Raw runs of the previous export by run id and a reader-specific stamp of what the run was read
 * from (run-cache.ts keeps them between exports).
 */
export interface RunMemo {
	/** A copy of the run as it was read, and the warnings reading it gave, when the stamp is the same. */
	get(runId: string, stamp: string): { raw: RawRun; warnings: string[] } | null;
	/** Records a run as just read (copied at once: the exporter redacts records in place). */
	set(runId: string, stamp: string, raw: RawRun, warnings: readonly string[]): void;
}

export interface RawExperiment {
	id: string;
	name: string;
	lifecycleStage: 'active' | 'deleted';
	artifactLocation: string | null;
	creationTime: number | null;
	lastUpdateTime: number | null;
	tags: Record<string, string>;
}

export interface RawRun {
	id: string;
	experimentId: string;
	/** `run_name` column or field; the exporter falls back to tag `mlflow.runName`. */
	name: string | null;
	status: RunStatus;
	lifecycleStage: 'active' | 'deleted';
	startTime: number | null;
	endTime: number | null;
	userId: string | null;
	artifactUri: string | null;
	params: Record<string, string>;
	tags: Record<string, string>;
	/** Dataset inputs: dataset ids refer to RawDataset.id of the same experiment. */
	inputs: Array<{ datasetId: string; context: string | null }>;
	/** Logged models this run produced (MLflow 3 outputs). */
	outputModelIds: string[];
	/**
	 * Latest value per metric key as the store reports it (SQL `latest_metrics`, REST
	 * `data.metrics`), or null when the reader has no such summary. Used to cross-check.
	 */
	latestMetrics: Record<string, RawMetricPoint> | null;
}

export interface RawMetricPoint {
	key: string;
	/** The value as a JavaScript number: NaN and ±Infinity decoded from the store's encoding. */
	value: number;
	/**
	 * Epoch milliseconds, and the step. Either may be an integer beyond ±2^53 as stored (read as
	 * its nearest double): the exporter leaves such a point out with a warning (exact-integers.ts).
	 */
	timestamp: number;
	step: number;
}

export interface RawDataset {
	/** Reader-specific id used by RawRun.inputs (file store: md5, SQL: dataset_uuid). */
	id: string;
	experimentId: string;
	name: string;
	digest: string;
	sourceType: string;
	source: string;
	schema: string | null;
	profile: string | null;
}

export interface RawLoggedModel {
	id: string;
	experimentId: string;
	name: string;
	sourceRunId: string | null;
	status: 'UNSPECIFIED' | 'PENDING' | 'READY' | 'FAILED';
	lifecycleStage: 'active' | 'deleted';
	modelType: string | null;
	creationTime: number | null;
	params: Record<string, string>;
	tags: Record<string, string>;
	metrics: Array<RawMetricPoint & { datasetName: string | null; datasetDigest: string | null }>;
}

export interface RawRegisteredModel {
	name: string;
	creationTime: number | null;
	lastUpdatedTime: number | null;
	description: string | null;
	tags: Record<string, string>;
	/** alias → version */
	aliases: Record<string, string>;
}

export interface RawModelVersion {
	name: string;
	version: string;
	creationTime: number | null;
	lastUpdatedTime: number | null;
	description: string | null;
	userId: string | null;
	/** `None`, `Staging`, `Production`, `Archived`, `Deleted_Internal`, GitLab `development`. */
	stage: string;
	status: string;
	source: string | null;
	runId: string | null;
	tags: Record<string, string>;
}

export interface RawArtifact {
	/** Path relative to the artifact root, `/`-separated. */
	path: string;
	size: number;
	/** Reads the file's bytes (from disk or the server); nothing of where it lives reaches the snapshot. */
	read(): Promise<Uint8Array>;
}

/** Effects and settings every reader factory takes. */
export interface ReaderOptions {
	/** Reports a skipped record or a suspicious value (a sentence from `src/messages.ts`). */
	warn(message: string): void;
	/** How the source is named in messages and the manifest: a path relative to the working directory, or the URI with credentials removed. */
	displayUri: string;
}

/**
 * Reader factories, one per module, all with this shape:
 * - `openSqliteReader(path, options)` in `sqlite-reader.ts`
 * - `openFileStoreReader(root, options)` in `file-store-reader.ts`
 * - `openRestReader(uri, options)` in `rest-reader.ts` (options add fetch, env, sleep, random, timeouts)
 * They throw an `ExportError` (SourceMissing, SourceUnreadable, SourceNotMlflow, ...) when the
 * source cannot be opened at all.
 */
export type ReaderFactory<O extends ReaderOptions = ReaderOptions> = (
	location: string,
	options: O,
) => Promise<SourceReader>;
