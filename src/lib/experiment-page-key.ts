import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Experiment } from '../schemas/experiment.ts';
import { seriesIdentity } from './series-digest.ts';

/**
 * The page-cache id of an experiment's page (src/routes/experiments/[slug].astro) or of its
 * `runs.json` (made from the same runs, so kept under the same key): a plain file name
 * (page-reuse.ts) made from the experiment id, which no MLflow run id can be.
 */
export function experimentPageId(experimentId: string, file: 'page' | 'runs.json' = 'page'): string {
	return `experiment${file === 'page' ? '' : '-runs'}-${createHash('sha256').update(experimentId).digest('hex').slice(0, 24)}`;
}

/**
 * The page-cache key of an experiment's page: a hash of everything the page shows, so that an
 * experiment whose runs did not change is published from the cache instead of rendered again (a
 * rebuild after one new run renders one experiment page, not all). What goes in:
 * - the experiment as the page gets it (name, description, times, tags, slug);
 * - each of its runs, by its id and the SHA-256 of its file (getExperimentRunDigests: status,
 *   times, params, metric summaries, tags, parent), in their order: the runs table, the charts
 *   and the link preview are made from them;
 * - each run's series `digest` (the best-run and seed-band charts draw series), or the whole
 *   series file's hash when it has none;
 * - the build's fingerprint (mlpages and Astro versions, sources, configuration: the primary
 *   metric, directions, the publish filter).
 * A page that starts showing something new must add it here, or cached copies go stale.
 */
export function experimentPageKey(experiment: Experiment, runs: ReadonlyArray<{ id: string; digest: string }>, contentDir: string, fingerprint: string): string {
	const hash = createHash('sha256');
	const part = (label: string, value: string) => hash.update(`\0${label}\0`).update(value);
	part('fingerprint', fingerprint);
	part('experiment', JSON.stringify(experiment));
	for (const run of runs) {
		// The file's digest stands for the run: the build hashed its bytes when it read it.
		part('run', `${run.id}\0${run.digest}`);
		part('series', seriesIdentity(join(contentDir, 'series', `${run.id}.json`)));
	}
	return hash.digest('hex').slice(0, 32);
}
