import { pythonJson } from './python-json.ts';
import type {
	DemoLoggedModel,
	DemoModelVersion,
	DemoRegisteredModel,
	DemoRun,
} from './store-model.ts';

/** The runs whose logged models get registered. */
export interface RegistryInput {
	baseline: DemoRun;
	logreg: DemoRun;
	mlp: DemoRun;
	sweepWinner: DemoRun;
	loggedModels: DemoLoggedModel[];
	/** Advances the simulated clock and returns the new time. */
	clock: () => number;
}

/**
 * The model registry: `penguins-classifier` (versions from the sweep winner, the logistic
 * regression and the final MLP, aliases `champion`/`challenger`, and a fourth version registered
 * by mistake and deleted) and `penguins-baseline` (two versions, alias `floor`). Registering a
 * version adds it to the logged model's `mlflow.modelVersions` tag, as MLflow 3 does.
 */
export function buildRegistry(input: RegistryInput): DemoRegisteredModel[] {
	const modelOf = (run: DemoRun): DemoLoggedModel =>
		input.loggedModels.find((m) => m.sourceRunId === run.id) as DemoLoggedModel;
	const version = (
		name: string,
		number: number,
		run: DemoRun,
		description: string | null,
		tags: Record<string, string>,
	): DemoModelVersion => {
		const model = modelOf(run);
		const time = input.clock();
		const registrations = JSON.parse(model.tags['mlflow.modelVersions'] ?? '[]') as Array<{
			name: string;
			version: number;
		}>;
		registrations.push({ name, version: number });
		model.tags['mlflow.modelVersions'] = pythonJson(registrations);
		return {
			version: number,
			creationTime: time,
			lastUpdatedTime: time,
			description,
			userId: null,
			currentStage: 'None',
			source: `models:/${model.id}`,
			runId: run.id,
			status: 'READY',
			statusMessage: null,
			runLink: null,
			storageLocation: model.artifactLocation,
			modelId: model.id,
			tags,
		};
	};
	const classifierCreated = input.clock();
	const classifier: DemoRegisteredModel = {
		name: 'penguins-classifier',
		creationTime: classifierCreated,
		lastUpdatedTime: classifierCreated,
		description:
			'# Penguin species classifier\n\nPredicts the species of a Palmer Archipelago penguin from its measurements.\n\n- **Intended use**: teaching and demos of mlpages.\n- **Not for**: field identification.\n\nTrained on `scripts/demo/data/penguins.csv` (CC0).',
		tags: { task: 'multiclass-classification', dataset: 'palmer-penguins', team: 'ml-platform' },
		aliases: {},
		metaAliases: {},
		versions: [],
	};
	classifier.versions.push(
		version(classifier.name, 1, input.sweepWinner, 'Best trial of the MLP sweep (40 epochs).', {
			source_experiment: 'penguins-mlp-sweep',
		}),
	);
	classifier.versions.push(
		version(
			classifier.name,
			2,
			input.logreg,
			'Multinomial **logistic regression**, 250 epochs of SGD with step decay.',
			{ validation_status: 'approved' },
		),
	);
	classifier.versions.push(
		version(
			classifier.name,
			3,
			input.mlp,
			`MLP with ${input.mlp.params['hidden_units'] ?? '?'} ReLU units, best sweep configuration, 200 epochs.\n\nValidated on the held-out 25 % split.`,
			{ validation_status: 'approved', reviewed_by: 'ana.lima' },
		),
	);
	const mistaken = version(classifier.name, 4, input.baseline, 'Registered by mistake.', {});
	classifier.versions.push(mistaken);
	classifier.aliases = { champion: 3, challenger: 2 };
	const deletedAt = input.clock();
	// Deleted: the SQL writer redacts the fields as MLflow's SQL store does; the file store keeps them.
	Object.assign(mistaken, { currentStage: 'Deleted_Internal', lastUpdatedTime: deletedAt });
	classifier.lastUpdatedTime = deletedAt;
	classifier.metaAliases = { ...classifier.aliases };

	const baselineCreated = input.clock();
	const baselineModel: DemoRegisteredModel = {
		name: 'penguins-baseline',
		creationTime: baselineCreated,
		lastUpdatedTime: baselineCreated,
		description: 'Reference models every candidate must beat.',
		tags: { task: 'multiclass-classification' },
		aliases: {},
		metaAliases: {},
		versions: [],
	};
	baselineModel.versions.push(
		version(
			baselineModel.name,
			1,
			input.baseline,
			'Always predicts the most frequent species (Adelie).',
			{},
		),
	);
	baselineModel.versions.push(
		version(baselineModel.name, 2, input.logreg, 'Linear reference model.', {}),
	);
	baselineModel.aliases = { floor: 1 };
	baselineModel.lastUpdatedTime = baselineModel.versions.at(-1)?.creationTime ?? baselineCreated;
	return [classifier, baselineModel];
}
