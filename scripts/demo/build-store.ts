import { buildRegistry } from './build-registry.ts';
import { createDemoContext, type DemoContext } from './demo-context.ts';
import { classificationReport, confusionMatrix } from './evaluation.ts';
import { logRun, systemTags, type RunOutcome, type RunPlan } from './log-run.ts';
import { stableHexId } from './random.ts';
import type { DemoRun, DemoStore } from './store-model.ts';
import type { TrainConfig } from './train.ts';

/** The store content and a fact for the generator's report. */
export interface BuiltStore {
	store: DemoStore;
	bestSweepValAccuracy: number;
}

const SWEEP_NOTE = `# MLP sweep on Palmer Penguins\n\nPredict the **species** (Adelie, Chinstrap, Gentoo) from bill, flipper, body mass, island and sex.\n\n- data: \`scripts/demo/data/penguins.csv\` (333 complete rows, CC0)\n- split: stratified 75 % / 25 %, seed 2026\n- one hidden layer, ReLU, Adam with cosine learning-rate decay`;
const COMPARISON_NOTE = `# Model comparison\n\nMajority baseline vs. multinomial logistic regression vs. the best MLP of the sweep, on the same split.`;

const SWEEP_BASE: TrainConfig = {
	model: 'mlp',
	hiddenUnits: 8,
	activation: 'relu',
	optimizer: 'adam',
	learningRate: 0.003,
	schedule: 'cosine',
	epochs: 40,
	batchSize: 32,
	l2: 0,
	seed: 1,
};

/**
 * Trains every model of the demo and records it as MLflow 3.14 would: the Default experiment,
 * a nested MLP sweep (experiment 1), a model comparison run in GitLab CI (experiment 2),
 * datasets, logged models and a registry with aliases.
 */
export async function buildDemoStore(): Promise<BuiltStore> {
	const context = createDemoContext();
	const experiment = (id: number, name: string, note: string | null): void => {
		const time = id === 0 ? context.now : context.advance(45_000);
		const tags: Record<string, string> = note === null ? {} : { 'mlflow.note.content': note };
		context.store.experiments.push({
			id,
			name,
			artifactLocation: `mlflow-artifacts:/${id}`,
			creationTime: time,
			lastUpdateTime: time,
			tags,
		});
	};
	experiment(0, 'Default', null);
	experiment(1, 'penguins-mlp-sweep', SWEEP_NOTE);
	const sweep = await logSweep(context);
	context.now = Date.UTC(2026, 2, 3, 8, 30, 0);
	experiment(2, 'penguins-model-comparison', COMPARISON_NOTE);
	const ci = (job: number): Record<string, string> => ({
		'gitlab.CI_JOB_ID': String(job),
		'gitlab.CI_PIPELINE_ID': '1604211',
		'gitlab.CI_MERGE_REQUEST_IID': '42',
	});
	const base = { experimentId: 2, userId: 'gitlab-ci', artifacts: 'full' as const };
	const baseline = await logRun(context, {
		...base,
		name: 'majority-baseline',
		config: {
			...SWEEP_BASE,
			model: 'majority_baseline',
			hiddenUnits: 0,
			epochs: 1,
			learningRate: 0,
			schedule: 'constant',
			optimizer: 'sgd',
		},
		extraTags: ci(8312001),
	});
	const logreg = await logRun(context, {
		...base,
		name: 'logistic-regression',
		config: {
			...SWEEP_BASE,
			model: 'logistic_regression',
			hiddenUnits: 0,
			optimizer: 'sgd',
			learningRate: 0.05,
			schedule: 'step',
			epochs: 250,
			l2: 0.001,
		},
		extraTags: ci(8312002),
	});
	const mlp = await logRun(context, {
		...base,
		name: `mlp-h${sweep.bestPlan.config.hiddenUnits}`,
		config: { ...sweep.bestPlan.config, epochs: 200 },
		extraTags: ci(8312003),
		note: `MLP with the best sweep configuration (\`${sweep.bestPlan.name}\`), trained for 200 epochs.\n\n| model | role |\n|---|---|\n| majority baseline | floor |\n| logistic regression | challenger |\n| MLP | champion |`,
	});
	context.store.registeredModels = buildRegistry({
		baseline: baseline.run,
		logreg: logreg.run,
		mlp: mlp.run,
		sweepWinner: sweep.best.run,
		loggedModels: context.store.loggedModels,
		clock: () => context.advance(60_000),
	});
	return { store: context.store, bestSweepValAccuracy: sweep.best.valAccuracy };
}

