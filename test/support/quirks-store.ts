import type {
	DemoArtifact,
	DemoMetric,
	DemoModelVersion,
	DemoRun,
	DemoStore,
} from '../../scripts/demo/store-model.ts';

/**
 * A small MLflow store holding one of each thing real stores showed the readers (the corpus of
 * `../shared/fixtures/`, see its INDEX.md), made up here so that `npm test` needs nothing
 * beside the repository: non-ASCII names and notes, an experiment id above 2^53, param keys with
 * `/` and spaces, empty and multi-line values, a run note, runs RUNNING without an end time, FAILED, KILLED
 * and deleted in place, a deleted experiment, a nested run, NaN and ±Infinity values, an exact
 * duplicate value, a 1,001-step history, dataset inputs, a logged model, a registry with
 * stages, a `Deleted_Internal` version, versions 10 and 11 after 2, hyphenated aliases, a
 * stale alias copy, and a prompt. The scripts/demo writers write it as a SQLite store of any
 * schema generation or a file store of any layout.
 */

export const EXP_DEFAULT = 0;
export const EXP_SWEEP = 1;
export const EXP_RETIRED = 3;
/** An 18-digit id, as file stores give since MLflow 2.0: above 2^53. */
export const EXP_BIG = 918273645546372819n;

export const RUN_SWEEP = '5eed0000000000000000000000000001';
export const RUN_CHILD = '5eed0000000000000000000000000002';
export const RUN_FAILED = 'fa11ed00000000000000000000000003';
export const RUN_KILLED = 'c1110000000000000000000000000004';
export const RUN_DELETED = 'de1e7ed0000000000000000000000005';
export const RUN_PICKER = 'b16b16b1600000000000000000000006';
export const RUN_TRASHED = '7ea5000000000000000000000000000a';
/** All digits: PyYAML quotes it, and it must stay a string. */
export const RUN_DIGITS = '12345678901234567890123456789012';
export const LOGGED_MODEL = 'm-0dde1000000000000000000000000001';
export const DS_TRAIN = 'da7a0000000000000000000000000001';
export const DS_EVAL = 'da7a0000000000000000000000000002';

/** The Japanese experiment note ("validation loss rises after epoch 20"). */
export const SWEEP_NOTE = '# メモ\n\n検証損失は二十エポック目から上がる。\n';
/** Length of the `loss` history of RUN_SWEEP: one more than the default chart budget. */
export const LONG_SERIES = 1001;

const T0 = 1_700_000_000_000;
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const systemTags = (name: string, user: string) => ({
	'mlflow.runName': name,
	'mlflow.user': user,
	'mlflow.source.name': 'train.py',
	'mlflow.source.type': 'LOCAL',
	'mlflow.source.git.commit': '0123456789abcdef0123456789abcdef01234567',
});

function run(
	id: string,
	experimentId: number | bigint,
	name: string,
	at: number,
	fields: Partial<DemoRun> = {},
): DemoRun {
	return {
		id,
		experimentId,
		name,
		userId: 'ana',
		status: 'FINISHED',
		startTime: T0 + at,
		endTime: T0 + at + 60_000,
		artifactUri: `mlflow-artifacts:/${experimentId}/${id}/artifacts`,
		params: {},
		tags: systemTags(name, 'ana'),
		metrics: [],
		datasetInputs: [],
		modelOutputs: [],
		artifacts: [],
		...fields,
	};
}

const points = (key: string, values: number[], at: number, step0 = 0): DemoMetric[] =>
	values.map((value, i) => ({ key, value, timestamp: T0 + at + i * 10, step: step0 + i }));

function sweepMetrics(): DemoMetric[] {
	const loss = Array.from({ length: LONG_SERIES }, (_, step) => 2 / (1 + step / 50) + (step === 617 ? 3 : 0));
	const val = points('val_loss', [0.9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.4], 20_000);
	// Logged twice with the same timestamp, value and step (autologging plus an explicit call).
	const duplicate = { key: 'val_accuracy', value: 0.875, timestamp: T0 + 30_000, step: 4 };
	return [...points('loss', loss, 1_000), ...val, duplicate, { ...duplicate }];
}

const artifacts: DemoArtifact[] = [
	{ path: 'model/MLmodel', content: 'artifact_path: model\nflavors:\n  python_function: {loader_module: picker}\n' },
	{ path: 'plots/confusion.png', content: png },
	{ path: 'metrics.json', content: '{"f1": 0.8}' },
];

function version(n: number, stage: string, fields: Partial<DemoModelVersion> = {}): DemoModelVersion {
	return {
		version: n,
		creationTime: T0 + 500_000 + n * 1_000,
		lastUpdatedTime: T0 + 500_500 + n * 1_000,
		description: `Version ${n}`,
		userId: 'ana',
		currentStage: stage,
		source: `runs:/${RUN_PICKER}/model`,
		runId: RUN_PICKER,
		status: 'READY',
		statusMessage: null,
		runLink: null,
		storageLocation: `mlflow-artifacts:/${EXP_BIG}/${RUN_PICKER}/artifacts/model`,
		modelId: LOGGED_MODEL,
		tags: {},
		...fields,
	};
}

