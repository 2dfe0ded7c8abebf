import type { APIRoute } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { runTableData } from '../../lib/run-table-data.ts';
import { getExperiments, readAllRuns } from '../../lib/site-data.ts';
import type { CompareIndex } from '../../client/compare-index.ts';
import { artifactKind, thumbnailPath } from '../../components/run/artifact-kind.ts';
import { artifactFile } from '../../components/run/run-artifacts.ts';
import { existsSync } from 'node:fs';
import type { Run } from '../../schemas/run.ts';

/** The copied image artifacts of a run, with their thumbnails' paths (CompareIndex.images). */
function runImages(run: Run): [string, string][] | null {
	const images = run.artifacts.flatMap(({ path }) => {
		if (artifactKind(path) !== 'image') return [];
		const file = artifactFile(mlpages.contentDir, run.id, path);
		return file && existsSync(file) ? [[path, thumbnailPath(path)] as [string, string]] : [];
	});
	return images.length > 0 ? images : null;
}

/**
 * `/compare/runs.json`: every run's name, experiment, status, times, params and latest metric
 * values (no tags), column-oriented, plus experiment names, the configured metric directions and
 * each run's copied image artifacts.
 * The compare page fetches it once and looks the `?runs=` ids up in it.
 */
export const GET: APIRoute = async () => {
	const experiments = await getExperiments();
	const runs = await readAllRuns();
	const index: CompareIndex = {
		v: 1,
		experiments: Object.fromEntries(experiments.map((e) => [e.id, { name: e.name, slug: e.slug }])),
		directions: mlpages.metrics.direction,
		runs: runTableData(runs, { includeTags: false, includeRange: false }),
		images: runs.map(runImages),
	};
	return new Response(JSON.stringify(index), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
