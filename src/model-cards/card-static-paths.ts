import mlpages from 'virtual:mlpages/config';
import { getExperiments, getModels, getModelVersions, getRunSummaries } from '../lib/site-data.ts';
import { isSafeSegment } from '../lib/is-safe-segment.ts';
import { shardPaths } from '../lib/shard.ts';
import { consoleLogger } from '../lib/logger.ts';
import { primaryMetric } from '../lib/primary-metric.ts';
import { skippedUnsafeRouteValue } from '../messages.ts';
import type { ModelCard } from '../schemas/model-card.ts';
import { loadModelCard } from './load-model-card.ts';

/** Route params and props of every per-version card route (page, downloads, images). */
export interface CardRoute {
	params: { slug: string; version: string };
	props: { card: ModelCard };
}

let built: Promise<CardRoute[]> | null = null;

/**
 * One route per model version of the snapshot. The params are the model slug and the version
 * only, so a card's URL never depends on aliases, stages or on which versions exist. The primary
 * metric of the source run's experiment (configuration, else the usual guess) leads the key metrics.
 * A build loads the cards once for the page and its four kinds of download; `astro dev` reloads
 * them on every call, so edits to the snapshot or a card show up.
 */
export function cardRoutes(): Promise<CardRoute[]> {
	if (import.meta.env.DEV) return loadCardRoutes();
	built ??= loadCardRoutes();
	// Astro keeps and changes the objects getStaticPaths returns, so every route gets its own.
	// A sharded build renders the cards of its own share (shard.ts), with their downloads.
	return built.then((routes) =>
		shardPaths(
			routes.map((r) => ({ params: { ...r.params }, props: { ...r.props } })),
			(r) => `${r.params.slug}/${r.params.version}`,
		),
	);
}

async function loadCardRoutes(): Promise<CardRoute[]> {
	const [models, versions, runs, experiments] = await Promise.all([getModels(), getModelVersions(), getRunSummaries(), getExperiments()]);
	const runById = new Map(runs.map((r) => [r.id, r]));
	const keysByExperiment = new Map<string, string[][]>();
	for (const r of runs) keysByExperiment.set(r.experimentId, [...(keysByExperiment.get(r.experimentId) ?? []), r.metricKeys]);
	const experimentName = new Map(experiments.map((e) => [e.id, e.name]));
	return models.flatMap((model) =>
		(versions.get(model.slug) ?? []).flatMap((v) => {
			// A version that is not a safe URL segment (a hand-made store) gets no card route.
			if (!isSafeSegment(v.version)) {
				consoleLogger().warn(skippedUnsafeRouteValue('version', v.version, model.name));
				return [];
			}
			const run = v.runId ? runById.get(v.runId) : undefined;
			const primary = run
				? primaryMetric(experimentName.get(run.experimentId) ?? '', mlpages.metrics.primary, keysByExperiment.get(run.experimentId) ?? [])
				: null;
			const card = loadModelCard(mlpages.contentDir, model.slug, v.version, { primaryMetric: primary });
			return card ? [{ params: { slug: model.slug, version: v.version }, props: { card } }] : [];
		}),
	);
}
