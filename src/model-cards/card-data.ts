import type { Dataset } from '../schemas/dataset.ts';
import type { Experiment } from '../schemas/experiment.ts';
import type { LoggedModel } from '../schemas/logged-model.ts';
import type { ModelCardMetadata } from '../schemas/model-card-metadata.ts';
import type { ModelCard } from '../schemas/model-card.ts';
import type { ModelVersion } from '../schemas/model-version.ts';
import type { RegisteredModel } from '../schemas/registered-model.ts';
import type { Run } from '../schemas/run.ts';
import type { SplitBody } from './card-sections.ts';
import { evalResults, keyMetrics } from './eval-results.ts';
import { gitAndCi } from './lineage.ts';
import type { MlModelInfo } from './mlmodel.ts';

/** Everything a card is built from; entities come from the snapshot, `people` from content/model-cards/. */
export interface CardInputs {
	model: RegisteredModel;
	version: ModelVersion;
	/** Source run; null when the version has none or it was not exported. */
	run: Run | null;
	experiment: Experiment | null;
	loggedModel: LoggedModel | null;
	/** Dataset entities of the run's inputs (others are ignored). */
	datasets: Dataset[];
	/** From the exported MLmodel artifact or the run's log-model history; null when neither. */
	mlmodel: MlModelInfo | null;
	/** The people-written card (per model, merged with per version); null when none. */
	people: { metadata: ModelCardMetadata; body: SplitBody } | null;
	/** Artifact paths of the run's exported images. */
	images: string[];
	/** Metric key to put first in the key metrics (the configured primary metric). */
	primaryMetric?: string | null;
}

const json = (text: string | null): Record<string, unknown> => {
	if (!text) return {};
	try {
		const v: unknown = JSON.parse(text);
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
	} catch {
		return {};
	}
};
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/**
 * Builds the card of one model version. Pure: the same inputs give the same card. Facts that
 * the inputs do not hold are null or empty, never filled in; the components show them as
 * "More information needed".
 */
export function buildModelCard(inputs: CardInputs): ModelCard {
	const { model, version, run, experiment, loggedModel, mlmodel, people } = inputs;
	const metadata = people?.metadata ?? {};
	const tagOf = (key: string) => version.tags[key] ?? model.tags[key] ?? null;
	const task = str(metadata.pipeline_tag) ?? tagOf('task');
	const results = evalResults({ run, loggedModel, metadata, task });
	const byId = new Map(inputs.datasets.map((d) => [d.id, d]));
	return {
		schemaVersion: 1,
		name: model.name,
		slug: model.slug,
		version: version.version,
		path: `models/${model.slug}/${version.version}/`,
		aliases: [...version.aliases],
		stage: version.stage,
		status: version.status,
		tags: { ...version.tags },
		owner: version.user ?? run?.user ?? null,
		created: version.creationTime,
		license: str(metadata.license) ?? tagOf('license'),
		modelDescription: model.description,
		versionDescription: version.description,
		framework: {
			flavors: mlmodel?.flavors ?? [],
			library: mlmodel?.library ?? null,
			mlflowVersion: mlmodel?.mlflowVersion ?? null,
		},
		signature: mlmodel?.signature ?? null,
		metadata: { ...metadata },
		intro: people?.body.intro ?? null,
		sections: Object.fromEntries(Object.entries(people?.body.sections ?? {}).map(([k, v]) => [k, [...v]])),
		extraSections: [...(people?.body.extra ?? [])],
		evalResults: results,
		keyMetrics: keyMetrics(results, inputs.primaryMetric ?? null),
		datasets: (run?.inputs ?? []).map((input) => {
			const entity = byId.get(input.datasetId);
			const source = json(entity?.source ?? null);
			const rows = json(entity?.profile ?? null)['num_rows'];
			return {
				name: input.name,
				digest: input.digest,
				context: input.context,
				sourceType: entity?.sourceType ?? null,
				source: str(source['uri']) ?? str(source['path']) ?? str(source['url']) ?? null,
				rows: typeof rows === 'number' ? rows : null,
			};
		}),
		lineage: {
			source: version.source,
			loggedModelId: version.loggedModelId ?? loggedModel?.id ?? null,
			run: run ? { id: run.id, name: run.name, status: run.status, startTime: run.startTime } : null,
			experiment: experiment ? { id: experiment.id, name: experiment.name, slug: experiment.slug } : null,
			...(run ? gitAndCi(run) : { git: null, ci: null }),
		},
		images: run ? inputs.images.map((path) => ({ runId: run.id, path })) : [],
	};
}
