import mlpages from 'virtual:mlpages/config';
import type { RunPageInputs } from './run-page-key.ts';
import { reusablePaths } from './page-reuse.ts';
import { runPageKey } from './run-page-key.ts';
import { getDatasets, readRunAndDigest } from './site-data.ts';

/** A run page's path as src/routes/runs/[id].astro's getStaticPaths makes it. */
interface RunPagePath {
	params: { id: string };
	props: RunPageInputs['props'];
}

/**
 * The run pages this build renders: `paths` less those the page cache holds under their current
 * key (reusablePaths, runPageKey), which the integration publishes from the cache after the build.
 */
export async function reusableRunPaths<T extends RunPagePath>(paths: T[]): Promise<T[]> {
	const datasets = await getDatasets();
	return reusablePaths(
		paths,
		(path) => path.params.id,
		async (path, fingerprint) => {
			const { run, digest } = (await readRunAndDigest(path.params.id))!;
			return runPageKey({
				contentDir: mlpages.contentDir,
				runId: path.params.id,
				runDigest: digest,
				run,
				props: path.props,
				datasetSourceType: (id) => datasets.get(id)?.sourceType ?? null,
				fingerprint,
			});
		},
	);
}
