import { decodeUriOrNull } from '../../lib/decode-uri.ts';

/** A link of the run's source: label, text and URL. */
export interface SourceLink {
	label: string;
	text: string;
	href: string;
}

/**
 * The web address of a git repository from `mlflow.source.git.repoURL`: https, ssh
 * (`ssh://git@host/group/project.git`) and scp (`git@host:group/project.git`) forms become
 * `https://host/group/project`, without credentials, query, `.git` or trailing slash.
 * Null when the URL is neither (a local path, `file:`, `javascript:`...) or its path holds a
 * malformed `%` escape (the value is then shown as text only).
 */
export function repositoryWebUrl(repoUrl: string | null | undefined): string | null {
	if (!repoUrl) return null;
	const raw = repoUrl.trim();
	let host: string;
	let path: string;
	const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(raw);
	if (scp) {
		host = scp[1]!;
		path = scp[2]!;
	} else {
		let url: URL;
		try {
			url = new URL(raw);
		} catch {
			return null;
		}
		if (!['http:', 'https:', 'ssh:', 'git+ssh:', 'git:'].includes(url.protocol) || !url.hostname) return null;
		host = url.hostname;
		// An ssh port is not the web port; an http(s) one is kept.
		if (url.port && (url.protocol === 'http:' || url.protocol === 'https:')) host += `:${url.port}`;
		const decoded = decodeUriOrNull(url.pathname);
		if (decoded === null) return null;
		path = decoded;
	}
	path = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
	if (!path || path.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
	return `https://${host}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** GitHub's commit URL form for github.com hosts, GitLab's (`/-/commit/`) for every other host. */
const isGitHub = (webUrl: string) => /^https:\/\/(?:www\.)?github\.com\//.test(webUrl);

/**
 * Links of a run's source from its tags: the git commit (when the repository URL is known and the
 * commit looks like a hash), and GitLab CI job, pipeline and merge request (from `gitlab.CI_*`
 * tags, numeric ids only, on the repository or `gitlab.CI_PROJECT_URL`).
 */
export function sourceLinks(tags: Record<string, string>): SourceLink[] {
	const tag = (key: string) => (Object.hasOwn(tags, key) ? tags[key]!.trim() : '');
	const repo = repositoryWebUrl(tag('mlflow.source.git.repoURL')) ?? repositoryWebUrl(tag('gitlab.CI_PROJECT_URL'));
	const links: SourceLink[] = [];
	const commit = tag('mlflow.source.git.commit');
	if (repo && /^[0-9a-f]{7,64}$/i.test(commit)) {
		links.push({
			label: 'Git commit',
			text: commit.slice(0, 12),
			href: isGitHub(repo) ? `${repo}/commit/${commit}` : `${repo}/-/commit/${commit}`,
		});
	}
	if (repo && !isGitHub(repo)) {
		const ci: Array<[string, string, string, string]> = [
			['gitlab.CI_JOB_ID', 'CI job', 'jobs', '#'],
			['gitlab.CI_PIPELINE_ID', 'CI pipeline', 'pipelines', '#'],
			['gitlab.CI_MERGE_REQUEST_IID', 'Merge request', 'merge_requests', '!'],
		];
		for (const [key, label, path, prefix] of ci) {
			const id = tag(key);
			if (/^\d+$/.test(id)) links.push({ label, text: `${prefix}${id}`, href: `${repo}/-/${path}/${id}` });
		}
	}
	return links;
}
