import type { Run } from '../schemas/run.ts';
import type { ModelCard } from '../schemas/model-card.ts';

type Lineage = ModelCard['lineage'];

/**
 * Web URL of a repository from `mlflow.source.git.repoURL` or `gitlab.CI_PROJECT_URL`:
 * `git@host:group/project.git` and `ssh://git@host/…` become `https://host/group/project`,
 * credentials and `.git` are removed. null for anything else (local paths, file: URIs).
 */
export function repoWebUrl(raw: string | undefined): string | null {
	if (!raw) return null;
	const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+?)(\.git)?\/?$/.exec(raw.trim());
	if (scp) return `https://${scp[1]}/${scp[2]}`;
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return null;
	}
	if (!['https:', 'http:', 'ssh:', 'git+ssh:'].includes(url.protocol)) return null;
	const path = url.pathname.replace(/\.git\/?$/, '').replace(/\/+$/, '');
	if (!path || path === '/') return null;
	const protocol = url.protocol === 'http:' ? 'http:' : 'https:';
	return `${protocol}//${url.hostname}${url.port && url.protocol.startsWith('http') ? `:${url.port}` : ''}${path}`;
}

/** Commit page on the repository host: GitHub `/commit/`, Bitbucket `/commits/`, GitLab-style `/-/commit/` otherwise. */
export function commitUrl(repo: string, sha: string): string {
	const host = new URL(repo).hostname;
	if (host === 'github.com') return `${repo}/commit/${sha}`;
	if (host === 'bitbucket.org') return `${repo}/commits/${sha}`;
	return `${repo}/-/commit/${sha}`;
}

const tag = (run: Run, key: string) => {
	const v = run.tags[key]?.trim();
	return v ? v : null;
};

/**
 * Git and CI facts of a run: git from the `mlflow.source.git.*` tags, the CI job, pipeline and
 * merge request from the `gitlab.CI_*` tags GitLab CI jobs log. Links are built only when the
 * project URL is known (`gitlab.CI_PROJECT_URL`, else the git repo URL); ids are never invented.
 */
export function gitAndCi(run: Run): Pick<Lineage, 'git' | 'ci'> {
	const repo =
		repoWebUrl(tag(run, 'gitlab.CI_PROJECT_URL') ?? undefined) ??
		repoWebUrl(tag(run, 'mlflow.source.git.repoURL') ?? tag(run, 'mlflow.gitRepoURL') ?? undefined);
	const sha = tag(run, 'mlflow.source.git.commit') ?? tag(run, 'gitlab.CI_COMMIT_SHA');
	const dirty = tag(run, 'mlflow.source.git.dirty');
	const git = sha
		? {
				commit: sha,
				branch: tag(run, 'mlflow.source.git.branch') ?? tag(run, 'gitlab.CI_COMMIT_REF_NAME'),
				repoUrl: repo,
				commitUrl: repo && /^[0-9a-f]{7,64}$/i.test(sha) ? commitUrl(repo, sha) : null,
				dirty: dirty === null ? null : dirty === 'true',
			}
		: null;
	const jobId = tag(run, 'gitlab.CI_JOB_ID');
	const pipelineId = tag(run, 'gitlab.CI_PIPELINE_ID');
	const mr = tag(run, 'gitlab.CI_MERGE_REQUEST_IID');
	const id = (v: string | null) => (v && /^\d+$/.test(v) ? v : null);
	const link = (kind: string, v: string | null) => (repo && id(v) ? `${repo}/-/${kind}/${v}` : null);
	const jobUrl = tag(run, 'gitlab.CI_JOB_URL');
	const ci =
		jobId || pipelineId || mr
			? {
					jobId,
					jobUrl: jobUrl && /^https?:\/\//.test(jobUrl) ? jobUrl : link('jobs', jobId),
					pipelineId,
					pipelineUrl: link('pipelines', pipelineId),
					mergeRequestIid: mr,
					mergeRequestUrl: link('merge_requests', mr),
				}
			: null;
	return { git, ci };
}
