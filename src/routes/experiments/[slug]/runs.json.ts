import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { groupRuns } from '../../../lib/run-table.ts';
import { runTableData } from '../../../lib/run-table-data.ts';
import { reusableExperimentPaths } from '../../../lib/reusable-experiment-paths.ts';
import { shardPaths } from '../../../lib/shard.ts';
import { getExperimentRuns, getExperiments } from '../../../lib/site-data.ts';
import type { Experiment } from '../../../schemas/experiment.ts';

/**
 * `/experiments/<slug>/runs.json`: the experiment's runs table data (runTableData), in the page's
 * row order; `<runs-table>` fetches it for experiments too big to inline, and readers may
 * download it.
 */
export const getStaticPaths = (async () =>
	// Kept in the page cache with the experiment's page, under the same key (its runs).
	reusableExperimentPaths(
		shardPaths(
			(await getExperiments()).map((experiment) => ({
				params: { slug: experiment.slug },
				props: { experiment },
			})),
		),
		'runs.json',
	)) satisfies GetStaticPaths;

export const GET: APIRoute<{ experiment: Experiment }> = async ({ props }) =>
	new Response(JSON.stringify(runTableData(groupRuns(await getExperimentRuns(props.experiment.id)).map((r) => r.run), { directions: mlpages.metrics.direction })), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
