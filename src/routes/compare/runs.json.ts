import type { APIRoute } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { runTableData } from '../../lib/run-table-data.ts';
import { getExperiments, readAllRuns } from '../../lib/site-data.ts';
import type { CompareIndex } from '../../client/compare-index.ts';

/**
 * `/compare/runs.json`: every run's name, experiment, status, times, params and latest metric
 * values (no tags), column-oriented, plus experiment names and the configured metric directions.
 * The compare page fetches it once and looks the `?runs=` ids up in it.
 */
export const GET: APIRoute = async () => {
	const experiments = await getExperiments();
	const index: CompareIndex = {
		v: 1,
		experiments: Object.fromEntries(experiments.map((e) => [e.id, { name: e.name, slug: e.slug }])),
		directions: mlpages.metrics.direction,
		runs: runTableData(await readAllRuns(), { includeTags: false, includeRange: false }),
	};
	return new Response(JSON.stringify(index), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