/** The store; a new object each call. */
export function quirksStore(): DemoStore {
	const experiment = (id: number | bigint, name: string, tags: Record<string, string> = {}) => ({
		id,
		name,
		artifactLocation: `mlflow-artifacts:/${id}`,
		creationTime: T0,
		lastUpdateTime: T0 + 1_000,
		tags,
	});
	return {
		experiments: [
			experiment(EXP_DEFAULT, 'Default'),
			experiment(EXP_SWEEP, 'Détection du blé', { 'mlflow.note.content': SWEEP_NOTE, 'team/owner': 'ana' }),
			{ ...experiment(EXP_RETIRED, 'retired sweep'), lifecycleStage: 'deleted' },
			experiment(EXP_BIG, 'seismic-picker', { 'mlflow.experimentKind': 'custom_model_development' }),
		],
		runs: [
			run(RUN_SWEEP, EXP_SWEEP, 'sweep', 0, {
				params: { lr: '0.01', 'optimizer/name': 'adam', 'optimizer/params/beta1': '0.9', 'AVG AUC overall': '0.5', empty: '', notes: 'line one\nline two' },
				metrics: sweepMetrics(),
			}),
			run(RUN_CHILD, EXP_SWEEP, 'essai n°2 — évaluation', 100_000, {
				status: 'RUNNING',
				endTime: null,
				tags: { ...systemTags('essai n°2 — évaluation', 'bob'), 'mlflow.parentRunId': RUN_SWEEP },
				userId: 'bob',
				params: { lr: '0.02' },
				metrics: points('loss', [1.5, 1.25, 1], 101_000),
			}),
			run(RUN_FAILED, EXP_SWEEP, 'diverged', 200_000, { status: 'FAILED', params: { lr: '10' }, metrics: points('loss', [3, Number.NaN], 201_000) }),
			run(RUN_KILLED, EXP_SWEEP, 'stopped', 300_000, {
				status: 'KILLED',
				params: { lr: '0.5' },
				tags: { ...systemTags('stopped', 'ana'), 'mlflow.note.content': 'Stopped by hand: the **split** was wrong.\n' },
				metrics: points('loss', [2], 301_000),
			}),
			run(RUN_DELETED, EXP_SWEEP, 'mistake', 400_000, {
				lifecycleStage: 'deleted',
				deletedTime: T0 + 450_000,
				params: { lr: '1' },
				metrics: points('loss', [9, 8], 401_000),
			}),
			run(RUN_PICKER, EXP_BIG, 'picker-v1', 500_000, {
				params: { window: '3.0', 'optimizer_params/lr': '0.001' },
				metrics: [...points('f1', [0.5, 0.7, 0.8], 501_000), ...points('auc', [0.9], 501_500)],
				datasetInputs: [
					{ inputId: 'a0000000000000000000000000000001', datasetId: DS_TRAIN, context: 'train' },
					{ inputId: 'a0000000000000000000000000000002', datasetId: DS_EVAL, context: 'eval' },
				],
				modelOutputs: [{ inputId: 'a0000000000000000000000000000003', modelId: LOGGED_MODEL, step: 0 }],
				artifacts,
			}),
			run(RUN_TRASHED, EXP_RETIRED, 'old attempt', 600_000, {
				lifecycleStage: 'deleted',
				deletedTime: T0 + 650_000,
				params: { lr: '0.3' },
				metrics: points('loss', [4], 601_000),
			}),
			run(RUN_DIGITS, EXP_DEFAULT, 'digits', 700_000),
		],
		datasets: [DS_TRAIN, DS_EVAL].map((id, i) => ({
			id,
			experimentId: EXP_BIG,
			name: ['waveforms-train', 'waveforms-eval'][i]!,
			digest: ['1fbe660b', '9c2d4e11'][i]!,
			sourceType: 'local',
			source: `{"uri": "data/${['train', 'eval'][i]}.parquet"}`,
			schema: '{"mlflow_colspec": [{"type": "double", "name": "amplitude"}]}',
			profile: `{"num_rows": ${[400, 100][i]}}`,
		})),
		loggedModels: [
			{
				id: LOGGED_MODEL,
				experimentId: EXP_BIG,
				name: 'picker',
				artifactLocation: `mlflow-artifacts:/${EXP_BIG}/models/${LOGGED_MODEL}/artifacts`,
				creationTime: T0 + 560_000,
				lastUpdatedTime: T0 + 561_000,
				status: 2,
				modelType: null,
				sourceRunId: RUN_PICKER,
				params: { window: '3.0' },
				tags: { 'mlflow.user': 'ana' },
				metrics: [{ key: 'auc', value: 0.9, timestamp: T0 + 501_500, step: 0, runId: RUN_PICKER, datasetId: DS_EVAL, datasetName: 'waveforms-eval', datasetDigest: '9c2d4e11' }],
				artifacts: [{ path: 'MLmodel', content: 'artifact_path: model\nflavors: {}\n' }],
			},
		],
		registeredModels: [
			{
				name: 'seismic-picker',
				creationTime: T0 + 500_000,
				lastUpdatedTime: T0 + 520_000,
				description: '**Picks** P-wave arrivals.',
				tags: { team: 'geo' },
				aliases: { 'in-preview': 11, champion: 10 },
				metaAliases: { champion: 1 },
				versions: [
					version(1, 'Archived'),
					version(2, 'Deleted_Internal'),
					version(10, 'Production', { source: `models:/${LOGGED_MODEL}`, tags: { validated: 'yes' } }),
					version(11, 'Staging', { description: null, userId: null }),
				],
			},
			{
				name: 'summarise-prompt',
				creationTime: T0 + 800_000,
				lastUpdatedTime: T0 + 800_000,
				description: null,
				tags: { 'mlflow.prompt.is_prompt': 'true' },
				aliases: {},
				metaAliases: {},
				versions: [version(1, 'None', { source: 'prompt text', runId: '', modelId: '', storageLocation: '' })],
			},
		],
	};
}
