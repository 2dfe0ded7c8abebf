import { resolve } from 'node:path';
import mlpages from 'virtual:mlpages/config';
import { gitRunner } from '../../diff/git-runner.ts';
import { modelTimelines, type ModelTimeline } from '../../diff/model-timeline.ts';
import { snapshotCommits, type SnapshotHistory } from '../../diff/snapshot-commits.ts';

/** Commits of the snapshot read at most: the timeline pages and `/changes/` show no more. */
export const MAX_SNAPSHOT_COMMITS = 200;

let loaded: Promise<{ history: SnapshotHistory; timelines: Map<string, ModelTimeline> }> | undefined;

/**
 * The git history of the site's snapshot folder and every model's timeline across it, read once
 * per build (git runs in the snapshot folder, so the project may sit anywhere in its repository).
 */
export function loadSnapshotHistory(): Promise<{ history: SnapshotHistory; timelines: Map<string, ModelTimeline> }> {
	loaded ??= (async () => {
		const git = gitRunner(resolve(mlpages.contentDir));
		const history = await snapshotCommits(git, MAX_SNAPSHOT_COMMITS);
		return { history, timelines: history.status === 'absent' ? new Map() : await modelTimelines(git, history) };
	})();
	return loaded;
}
