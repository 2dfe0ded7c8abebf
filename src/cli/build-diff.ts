import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiffSideNotFound, DiffSnapshotInvalid, DiffSnapshotMissing, ExportError } from '../errors.ts';
import { diffMarkdown, SUMMARY_MARKER } from '../diff/diff-markdown.ts';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { folderSnapshotSource } from '../diff/folder-snapshot-source.ts';
import { gitRunner, type GitRunner } from '../diff/git-runner.ts';
import { previewUrl } from '../diff/preview-url.ts';
import { readSnapshot } from '../diff/read-snapshot.ts';
import { resolveSide } from '../diff/resolve-side.ts';
import { stableStringify } from '../lib/json.ts';
import type { Logger } from '../lib/logger.ts';
import type { MlpagesConfig } from '../schemas/config.ts';
import { SnapshotDiffSchema } from '../schemas/diff.ts';

/** The comparison `mlpages build --diff` writes, and `mlpages comment` reads: in the project folder. */
export const DIFF_JSON = 'diff.json';
/** The Markdown summary for the merge request, beside it. */
export const DIFF_MD = 'diff.md';

/** Failures that mean "nothing to compare with", which a first merge request meets. */
const NO_BASE = new Set([DiffSideNotFound.name, DiffSnapshotMissing.name, DiffSnapshotInvalid.name]);

export interface BuildDiffEffects {
	cwd: string;
	env: Record<string, string | undefined>;
	logger: Logger;
	git?: GitRunner;
}

/**
 * What `mlpages build --diff <base>` does before the site is built: compares the snapshot in
 * `contentDir` with `<base>` and writes `diff.json` and `diff.md` (the summary, linking into the
 * preview: preview-url.ts). `<base>` is a snapshot folder or a git ref (resolve-side.ts: a ref
 * without a tree means the project's content folder in that commit); a remote-tracking ref that
 * is missing (`origin/main` in a CI checkout) is fetched first. When the base holds no snapshot the summary
 * says so and there is no `diff.json`. Thresholds are recorded in the comparison, never applied
 * here: `mlpages comment` applies them, after the preview is published.
 * @returns the absolute path of diff.json, or undefined when there was nothing to compare with
 */
export async function writeBuildDiff(base: string, contentDir: string, config: MlpagesConfig, fx: BuildDiffEffects): Promise<string | undefined> {
	const git = fx.git ?? gitRunner(fx.cwd);
	const link = previewUrl(fx.env);
	const json = resolve(fx.cwd, DIFF_JSON);
	const md = resolve(fx.cwd, DIFF_MD);
	rmSync(json, { force: true });
	let baseSnapshot;
	try {
		if (!existsSync(resolve(fx.cwd, base))) await fetchIfMissing(base.split(':')[0]!, git, fx.logger);
		baseSnapshot = await readSnapshot(await resolveSide(base, fx.cwd, git, contentDir));
	} catch (error) {
		if (!(error instanceof ExportError) || !NO_BASE.has(error.code)) throw error;
		writeFileSync(md, noBaseMarkdown(base, error.message, link));
		fx.logger.info(`Nothing to compare with: ${error.message} Wrote ${DIFF_MD}; the site has no /changes/ this time.`);
		return undefined;
	}
	const head = await readSnapshot(folderSnapshotSource(contentDir, resolve(fx.cwd, contentDir)));
	const diff = SnapshotDiffSchema.parse(diffSnapshots(baseSnapshot, head, config));
	const markdown = diffMarkdown(diff, { previewUrl: link });
	writeFileSync(json, stableStringify(diff));
	writeFileSync(md, markdown);
	fx.logger.info(`Compared ${baseSnapshot.label} with ${contentDir}/; wrote ${DIFF_JSON} and ${DIFF_MD}:\n\n${markdown}`);
	if (diff.gate.status === 'fail') {
		fx.logger.warn(`${diff.gate.failures.length} tracked metric${diff.gate.failures.length === 1 ? '' : 's'} got worse than allowed; mlpages comment fails on it after posting the summary.`);
	}
	return json;
}

/** Fetches `<remote>/<branch>` (one commit deep) when it is not in the repository yet. */
async function fetchIfMissing(ref: string, git: GitRunner, logger: Logger): Promise<void> {
	try {
		await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
		return;
	} catch {
		// Missing here; fetched below when it names a remote's branch.
	}
	const match = /^([^/]+)\/(.+)$/.exec(ref);
	if (!match) return;
	const [, remote, branch] = match as unknown as [string, string, string];
	try {
		const remotes = (await git(['remote'])).toString('utf8').split('\n');
		if (!remotes.includes(remote)) return;
		logger.info(`Fetching ${branch} from ${remote} to compare with it.`);
		await git(['fetch', '--quiet', '--no-tags', '--depth=1', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
	} catch (error) {
		const reason = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
		logger.warn(`Could not fetch ${branch} from ${remote}: ${reason}`);
	}
}

/** The summary when there is no base snapshot: a first merge request, or a branch without content/. */
export function noBaseMarkdown(base: string, reason: string, link: string | undefined): string {
	const lines = [SUMMARY_MARKER, '### mlpages: what changed', '', `No snapshot to compare with on \`${base.replaceAll('`', "'")}\`: ${reason}`];
	if (link) lines.push('', `[Preview](${link}/)`);
	return `${lines.join('\n')}\n`;
}
