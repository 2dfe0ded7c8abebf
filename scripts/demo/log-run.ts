import { classificationReportJson, confusionMatrixPng } from './artifacts.ts';
import type { DemoContext } from './demo-context.ts';
import { classificationReport, confusionMatrix } from './evaluation.ts';
import { loggedModel } from './logged-model.ts';
import { FEATURE_NAMES } from './penguins.ts';
import { stableHexId } from './random.ts';
import type { DemoArtifact, DemoMetric, DemoRun } from './store-model.ts';
import type { TrainConfig } from './train.ts';

const GIT_COMMIT = '3f9c2a7d41be8e06c5d0b9a41f7e22c8d95b6a10';
const REPO_URL = 'https://gitlab.com/mlpages/penguins-demo';

/** What to train and how to log it. */
export interface RunPlan {
	name: string;
	experimentId: number;
	userId: string;
	config: TrainConfig;
	/** `report`: classification report only; `full`: also confusion matrix and a logged model. */
	artifacts: 'report' | 'full' | 'none';
	extraTags?: Record<string, string>;
	parentRunId?: string;
	/** Markdown description (tag `mlflow.note.content`). */
	note?: string;
}

/** A logged run and the validation scores of its final model. */
export interface RunOutcome {
	run: DemoRun;
	valAccuracy: number;
	f1Macro: number;
}

/** The tags MLflow's fluent API sets on a run started from a script in a Git checkout. */
export function systemTags(
	runName: string,
	userId: string,
	sourceName: string,
): Record<string, string> {
	return {
		'mlflow.runName': runName,
		'mlflow.user': userId,
		'mlflow.source.name': sourceName,
		'mlflow.source.type': 'LOCAL',
		'mlflow.source.git.commit': GIT_COMMIT,
		'mlflow.source.git.repoURL': REPO_URL,
	};
}

/**
 * Trains the plan's model and records the run as the MLflow client would: params, system tags,
 * one batch of metrics per epoch (step = epoch), final scores at step 0, dataset inputs,
 * artifacts and, for `full` plans, a logged model linked as the run's output. Advances the
 * context's clock by the simulated duration.
 */
export async function logRun(context: DemoContext, plan: RunPlan): Promise<RunOutcome> {
	const { data } = context;
	const id = stableHexId(`run/${plan.experimentId}/${plan.name}`);
	const startTime = context.advance(3_000);
	const [trainSet, evalSet] = context.datasetsFor(plan.experimentId);
	const result = context.train(plan.config);
	const batches = Math.ceil(data.train.x.length / plan.config.batchSize);
	const epochMs = Math.round(90 + batches * 11 * (1 + plan.config.hiddenUnits / 16));
	const metrics: DemoMetric[] = [];
	let t = startTime + 1_800;
	for (const record of result.history) {
		t += epochMs + Math.floor(context.jitter() * 25);
		const values: Array<[string, number]> = [
			['train_loss', record.trainLoss],
			['val_loss', record.valLoss],
			['train_accuracy', record.trainAccuracy],
			['val_accuracy', record.valAccuracy],
			['learning_rate', record.learningRate],
		];
		for (const [key, value] of values)
			metrics.push({ key, value, timestamp: t, step: record.epoch });
	}
	const matrix = confusionMatrix(data.validation.y, result.valPredictions);
	const report = classificationReport(matrix);
	const macro = report['macro avg'] as { precision: number; recall: number; 'f1-score': number };
	const last = result.history.at(-1);
	t += 400;
	if (!result.diverged) {
		const finals: Array<[string, number]> = [
			['val_f1_macro', macro['f1-score']],
			['val_precision_macro', macro.precision],
			['val_recall_macro', macro.recall],
			['best_val_accuracy', Math.max(...result.history.map((r) => r.valAccuracy))],
			['final_train_loss', last?.trainLoss ?? Number.NaN],
			['epochs_completed', result.history.length],
		];
		for (const [key, value] of finals) metrics.push({ key, value, timestamp: t, step: 0 });
	}
	const tags = { ...systemTags(plan.name, plan.userId, 'train_penguins.py'), ...plan.extraTags };
	if (plan.parentRunId !== undefined) tags['mlflow.parentRunId'] = plan.parentRunId;
	if (plan.note !== undefined) tags['mlflow.note.content'] = plan.note;
	const artifacts: DemoArtifact[] = [];
	if (plan.artifacts !== 'none' && !result.diverged) {
		artifacts.push({
			path: 'classification_report.json',
			content: classificationReportJson(report, matrix),
		});
	}
	if (plan.artifacts === 'full') {
		artifacts.push({
			path: 'confusion_matrix.png',
			content: await confusionMatrixPng(matrix, `${plan.name}: validation`),
		});
	}
	const endTime = t + 1_200;
	const run: DemoRun = {
		id,
		experimentId: plan.experimentId,
		name: plan.name,
		userId: plan.userId,
		status: result.diverged ? 'FAILED' : 'FINISHED',
		startTime,
		endTime,
		artifactUri: `mlflow-artifacts:/${plan.experimentId}/${id}/artifacts`,
		params: runParams(plan.config, data.train.x.length, data.validation.x.length),
		tags,
		metrics,
		datasetInputs: [
			{
				inputId: stableHexId(`input/${trainSet.id}/${id}`),
				datasetId: trainSet.id,
				context: 'train',
			},
			{ inputId: stableHexId(`input/${evalSet.id}/${id}`), datasetId: evalSet.id, context: 'eval' },
		],
		modelOutputs: [],
		artifacts,
	};
	if (plan.artifacts === 'full') {
		const modelId = `m-${stableHexId(`model/${id}`)}`;
		const model = loggedModel(run, modelId, plan.config, result, evalSet, t - 300);
		context.store.loggedModels.push(model);
		run.modelOutputs.push({ inputId: stableHexId(`output/${modelId}/${id}`), modelId, step: 0 });
		for (const artifact of model.artifacts)
			artifacts.push({ path: `model/${artifact.path}`, content: artifact.content });
	}
	context.now = endTime;
	context.store.runs.push(run);
	return { run, valAccuracy: last?.valAccuracy ?? 0, f1Macro: macro['f1-score'] };
}

function runParams(
	config: TrainConfig,
	trainRows: number,
	valRows: number,
): Record<string, string> {
	const params: Record<string, string> = {
		model_type: config.model,
		learning_rate: String(config.learningRate),
		lr_schedule: config.schedule,
		epochs: String(config.epochs),
		batch_size: String(config.batchSize),
		l2: String(config.l2),
		optimizer: config.optimizer,
		seed: String(config.seed),
		n_features: String(FEATURE_NAMES.length),
		train_rows: String(trainRows),
		val_rows: String(valRows),
	};
	if (config.model === 'mlp') {
		params['hidden_units'] = String(config.hiddenUnits);
		params['activation'] = config.activation;
	}
	return params;
}
