/**
 * The demo store as plain data, independent of the backend: `write-sqlite.ts` and
 * `write-file-store.ts` write the same content. Times are epoch milliseconds; ids have MLflow's
 * shapes (run ids 32 hex, logged-model ids `m-` + 32 hex).
 */

/** Where an entity is in MLflow's lifecycle; absent means `active`. */
export type DemoLifecycleStage = 'active' | 'deleted';

export interface DemoExperiment {
	/** A bigint for the 18-digit ids file stores give since MLflow 2.0 (above 2^53). */
	id: number | bigint;
	name: string;
	artifactLocation: string;
	creationTime: number;
	lastUpdateTime: number;
	tags: Record<string, string>;
	/** A deleted experiment: in `.trash/` in a file store; its runs are deleted too. */
	lifecycleStage?: DemoLifecycleStage;
}

/** One logged metric value; `value` may be NaN or ±Infinity. */
export interface DemoMetric {
	key: string;
	value: number;
	timestamp: number;
	step: number;
}

export interface DemoDataset {
	/** `datasets.dataset_uuid` (SQL) and folder name under `<exp>/datasets/` (file store). */
	id: string;
	experimentId: number | bigint;
	name: string;
	digest: string;
	sourceType: string;
	source: string;
	schema: string;
	profile: string;
}

/** A file below a run's or logged model's artifact root. */
export interface DemoArtifact {
	path: string;
	content: Uint8Array | string;
}

export interface DemoRun {
	id: string;
	experimentId: number | bigint;
	name: string;
	userId: string;
	status: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
	startTime: number;
	/** Null while the run is running, or when its process died. */
	endTime: number | null;
	lifecycleStage?: DemoLifecycleStage;
	/** When the run was deleted (MLflow ≥ 2.0 records it). */
	deletedTime?: number | null;
	artifactUri: string;
	params: Record<string, string>;
	tags: Record<string, string>;
	metrics: DemoMetric[];
	datasetInputs: Array<{ inputId: string; datasetId: string; context: 'train' | 'eval' }>;
	modelOutputs: Array<{ inputId: string; modelId: string; step: number }>;
	artifacts: DemoArtifact[];
}

export interface DemoLoggedModelMetric extends DemoMetric {
	runId: string;
	datasetId: string;
	datasetName: string;
	datasetDigest: string;
}

export interface DemoLoggedModel {
	id: string;
	experimentId: number | bigint;
	name: string;
	artifactLocation: string;
	creationTime: number;
	lastUpdatedTime: number;
	/** LoggedModelStatus as stored: 2 = READY. */
	status: number;
	modelType: string | null;
	sourceRunId: string;
	params: Record<string, string>;
	tags: Record<string, string>;
	metrics: DemoLoggedModelMetric[];
	artifacts: DemoArtifact[];
}

export interface DemoModelVersion {
	version: number;
	creationTime: number;
	lastUpdatedTime: number;
	description: string | null;
	userId: string | null;
	currentStage: string;
	source: string;
	runId: string;
	status: 'READY';
	statusMessage: string | null;
	runLink: string | null;
	storageLocation: string;
	/** Logged model the version was made from (kept for the file store's `model_id`). */
	modelId: string;
	tags: Record<string, string>;
}

export interface DemoRegisteredModel {
	name: string;
	creationTime: number;
	lastUpdatedTime: number;
	description: string | null;
	tags: Record<string, string>;
	aliases: Record<string, number>;
	/**
	 * Aliases as of the model's last metadata write: the file store copies them into the model's
	 * `meta.yaml`, where they go stale when an alias is set later.
	 */
	metaAliases: Record<string, number>;
	versions: DemoModelVersion[];
}

export interface DemoStore {
	experiments: DemoExperiment[];
	runs: DemoRun[];
	datasets: DemoDataset[];
	loggedModels: DemoLoggedModel[];
	registeredModels: DemoRegisteredModel[];
}
