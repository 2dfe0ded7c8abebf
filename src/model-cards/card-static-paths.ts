import mlpages from 'virtual:mlpages/config';
import { getExperiments, getModels, getModelVersions, getRuns } from '../lib/site-data.ts';
import { primaryMetric } from '../lib/primary-metric.ts';
import type { ModelCard } from '../schemas/model-card.ts';
import { loadModelCard } from './load-model-card.ts';

/** Route params and props of every per-version card route (page, downloads, images). */
export interface CardRoute {
	params: { slug: string; version: string };
	props: { card: ModelCard };
}

/**
 * One route per model version of the snapshot. The params are the model slug and the version
 * only, so a card's URL never depends on aliases, stages or on which versions exist. The primary
 * metric of the source run's experiment (configuration, else the usual guess) leads the key metrics.
 */
export async function cardRoutes(): Promise<CardRoute[]> {
	const [models, versions, runs, experiments] = await Promise.all([getModels(), getModelVersions(), getRuns(), getExperiments()]);
	const runById = new Map(runs.map((r) => [r.id, r]));
	const keysByExperiment = new Map<string, string[][]>();
	for (const r of runs) keysByExperiment.set(r.experimentId, [...(keysByExperiment.get(r.experimentId) ?? []), Object.keys(r.metrics)]);
	const experimentName = new Map(experiments.map((e) => [e.id, e.name]));
	return models.flatMap((model) =>
		(versions.get(model.slug) ?? []).flatMap((v) => {
			const run = v.runId ? runById.get(v.runId) : undefined;
			const primary = run
				? primaryMetric(experimentName.get(run.experimentId) ?? '', mlpages.metrics.primary, keysByExperiment.get(run.experimentId) ?? [])
				: null;
			const card = loadModelCard(mlpages.contentDir, model.slug, v.version, { primaryMetric: primary });
			return card ? [{ params: { slug: model.slug, version: v.version }, props: { card } }] : [];
		}),
	);
}
