import mlpages from 'virtual:mlpages/config';
import type { Experiment } from '../schemas/experiment.ts';
import { experimentPageId, experimentPageKey } from './experiment-page-key.ts';
import { isSafeSegment } from './is-safe-segment.ts';
import { reusablePaths } from './page-reuse.ts';
import { getExperimentRuns } from './site-data.ts';

/** An experiment page's path as src/routes/experiments/[slug].astro's getStaticPaths makes it. */
interface ExperimentPagePath {
	params: { slug: string };
	props: { experiment: Experiment };
}

/**
 * The experiment pages (or, with `file` 'runs.json', their runs table data) this build renders:
 * `paths` less those the page cache holds under their current key (experimentPageKey), which the
 * integration publishes from the cache after the build, at `experiments/<slug>/index.html` (or
 * `runs.json`).
 */
export async function reusableExperimentPaths<T extends ExperimentPagePath>(paths: T[], file: 'page' | 'runs.json' = 'page'): Promise<T[]> {
	return reusablePaths(
		paths,
		// A slug that is not one plain folder name is rendered every time (reusablePaths renders an
		// id that is not a plain file name): the cache writes reused pages at their slug's path.
		(path) => (isSafeSegment(path.params.slug) ? experimentPageId(path.props.experiment.id, file) : ''),
		async (path, fingerprint) => experimentPageKey(path.props.experiment, await getExperimentRuns(path.props.experiment.id), mlpages.contentDir, fingerprint),
		(path) => `experiments/${path.params.slug}/${file === 'page' ? 'index.html' : 'runs.json'}`,
	);
}
