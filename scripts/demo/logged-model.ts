import { mlmodelYaml, weightsJson } from './artifacts.ts';
import type { DemoDataset, DemoLoggedModel, DemoRun } from './store-model.ts';
import type { TrainConfig, TrainResult } from './train.ts';

const MODEL_METRICS = [
	'val_f1_macro',
	'val_precision_macro',
	'val_recall_macro',
	'best_val_accuracy',
];

/**
 * The MLflow 3 logged model a run produces with `log_model(name="model")`: READY, the run's
 * params copied, its final evaluation metrics linked to the eval dataset, and `MLmodel` plus
 * `weights.json` at `<experiment artifact location>/models/<model id>/artifacts`.
 */
export function loggedModel(
	run: DemoRun,
	modelId: string,
	config: TrainConfig,
	result: TrainResult,
	evalSet: DemoDataset,
	createdAt: number,
): DemoLoggedModel {
	const artifactLocation = `mlflow-artifacts:/${run.experimentId}/models/${modelId}/artifacts`;
	const weights = weightsJson(result, { ...run.params });
	const mlmodel = mlmodelYaml({
		artifactUri: artifactLocation,
		modelId,
		runId: run.id,
		createdAt,
		sizeBytes: Buffer.byteLength(weights),
		modelType: config.model,
	});
	const finals = run.metrics.filter((m) => m.step === 0 && MODEL_METRICS.includes(m.key));
	const valAccuracy = run.metrics.filter((m) => m.key === 'val_accuracy').at(-1);
	const linked = [
		...finals,
		...(valAccuracy
			? [{ ...valAccuracy, step: 0, timestamp: finals[0]?.timestamp ?? valAccuracy.timestamp }]
			: []),
	];
	return {
		id: modelId,
		experimentId: run.experimentId,
		name: 'model',
		artifactLocation,
		creationTime: createdAt,
		lastUpdatedTime: createdAt + 240,
		status: 2,
		modelType: config.model,
		sourceRunId: run.id,
		// MLflow 3 copies the active run's params to a model logged inside it.
		params: { ...run.params },
		tags: {
			'mlflow.user': run.userId,
			'mlflow.source.name': run.tags['mlflow.source.name'] ?? '',
			'mlflow.source.type': 'LOCAL',
			'mlflow.source.git.commit': run.tags['mlflow.source.git.commit'] ?? '',
			'mlflow.source.git.repoURL': run.tags['mlflow.source.git.repoURL'] ?? '',
		},
		metrics: linked.map((m) => ({
			...m,
			runId: run.id,
			datasetId: evalSet.id,
			datasetName: evalSet.name,
			datasetDigest: evalSet.digest,
		})),
		artifacts: [
			{ path: 'MLmodel', content: mlmodel },
			{ path: 'weights.json', content: weights },
		],
	};
}
