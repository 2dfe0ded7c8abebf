import { fileURLToPath } from 'node:url';
import { classificationReportJson, confusionMatrixPng, mlmodelYaml, weightsJson } from './artifacts.ts';
import { classificationReport, confusionMatrix } from './evaluation.ts';
import { FEATURE_NAMES, loadPenguins, type PenguinData } from './penguins.ts';
import { pythonJson } from './python-json.ts';
import { createRandom, md5Hex, stableHexId } from './random.ts';
import type * as M from './store-model.ts';
import { trainClassifier, type TrainConfig } from './train.ts';

/** 2026-03-02T09:00:00Z: the simulated clock starts here and only moves forward. */
export const DEMO_START = Date.UTC(2026, 2, 2, 9, 0, 0);
const CSV_PATH = fileURLToPath(new URL('./data/penguins.csv', import.meta.url));
const GIT_COMMIT = '3f9c2a7d41be8e06c5d0b9a41f7e22c8d95b6a10';
const REPO_URL = 'https://gitlab.com/mlpages/penguins-demo';

const experimentIds = { default: 0, sweep: 1, comparison: 2 } as const;

/** Everything `generate.ts` needs: the store content and a few facts for the report. */
export interface BuiltStore {
	store: M.DemoStore;
	bestSweepValAccuracy: number;
}

interface RunPlan {
	name: string;
	experimentId: number;
	userId: string;
	config: TrainConfig;
	extraTags?: Record<string, string>;
	parentRunId?: string;
	note?: string;
	artifacts: 'report' | 'full' | 'none';
}

/**
 * Trains every model of the demo and records it as MLflow 3.14 would: two experiments (a nested
 * sweep and a model comparison), datasets, logged models and a registry with aliases.
 */
