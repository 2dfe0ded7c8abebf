import type { APIRoute, GetStaticPaths } from 'astro';
import { getRuns, readRunSeriesText } from '../../../lib/site-data.ts';

/**
 * `/compare/series/<run_id>.json`: a run's downsampled chart histories (RunSeriesSchema, at most
 * `charts.maxPoints` points per metric), fetched by the compare page for the runs it overlays.
 */
export const getStaticPaths = (async () =>
	(await getRuns())
		.filter((run) => /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(run.id))
		.map((run) => ({ params: { id: run.id } }))) satisfies GetStaticPaths;

// The exporter validated the file and wrote it as stable JSON: it is passed on as it is, not
// parsed and written again once per run.
export const GET: APIRoute = async ({ params }) => {
	const body = (await readRunSeriesText(params.id!)) ?? JSON.stringify({ runId: params.id, maxPoints: 0, metrics: {} });
	return new Response(body, {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
