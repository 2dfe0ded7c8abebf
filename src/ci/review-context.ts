import { readFileSync } from 'node:fs';

/** Where `mlpages comment` posts: the merge request or pull request of this CI job, and how. */
export type ReviewContext =
	| {
			kind: 'gitlab';
			/** `…/api/v4/projects/<id>/merge_requests/<iid>/notes`. */
			notesUrl: string;
			/** `!<iid>`, for the log. */
			label: string;
			token: string | undefined;
			/** Name of the variable the token comes from, for the message when it is missing. */
			tokenVariable: string;
			footer: string;
	  }
	| {
			kind: 'github';
			/** `…/repos/<owner>/<repo>/issues/<number>/comments`. */
			commentsUrl: string;
			/** `…/repos/<owner>/<repo>/issues/comments`, where one comment is edited by its id. */
			editUrl: string;
			label: string;
			token: string | undefined;
			tokenVariable: string;
			footer: string;
			/** Why a comment cannot be posted from this run (a pull request from a fork), if so. */
			readOnly: string | undefined;
	  }
	/** Not a merge-request job: the summary is printed only. */
	| { kind: 'none'; reason: string };

/**
 * The merge request of the current CI job, from the variables GitLab CI and GitHub Actions set:
 * GitLab's `CI_API_V4_URL`, `CI_PROJECT_ID`, `CI_MERGE_REQUEST_IID` with the token in
 * `MLPAGES_GITLAB_TOKEN`; GitHub's `GITHUB_API_URL`, `GITHUB_REPOSITORY` and the pull request in
 * the event file (`GITHUB_EVENT_PATH`) with the token in `MLPAGES_GITHUB_TOKEN` or `GITHUB_TOKEN`.
 */
export function reviewContext(env: Record<string, string | undefined>, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): ReviewContext {
	if (env['GITLAB_CI'] === 'true') {
		const [api, project, iid] = [env['CI_API_V4_URL'], env['CI_PROJECT_ID'], env['CI_MERGE_REQUEST_IID']];
		if (!iid) return { kind: 'none', reason: 'this GitLab pipeline is not a merge-request pipeline (CI_MERGE_REQUEST_IID is not set)' };
		if (!api || !project) return { kind: 'none', reason: 'CI_API_V4_URL or CI_PROJECT_ID is not set' };
		const id = env['CI_PIPELINE_ID'];
		const pipeline = env['CI_PIPELINE_URL'] ? `[pipeline${id ? ` ${id}` : ''}](${env['CI_PIPELINE_URL']})` : 'a pipeline';
		return {
			kind: 'gitlab',
			notesUrl: `${api.replace(/\/+$/, '')}/projects/${encodeURIComponent(project)}/merge_requests/${iid}/notes`,
			label: `!${iid}`,
			token: env['MLPAGES_GITLAB_TOKEN'] || undefined,
			tokenVariable: 'MLPAGES_GITLAB_TOKEN',
			footer: footer(pipeline, env['CI_COMMIT_SHORT_SHA'] ?? env['CI_COMMIT_SHA']?.slice(0, 8)),
		};
	}
	if (env['GITHUB_ACTIONS'] === 'true') {
		const repo = env['GITHUB_REPOSITORY'];
		let event: { number?: number; pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string } } } } = {};
		try {
			if (env['GITHUB_EVENT_PATH']) event = JSON.parse(readFile(env['GITHUB_EVENT_PATH']));
		} catch {
			// No readable event: not a pull request as far as this command can tell.
		}
		const number = event.pull_request?.number;
		if (!number || !repo) return { kind: 'none', reason: 'this GitHub workflow run is not for a pull request' };
		const api = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
		const run = env['GITHUB_RUN_ID'] ? `[workflow run ${env['GITHUB_RUN_ID']}](${env['GITHUB_SERVER_URL'] || 'https://github.com'}/${repo}/actions/runs/${env['GITHUB_RUN_ID']})` : 'a workflow run';
		const head = event.pull_request?.head?.repo?.full_name;
		return {
			kind: 'github',
			commentsUrl: `${api}/repos/${repo}/issues/${number}/comments`,
			editUrl: `${api}/repos/${repo}/issues/comments`,
			label: `#${number}`,
			token: env['MLPAGES_GITHUB_TOKEN'] || env['GITHUB_TOKEN'] || undefined,
			tokenVariable: 'GITHUB_TOKEN',
			footer: footer(run, event.pull_request?.head?.sha?.slice(0, 8)),
			readOnly: head && head !== repo ? `the pull request comes from the fork ${head}, whose workflow runs get a read-only token` : undefined,
		};
	}
	return { kind: 'none', reason: 'this is not a GitLab CI or GitHub Actions job' };
}

function footer(run: string, sha: string | undefined): string {
	return `<sub>Updated by ${run}${sha ? ` for \`${sha}\`` : ''}.</sub>`;
}
