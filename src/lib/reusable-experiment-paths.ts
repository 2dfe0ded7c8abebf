import mlpages from 'virtual:mlpages/config';
import type { Experiment } from '../schemas/experiment.ts';
import { experimentPageId, experimentPageKey } from './experiment-page-key.ts';
import { isSafeSegment } from './is-safe-segment.ts';
import { pageReusePlan, reusablePaths, type PageReusePlan } from './page-reuse.ts';
import { getExperimentRunDigests } from './site-data.ts';

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
		(path, fingerprint) => keyOf(path.props.experiment, fingerprint),
		(path) => `experiments/${path.params.slug}/${file === 'page' ? 'index.html' : 'runs.json'}`,
	);
}

/**
 * The key of an experiment's page and of its runs.json (the same runs): made once per build, in
 * the plan the two routes share, so each experiment's runs and their series digests are read once.
 */
const keys = new WeakMap<PageReusePlan, Map<string, Promise<string>>>();
function keyOf(experiment: Experiment, fingerprint: string): Promise<string> {
	const plan = pageReusePlan()!;
	let built = keys.get(plan);
	if (!built) keys.set(plan, (built = new Map()));
	let key = built.get(experiment.id);
	if (!key) built.set(experiment.id, (key = getExperimentRunDigests(experiment.id).then((runs) => experimentPageKey(experiment, runs, mlpages.contentDir, fingerprint))));
	return key;
}