/**
 * Logs the sweep: a parent run and one child per grid point (learning rate × hidden units ×
 * L2 × seed), plus one trial whose learning rate is too high and diverges. Only the best
 * trial (highest validation macro F1, then lowest training loss) keeps its model.
 */
async function logSweep(context: DemoContext): Promise<{ best: RunOutcome; bestPlan: RunPlan }> {
	const parentId = stableHexId('run/1/mlp-sweep');
	const child = (config: TrainConfig, note?: string): RunPlan => ({
		name: `mlp-lr${config.learningRate}-h${config.hiddenUnits}-l2${config.l2}-s${config.seed}`,
		experimentId: 1,
		userId: 'ana.lima',
		config,
		parentRunId: parentId,
		artifacts: 'report',
		...(note === undefined ? {} : { note }),
	});
	const children: RunPlan[] = [];
	for (const learningRate of [0.001, 0.003, 0.01])
		for (const hiddenUnits of [8, 32])
			for (const l2 of [0, 0.01])
				for (const seed of [1, 2])
					children.push(child({ ...SWEEP_BASE, learningRate, hiddenUnits, l2, seed }));
	const diverging = child(
		{ ...SWEEP_BASE, learningRate: 1.0, hiddenUnits: 32, l2: 0, seed: 1 },
		'Diverged in epoch 2: with `learning_rate=1.0` the logits overflow and the loss becomes **NaN**. Kept as a record of the upper bound of the search space.',
	);
	children.splice(12, 0, { ...diverging, name: 'mlp-lr1.0-h32-l20-s1', artifacts: 'none' });

	// Training is deterministic, so the winner is known before the runs are logged.
	const score = (plan: RunPlan): [number, number] => {
		const result = context.train(plan.config);
		if (result.diverged) return [-1, 0];
		const report = classificationReport(
			confusionMatrix(context.data.validation.y, result.valPredictions),
		);
		return [
			(report['macro avg'] as { 'f1-score': number })['f1-score'],
			-(result.history.at(-1)?.trainLoss ?? 0),
		];
	};
	const bestPlan = children.reduce((a, b) => {
		const [fa, la] = score(a);
		const [fb, lb] = score(b);
		return fb > fa || (fb === fa && lb > la) ? b : a;
	});
	bestPlan.artifacts = 'full';

	const parentStart = context.advance(20_000);
	const outcomes = new Map<string, RunOutcome>();
	for (const plan of children) outcomes.set(plan.name, await logRun(context, plan));
	const best = outcomes.get(bestPlan.name) as RunOutcome;
	const failed = [...outcomes.values()].filter((o) => o.run.status === 'FAILED').length;
	const end = context.advance(2_000);
	const parent: DemoRun = {
		id: parentId,
		experimentId: 1,
		name: 'mlp-sweep',
		userId: 'ana.lima',
		status: 'FINISHED',
		startTime: parentStart,
		endTime: end,
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
			...systemTags('mlp-sweep', 'ana.lima', 'sweep_penguins.py'),
			'mlflow.note.content': `Grid search over learning rate, hidden units and L2 with two seeds each (${children.length} trials).\n\nBest trial: \`${bestPlan.name}\`.`,
			best_run_id: best.run.id,
		},
		metrics: [
			{ key: 'best_val_accuracy', value: best.valAccuracy, timestamp: end - 500, step: 0 },
			{ key: 'best_val_f1_macro', value: best.f1Macro, timestamp: end - 500, step: 0 },
			{ key: 'n_trials', value: children.length, timestamp: end - 500, step: 0 },
			{ key: 'n_failed', value: failed, timestamp: end - 500, step: 0 },
		],
		datasetInputs: [],
		modelOutputs: [],
		artifacts: [],
	};
	context.store.runs.unshift(parent);
	return { best, bestPlan };
}
