import type { APIRoute, GetStaticPaths } from 'astro';
import { groupRuns } from '../../../lib/run-table.ts';
import { runTableData } from '../../../lib/run-table-data.ts';
import { shardPaths } from '../../../lib/shard.ts';
import { getExperiments, getRuns } from '../../../lib/site-data.ts';
import type { Run } from '../../../schemas/run.ts';

/**
 * `/experiments/<slug>/runs.json`: the experiment's runs table data (runTableData), in the page's
 * row order; `<runs-table>` fetches it for experiments too big to inline, and readers may
 * download it.
 */
export const getStaticPaths = (async () => {
	const runs = await getRuns();
	return shardPaths(
		(await getExperiments()).map((experiment) => ({
			params: { slug: experiment.slug },
			props: { runs: runs.filter((r) => r.experimentId === experiment.id) },
		})),
	);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ runs: Run[] }> = ({ props }) =>
	new Response(JSON.stringify(runTableData(groupRuns(props.runs).map((r) => r.run))), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