export async function buildDemoStore(): Promise<BuiltStore> {
	const data = loadPenguins(CSV_PATH, createRandom(2026));
	const jitter = createRandom(7);
	let clock = DEMO_START;
	const advance = (ms: number): number => {
		clock += ms + Math.floor(jitter.next() * 400);
		return clock;
	};

	const experiments: M.DemoExperiment[] = [
		{ id: 0, name: 'Default', artifactLocation: 'mlflow-artifacts:/0', creationTime: clock, lastUpdateTime: clock, tags: {} },
	];
	const createExperiment = (id: number, name: string, note: string): void => {
		const time = advance(45_000);
		experiments.push({ id, name, artifactLocation: `mlflow-artifacts:/${id}`, creationTime: time, lastUpdateTime: time, tags: { 'mlflow.note.content': note } });
	};
	const runs: M.DemoRun[] = [];
	const datasets: M.DemoDataset[] = [];
	const loggedModels: M.DemoLoggedModel[] = [];
	const results = new Map<string, { run: M.DemoRun; valAccuracy: number; f1: number; plan: RunPlan; modelId?: string }>();

	const trained = new Map<string, ReturnType<typeof trainClassifier>>();
	const train = (config: TrainConfig): ReturnType<typeof trainClassifier> => {
		const key = JSON.stringify(config);
		const cached = trained.get(key) ?? trainClassifier(config, data.train, data.validation);
		trained.set(key, cached);
		return cached;
	};
	const ensureDatasets = (experimentId: number): M.DemoDataset[] =>
		(['train', 'validation'] as const).map((split) => {
			const name = `penguins-${split}`;
			const existing = datasets.find((d) => d.experimentId === experimentId && d.name === name);
			if (existing) return existing;
			const dataset = makeDataset(data, experimentId, split);
			datasets.push(dataset);
			return dataset;
		});

	const executeRun = async (plan: RunPlan): Promise<M.DemoRun> => {
		const id = stableHexId(`run/${plan.experimentId}/${plan.name}`);
		const startTime = advance(3_000);
		const [trainSet, evalSet] = ensureDatasets(plan.experimentId) as [M.DemoDataset, M.DemoDataset];
		const result = train(plan.config);
		const batches = Math.ceil(data.train.x.length / plan.config.batchSize);
		const epochMs = Math.round(90 + batches * 11 * (1 + plan.config.hiddenUnits / 16));
		const metrics: M.DemoMetric[] = [];
		let t = startTime + 1_800;
		for (const record of result.history) {
			t += epochMs + Math.floor(jitter.next() * 25);
			const values: Array<[string, number]> = [
				['train_loss', record.trainLoss],
				['val_loss', record.valLoss],
				['train_accuracy', record.trainAccuracy],
				['val_accuracy', record.valAccuracy],
				['learning_rate', record.learningRate],
			];
			for (const [key, value] of values) metrics.push({ key, value, timestamp: t, step: record.epoch });
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
		const params: Record<string, string> = {
			model_type: plan.config.model,
			learning_rate: String(plan.config.learningRate),
			lr_schedule: plan.config.schedule,
			epochs: String(plan.config.epochs),
			batch_size: String(plan.config.batchSize),
			l2: String(plan.config.l2),
			optimizer: plan.config.optimizer,
			seed: String(plan.config.seed),
			n_features: String(FEATURE_NAMES.length),
			train_rows: String(data.train.x.length),
			val_rows: String(data.validation.x.length),
		};
		if (plan.config.model === 'mlp') {
			params['hidden_units'] = String(plan.config.hiddenUnits);
			params['activation'] = plan.config.activation;
		}
		const tags: Record<string, string> = {
			'mlflow.runName': plan.name,
			'mlflow.user': plan.userId,
			'mlflow.source.name': 'train_penguins.py',
			'mlflow.source.type': 'LOCAL',
			'mlflow.source.git.commit': GIT_COMMIT,
			'mlflow.source.git.repoURL': REPO_URL,
			...plan.extraTags,
		};
		if (plan.parentRunId !== undefined) tags['mlflow.parentRunId'] = plan.parentRunId;
		if (plan.note !== undefined) tags['mlflow.note.content'] = plan.note;
		const artifacts: M.DemoArtifact[] = [];
		if (plan.artifacts !== 'none' && !result.diverged) {
			artifacts.push({ path: 'classification_report.json', content: classificationReportJson(report, matrix) });
		}
		if (plan.artifacts === 'full') {
			artifacts.push({ path: 'confusion_matrix.png', content: await confusionMatrixPng(matrix, `${plan.name}: validation`) });
		}
		const endTime = t + 1_200;
		const run: M.DemoRun = {
			id,
			experimentId: plan.experimentId,
			name: plan.name,
			userId: plan.userId,
			status: result.diverged ? 'FAILED' : 'FINISHED',
			startTime,
			endTime,
			artifactUri: `mlflow-artifacts:/${plan.experimentId}/${id}/artifacts`,
			params,
			tags,
			metrics,
			datasetInputs: [
				{ inputId: stableHexId(`input/${trainSet.id}/${id}`), datasetId: trainSet.id, context: 'train' },
				{ inputId: stableHexId(`input/${evalSet.id}/${id}`), datasetId: evalSet.id, context: 'eval' },
			],
			modelOutputs: [],
			artifacts,
		};
		if (plan.artifacts === 'full') {
			const modelId = `m-${stableHexId(`model/${id}`)}`;
			loggedModels.push(makeLoggedModel(run, modelId, plan, result, evalSet, t - 300));
			run.modelOutputs.push({ inputId: stableHexId(`output/${modelId}/${id}`), modelId, step: 0 });
			const model = loggedModels.at(-1) as M.DemoLoggedModel;
			for (const artifact of model.artifacts) artifacts.push({ path: `model/${artifact.path}`, content: artifact.content });
			results.set(plan.name, { run, valAccuracy: last?.valAccuracy ?? 0, f1: macro['f1-score'], plan, modelId });
		} else {
			results.set(plan.name, { run, valAccuracy: last?.valAccuracy ?? 0, f1: macro['f1-score'], plan });
		}
		clock = endTime;
		runs.push(run);
		return run;
	};

	// Experiment 1: a nested hyperparameter sweep of the MLP.
	createExperiment(experimentIds.sweep, 'penguins-mlp-sweep', SWEEP_NOTE);
	const parentId = stableHexId('run/1/mlp-sweep');
	const parentStart = advance(20_000);
	const sweepBase: TrainConfig = {
		model: 'mlp', hiddenUnits: 8, activation: 'relu', optimizer: 'adam', learningRate: 0.003,
		schedule: 'cosine', epochs: 40, batchSize: 32, l2: 0, seed: 1,
	};
	const children: RunPlan[] = [];
	for (const learningRate of [0.001, 0.003, 0.01])
		for (const hiddenUnits of [8, 32])
			for (const l2 of [0, 0.01])
				for (const seed of [1, 2])
					children.push({
						name: `mlp-lr${learningRate}-h${hiddenUnits}-l2${l2}-s${seed}`,
						experimentId: experimentIds.sweep,
						userId: 'ana.lima',
						config: { ...sweepBase, learningRate, hiddenUnits, l2, seed },
						parentRunId: parentId,
						artifacts: 'report',
					});
	children.splice(12, 0, {
		name: 'mlp-lr1.0-h32-l20-s1',
		experimentId: experimentIds.sweep,
		userId: 'ana.lima',
		config: { ...sweepBase, learningRate: 1.0, hiddenUnits: 32, l2: 0, seed: 1 },
		parentRunId: parentId,
		note: 'Diverged in epoch 2: with `learning_rate=1.0` the logits overflow and the loss becomes **NaN**. Kept as a record of the upper bound of the search space.',
		artifacts: 'none',
	});
	// The sweep keeps the model of its best trial: highest validation macro F1, then lowest
	// training loss. Training is deterministic, so the winner is known before the runs are logged.
	const score = (plan: RunPlan): [number, number] => {
		const result = train(plan.config);
		if (result.diverged) return [-1, 0];
		const report = classificationReport(confusionMatrix(data.validation.y, result.valPredictions));
		return [(report['macro avg'] as { 'f1-score': number })['f1-score'], -(result.history.at(-1)?.trainLoss ?? 0)];
	};
	const bestPlan = children.reduce((a, b) => {
		const [fa, la] = score(a);
		const [fb, lb] = score(b);
		return fb > fa || (fb === fa && lb > la) ? b : a;
	});
	bestPlan.artifacts = 'full';
	clock = parentStart;
	for (const child of children) await executeRun(child);
	const finished = children.map((c) => results.get(c.name)).filter((r) => r?.run.status === 'FINISHED');
	const best = results.get(bestPlan.name);
	const parentEnd = advance(2_000);
	const parent: M.DemoRun = {
		id: parentId,
		experimentId: experimentIds.sweep,
		name: 'mlp-sweep',
		userId: 'ana.lima',
		status: 'FINISHED',
		startTime: parentStart,
		endTime: parentEnd,
		artifactUri: `mlflow-artifacts:/1/${parentId}/artifacts`,
		params: {
			search_learning_rate: '[0.001, 0.003, 0.01]',
			search_hidden_units: '[8, 32]',
			search_l2: '[0.0, 0.01]',
			search_seeds: '[1, 2]',
			epochs: '40',
			optimizer: 'adam',
			model_type: 'mlp',
		},
		tags: {
			'mlflow.runName': 'mlp-sweep',
			'mlflow.user': 'ana.lima',
			'mlflow.source.name': 'sweep_penguins.py',
			'mlflow.source.type': 'LOCAL',
			'mlflow.source.git.commit': GIT_COMMIT,
			'mlflow.source.git.repoURL': REPO_URL,
			'mlflow.note.content': `Grid search over learning rate, hidden units and L2 with two seeds each (${children.length} trials).\n\nBest trial: \`${bestPlan.name}\`.`,
			best_run_id: best?.run.id ?? '',
		},
		metrics: [
			{ key: 'best_val_accuracy', value: best?.valAccuracy ?? 0, timestamp: parentEnd - 500, step: 0 },
			{ key: 'best_val_f1_macro', value: best?.f1 ?? 0, timestamp: parentEnd - 500, step: 0 },
			{ key: 'n_trials', value: children.length, timestamp: parentEnd - 500, step: 0 },
			{ key: 'n_failed', value: children.length - finished.length, timestamp: parentEnd - 500, step: 0 },
		],
		datasetInputs: [],
		modelOutputs: [],
		artifacts: [],
	};
	runs.unshift(parent);

	// Experiment 2 (next morning): model comparison, run in GitLab CI for merge request !42.
	clock = Date.UTC(2026, 2, 3, 8, 30, 0);
	createExperiment(experimentIds.comparison, 'penguins-model-comparison', COMPARISON_NOTE);
	const ci = (job: number): Record<string, string> => ({
		'gitlab.CI_JOB_ID': String(job),
		'gitlab.CI_PIPELINE_ID': '1604211',
		'gitlab.CI_MERGE_REQUEST_IID': '42',
	});
	const comparisonBase = { experimentId: experimentIds.comparison, userId: 'gitlab-ci', artifacts: 'full' as const };
	const baseline = await executeRun({ ...comparisonBase, name: 'majority-baseline', config: { ...sweepBase, model: 'majority_baseline', hiddenUnits: 0, epochs: 1, learningRate: 0, schedule: 'constant', optimizer: 'sgd' }, extraTags: ci(8312001) });
	const logreg = await executeRun({ ...comparisonBase, name: 'logistic-regression', config: { ...sweepBase, model: 'logistic_regression', hiddenUnits: 0, optimizer: 'sgd', learningRate: 0.05, schedule: 'step', epochs: 250, l2: 0.001 }, extraTags: ci(8312002) });
	const mlp = await executeRun({ ...comparisonBase, name: `mlp-h${bestPlan.config.hiddenUnits}`, config: { ...bestPlan.config, epochs: 200 }, extraTags: ci(8312003), note: `MLP with the best sweep configuration (\`${bestPlan.name}\`), trained for 200 epochs.\n\n| model | role |\n|---|---|\n| majority baseline | floor |\n| logistic regression | challenger |\n| MLP | champion |` });
	const sweepWinner = results.get(bestPlan.name)?.run as M.DemoRun;

	const registeredModels = buildRegistry({ baseline, logreg, mlp, sweepWinner, loggedModels, clock: () => advance(60_000) });
	return {
		store: { experiments, runs, datasets, loggedModels, registeredModels },
		bestSweepValAccuracy: best?.valAccuracy ?? 0,
	};
}

const SWEEP_NOTE = `# MLP sweep on Palmer Penguins\n\nPredict the **species** (Adelie, Chinstrap, Gentoo) from bill, flipper, body mass, island and sex.\n\n- data: \`scripts/demo/data/penguins.csv\` (333 complete rows, CC0)\n- split: stratified 75 % / 25 %, seed 2026\n- one hidden layer, ReLU, Adam with cosine learning-rate decay`;
const COMPARISON_NOTE = `# Model comparison\n\nMajority baseline vs. multinomial logistic regression vs. the best MLP of the sweep, on the same split.`;

function makeDataset(data: PenguinData, experimentId: number, split: 'train' | 'validation'): M.DemoDataset {
	const lines = split === 'train' ? data.trainLines : data.validationLines;
	const columns = data.header.split(',');
	const name = `penguins-${split}`;
	const digest = md5Hex(`${data.header}\n${lines.join('\n')}`).slice(0, 8);
	return {
		id: stableHexId(`dataset/${experimentId}/${name}`),
		experimentId,
		name,
		digest,
		sourceType: 'local',
		source: pythonJson({ uri: 'scripts/demo/data/penguins.csv' }),
		schema: pythonJson({
			mlflow_colspec: columns.map((column) => ({
				type: ['species', 'island', 'sex'].includes(column) ? 'string' : column === 'body_mass_g' || column === 'flipper_length_mm' ? 'long' : 'double',
				name: column,
				required: true,
			})),
		}),
		profile: pythonJson({ num_rows: lines.length, num_elements: lines.length * columns.length }),
	};
}

function makeLoggedModel(run: M.DemoRun, modelId: string, plan: RunPlan, result: ReturnType<typeof trainClassifier>, evalSet: M.DemoDataset, createdAt: number): M.DemoLoggedModel {
	const artifactLocation = `mlflow-artifacts:/${run.experimentId}/models/${modelId}/artifacts`;
	const weights = weightsJson(result, { ...run.params });
	const mlmodel = mlmodelYaml({ artifactUri: artifactLocation, modelId, runId: run.id, createdAt, sizeBytes: Buffer.byteLength(weights), modelType: plan.config.model });
	const finals = run.metrics.filter((m) => m.step === 0 && ['val_f1_macro', 'val_precision_macro', 'val_recall_macro', 'best_val_accuracy'].includes(m.key));
	const valAccuracy = run.metrics.filter((m) => m.key === 'val_accuracy').at(-1);
	return {
		id: modelId,
		experimentId: run.experimentId,
		name: 'model',
		artifactLocation,
		creationTime: createdAt,
		lastUpdatedTime: createdAt + 240,
		status: 2,
		modelType: plan.config.model,
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
		metrics: [...finals, ...(valAccuracy ? [{ ...valAccuracy, step: 0, timestamp: finals[0]?.timestamp ?? valAccuracy.timestamp }] : [])].map((m) => ({
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

function buildRegistry(input: {
	baseline: M.DemoRun;
	logreg: M.DemoRun;
	mlp: M.DemoRun;
	sweepWinner: M.DemoRun;
	loggedModels: M.DemoLoggedModel[];
	clock: () => number;
}): M.DemoRegisteredModel[] {
	const modelOf = (run: M.DemoRun): M.DemoLoggedModel =>
		input.loggedModels.find((m) => m.sourceRunId === run.id) as M.DemoLoggedModel;
	const version = (name: string, number: number, run: M.DemoRun, description: string | null, tags: Record<string, string>): M.DemoModelVersion => {
		const model = modelOf(run);
		const time = input.clock();
		const registrations = JSON.parse(model.tags['mlflow.modelVersions'] ?? '[]') as Array<{ name: string; version: number }>;
		registrations.push({ name, version: number });
		model.tags['mlflow.modelVersions'] = pythonJson(registrations);
		return {
			version: number, creationTime: time, lastUpdatedTime: time, description, userId: null,
			currentStage: 'None', source: `models:/${model.id}`, runId: run.id, status: 'READY',
			statusMessage: null, runLink: null, storageLocation: model.artifactLocation, modelId: model.id, tags,
		};
	};
	const classifierCreated = input.clock();
	const classifier: M.DemoRegisteredModel = {
		name: 'penguins-classifier',
		creationTime: classifierCreated,
		lastUpdatedTime: classifierCreated,
		description: '# Penguin species classifier\n\nPredicts the species of a Palmer Archipelago penguin from its measurements.\n\n- **Intended use**: teaching and demos of mlpages.\n- **Not for**: field identification.\n\nTrained on `scripts/demo/data/penguins.csv` (CC0).',
		tags: { task: 'multiclass-classification', dataset: 'palmer-penguins', team: 'ml-platform' },
		aliases: {},
		metaAliases: {},
		versions: [],
	};
	classifier.versions.push(version(classifier.name, 1, input.sweepWinner, 'Best trial of the MLP sweep (40 epochs).', { source_experiment: 'penguins-mlp-sweep' }));
	classifier.versions.push(version(classifier.name, 2, input.logreg, 'Multinomial **logistic regression**, 250 epochs of SGD with step decay.', { validation_status: 'approved' }));
	classifier.versions.push(version(classifier.name, 3, input.mlp, `MLP with ${input.mlp.params['hidden_units'] ?? '?'} ReLU units, best sweep configuration, 200 epochs.\n\nValidated on the held-out 25 % split.`, { validation_status: 'approved', reviewed_by: 'ana.lima' }));
	const mistaken = version(classifier.name, 4, input.baseline, 'Registered by mistake.', {});
	classifier.versions.push(mistaken);
	classifier.aliases = { champion: 3, challenger: 2 };
	const deletedAt = input.clock();
	// Deleted: the SQL writer redacts the fields as MLflow's SQL store does; the file store keeps them.
	Object.assign(mistaken, { currentStage: 'Deleted_Internal', lastUpdatedTime: deletedAt });
	classifier.lastUpdatedTime = deletedAt;
	classifier.metaAliases = { ...classifier.aliases };

	const baselineCreated = input.clock();
	const baselineModel: M.DemoRegisteredModel = {
		name: 'penguins-baseline',
		creationTime: baselineCreated,
		lastUpdatedTime: baselineCreated,
		description: 'Reference models every candidate must beat.',
		tags: { task: 'multiclass-classification' },
		aliases: {},
		metaAliases: {},
		versions: [],
	};
	baselineModel.versions.push(version(baselineModel.name, 1, input.baseline, 'Always predicts the most frequent species (Adelie).', {}));
	baselineModel.versions.push(version(baselineModel.name, 2, input.logreg, 'Linear reference model.', {}));
	baselineModel.aliases = { floor: 1 };
	baselineModel.lastUpdatedTime = baselineModel.versions.at(-1)?.creationTime ?? baselineCreated;
	return [classifier, baselineModel];
}
