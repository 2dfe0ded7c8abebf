import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactFile } from '../components/run/run-artifacts.ts';
import { historyFile, historyIsSeries } from '../components/run/history-file.ts';
import { seriesIdentity } from './series-digest.ts';

/**
 * The page-cache key of a run page (src/routes/runs/[id].astro): a hash of everything the page
 * shows, so that a page whose key has a cached copy can be published without rendering it
 * (page-reuse.ts). What goes in, and why:
 * - the run's snapshot file, by the SHA-256 of its bytes (status, times, params, metrics, tags,
 *   inputs, artifacts);
 * - its series file's `digest` (the charts, sparklines and their SVGs), read from the file's first
 *   line; the whole file when it has no digest;
 * - whether it has a history download, and whether that is the series file (history-file.ts);
 * - the bytes of each copied artifact (thumbnails and text previews come from them);
 * - the page's props: the experiment's id, slug and name only (its run count and update time
 *   change with every new run, and the page does not show them), the parent's and children's
 *   summaries, the model versions;
 * - the source type of each dataset the run used;
 * - the build's fingerprint (mlpages and Astro versions, sources, configuration).
 * A page that starts showing something new must add it here, or cached copies go stale.
 */
export interface RunPageInputs {
	contentDir: string;
	runId: string;
	/** The SHA-256 of the run's file in the snapshot, and the run it holds (readRunAndDigest). */
	runDigest: string;
	run: { artifacts?: ReadonlyArray<{ path: string }>; inputs?: ReadonlyArray<{ datasetId: string }> };
	/** The page's props, as getStaticPaths hands them over. */
	props: {
		experiment: { id: string; slug: string; name: string } | null;
		parent: unknown;
		children: unknown;
		modelVersions: unknown;
	};
	/** Source type of a dataset by id (the run page's Datasets table). */
	datasetSourceType: (id: string) => string | null;
	fingerprint: string;
}

export function runPageKey(inputs: RunPageInputs): string {
	const { contentDir, runId, runDigest, run, props, fingerprint } = inputs;
	const hash = createHash('sha256');
	const part = (label: string, value: string | Buffer) => hash.update(`\0${label}\0`).update(value);
	part('fingerprint', fingerprint);
	// The file's digest stands for its bytes: the build has read and hashed it once already.
	part('run', runDigest);
	part('series', seriesIdentity(join(contentDir, 'series', `${runId}.json`)));
	part('history', historyFile(contentDir, runId) === null ? 'none' : historyIsSeries(contentDir, runId) ? 'series' : 'own');
	for (const { path } of run.artifacts ?? []) artifactPart(hash, contentDir, runId, path);
	for (const { datasetId } of run.inputs ?? []) part('dataset', `${datasetId}\0${inputs.datasetSourceType(datasetId) ?? ''}`);
	const experiment = props.experiment && { id: props.experiment.id, slug: props.experiment.slug, name: props.experiment.name };
	part('props', JSON.stringify([experiment, props.parent, props.children, props.modelVersions]));
	return hash.digest('hex').slice(0, 32);
}

/** An artifact's path and the bytes of its copy (none when the exporter did not copy it). */
function artifactPart(hash: Hash, contentDir: string, runId: string, path: string): void {
	hash.update(`\0artifact\0${path}\0`);
	const file = artifactFile(contentDir, runId, path);
	if (file === null) return;
	try {
		hash.update(readFileSync(file));
	} catch {
		hash.update('\0not copied');
	}
}
