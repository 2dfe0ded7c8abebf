import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { metricDirection } from '../../../lib/metric-direction.ts';
import { experimentPreview } from '../../../lib/page-previews.ts';
import { primaryMetric } from '../../../lib/primary-metric.ts';
import { shardPaths } from '../../../lib/shard.ts';
import { getExperimentRuns, getExperiments } from '../../../lib/site-data.ts';
import { socialImagePng } from '../../../model-cards/social-image.ts';
import type { Experiment } from '../../../schemas/experiment.ts';

/**
 * `/experiments/<slug>/og.png`: the 1200×630 link-preview image of the experiment, which its
 * runs' pages use too (runPreview says why).
 */
export const getStaticPaths = (async () =>
	shardPaths((await getExperiments()).map((experiment) => ({ params: { slug: experiment.slug }, props: { experiment } })))) satisfies GetStaticPaths;

export const GET: APIRoute<{ experiment: Experiment }> = async ({ props }) => {
	const runs = await getExperimentRuns(props.experiment.id);
	const primary = primaryMetric(props.experiment.name, mlpages.metrics.primary, runs.map((r) => Object.keys(r.metrics)));
	const direction = primary ? metricDirection(primary, mlpages.metrics.direction) : 'lower';
	const png = await socialImagePng(experimentPreview(props.experiment, runs, primary, direction).image);
	return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
