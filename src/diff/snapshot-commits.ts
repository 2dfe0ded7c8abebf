import type { GitRunner } from './git-runner.ts';

/** One commit that changed the snapshot folder, as `git log --first-parent` lists it. */
export interface SnapshotCommit {
	sha: string;
	/** Author of the commit: for a merge commit, who merged it. */
	author: string;
	/** Commit time, epoch milliseconds. */
	time: number;
	/** First line of the message. */
	subject: string;
	/** The merge request or pull request the commit merged, from its message: `!12` (GitLab), `#12` (GitHub); null when none. */
	mergeRequest: string | null;
}

/** What git can tell about the snapshot's history, and how much of it it holds. */
export type SnapshotHistory =
	| { status: 'complete' | 'shallow'; commits: SnapshotCommit[]; truncated: boolean }
	| { status: 'absent'; reason: string; commits: [] };

const FIELD = '\x1f';
const RECORD = '\x1e';

/**
 * The commits that changed `dir` (a folder inside a git work tree, the snapshot folder), newest
 * first, at most `max`. Follows first parents: on the default branch each merged merge request
 * is one entry, its merge commit, whose message names the merge request. `shallow` when the
 * clone is shallow (CI clones are, by default): the oldest commit listed is then where the clone
 * starts, not where the history does. `absent` when `dir` is not in a git work tree or git is
 * missing, with the reason.
 */
export async function snapshotCommits(git: GitRunner, max = 200): Promise<SnapshotHistory> {
	let shallow: boolean;
	try {
		shallow = (await git(['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
	} catch (error) {
		const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
		return { status: 'absent', reason: /not a git repository/i.test(reason) ? 'the snapshot folder is not in a git repository' : `git could not be run: ${reason.split('\n')[0]}`, commits: [] };
	}
	let out: string;
	try {
		const format = ['%H', '%an', '%ct', '%s', '%b'].join('%x1f') + '%x1e';
		out = (await git(['log', '--first-parent', `--max-count=${max + 1}`, `--format=${format}`, '--', '.'])).toString('utf8');
	} catch (error) {
		// A repository without any commit yet.
		return { status: 'absent', reason: `git log failed: ${((error as { stderr?: string }).stderr ?? String(error)).trim().split('\n')[0]}`, commits: [] };
	}
	const commits = out
		.split(RECORD)
		.map((record) => record.replace(/^\n/, ''))
		.filter((record) => record.trim() !== '')
		.map((record): SnapshotCommit => {
			const [sha = '', author = '', time = '0', subject = '', body = ''] = record.split(FIELD);
			return { sha, author, time: Number(time) * 1000, subject, mergeRequest: mergeRequestOf(subject, body) };
		});
	if (commits.length === 0) return { status: 'absent', reason: 'no commit holds the snapshot folder yet', commits: [] };
	const truncated = commits.length > max;
	return { status: shallow ? 'shallow' : 'complete', commits: commits.slice(0, max), truncated };
}

/**
 * The merge request a commit message names: GitLab's merge commit (`See merge request group/project!12`),
 * GitHub's (`Merge pull request #12 from …`) or squash merge (`Subject (#12)`).
 */
export function mergeRequestOf(subject: string, body: string): string | null {
	const gitlab = /See merge request [^\s!]*!(\d+)/.exec(body);
	if (gitlab) return `!${gitlab[1]}`;
	const github = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
	return github ? `#${github[1]}` : null;
}

/** Links into the repository's web pages, from the CI environment; null outside GitLab or GitHub CI. */
export interface RepositoryLinks {
	commit(sha: string): string;
	mergeRequest(ref: string): string | null;
}

/** GitLab's `CI_PROJECT_URL`, or GitHub's `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`. */
export function repositoryLinks(env: Readonly<Record<string, string | undefined>>): RepositoryLinks | null {
	const gitlab = env['CI_PROJECT_URL']?.replace(/\/+$/, '');
	if (gitlab && /^https?:\/\//.test(gitlab)) {
		return { commit: (sha) => `${gitlab}/-/commit/${sha}`, mergeRequest: (ref) => (ref.startsWith('!') ? `${gitlab}/-/merge_requests/${ref.slice(1)}` : null) };
	}
	const server = env['GITHUB_SERVER_URL']?.replace(/\/+$/, '');
	const repo = env['GITHUB_REPOSITORY'];
	if (server && repo && /^https?:\/\//.test(server)) {
		return { commit: (sha) => `${server}/${repo}/commit/${sha}`, mergeRequest: (ref) => (ref.startsWith('#') ? `${server}/${repo}/pull/${ref.slice(1)}` : null) };
	}
	return null;
}
