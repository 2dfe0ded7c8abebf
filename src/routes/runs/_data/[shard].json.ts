import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { runArtifacts } from '../../../components/run/run-artifacts.ts';
import { consoleLogger } from '../../../lib/logger.ts';
import { primaryMetric } from '../../../lib/primary-metric.ts';
import { runRelations } from '../../../lib/run-relations.ts';
import { RUN_SHARD_VERSION, runShardKey } from '../../../lib/run-data-shard.ts';
import { runShellRecord } from '../../../lib/run-shell-record.ts';
import { shardPaths } from '../../../lib/shard.ts';
import { getDatasets, getExperiments, getModelVersions, getRunSummaries, readRun } from '../../../lib/site-data.ts';
import { markdownShownAsText } from '../../../messages.ts';
import type { RunShard } from '../../../schemas/run-shell.ts';

/**
 * `/runs/_data/<key>.json` (`runPages: 'shell'` only): the records (runShellRecord) of the runs
 * whose id hashes to `<key>` (src/lib/run-data-shard.ts), from which the shell page draws a run
 * page in the browser. A sharded build (`--shard`) writes the data shards whose key falls in it.
 */
export const getStaticPaths = (async () => {
	if (mlpages.runPages !== 'shell') return [];
	const groups = new Map<string, string[]>();
	for (const run of await getRunSummaries()) {
		const key = runShardKey(run.id);
		const list = groups.get(key);
		if (list) list.push(run.id);
		else groups.set(key, [run.id]);
	}
	const keys = [...groups.keys()].sort();
	return shardPaths(
		keys.map((key) => ({ params: { shard: key }, props: { ids: groups.get(key)!.sort() } })),
		(path) => path.params.shard,
	);
}) satisfies GetStaticPaths;

/** What every shard's records are made with, built once per build (every time in dev, to see a new export). */
async function loadSiteContext() {
	const relations = runRelations(await getRunSummaries(), (await getModelVersions()).values());
	const experiments = new Map((await getExperiments()).map((e) => [e.id, e]));
	return { relations, experiments, datasets: await getDatasets() };
}
let siteContext: ReturnType<typeof loadSiteContext> | null = null;

export const GET: APIRoute<{ ids: string[] }> = async ({ props }) => {
	if (import.meta.env.DEV) siteContext = null;
	siteContext ??= loadSiteContext();
	const { relations, experiments, datasets } = await siteContext;
	const shard: RunShard = { v: RUN_SHARD_VERSION, runs: {} };
	for (const id of props.ids) {
		const run = await readRun(id);
		if (!run) continue;
		const experiment = experiments.get(run.experimentId) ?? null;
		const parent = run.parentRunId === null ? null : (relations.byId.get(run.parentRunId) ?? null);
		shard.runs[id] = runShellRecord(run, {
			experiment,
			parent,
			children: relations.children.get(run.id) ?? [],
			modelVersions: relations.versionsByRun.get(run.id) ?? [],
			datasetSourceType: (datasetId) => datasets.get(datasetId)?.sourceType ?? null,
			artifacts: await runArtifacts(mlpages.contentDir, run.id, run.artifacts),
			directions: mlpages.metrics.direction,
			primary: primaryMetric(experiment?.name ?? '', mlpages.metrics.primary, [Object.keys(run.metrics)]),
			contentDir: mlpages.contentDir,
			onPlainText: (reason) => consoleLogger().warn(markdownShownAsText(`run ${run.id}`, reason)),
		});
	}
	return new Response(JSON.stringify(shard), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
