import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { githubWorkflow, gitlabCi, gitlabJobs, gitlabLines, gitlabRuns, npmCommands, ROOT } from './ci-files.ts';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
/** The commands the README documents for users and CI, read from README.md itself. */
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const README_COMMANDS = [...new Set(npmCommands(readme))].filter((c) => c !== 'npm run export' && !c.startsWith('npm run test:') && c !== 'npm run demo' && c !== 'npm run bench');

const MR = {
	CI_PIPELINE_SOURCE: 'merge_request_event',
	CI_DEFAULT_BRANCH: 'main',
	CI_MERGE_REQUEST_IID: '7',
	CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
};
const DEFAULT_BRANCH = { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main' };
const OTHER_BRANCH = { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'feature' };

describe('.gitlab-ci.yml', () => {
	const ci = gitlabCi();
	const jobs = gitlabJobs(ci);
	const running = (vars: Record<string, string>) =>
		gitlabRuns(ci.workflow.rules, vars) ? Object.keys(jobs).filter((name) => gitlabRuns(jobs[name]!.rules, vars)) : [];

	it('runs only the README commands, and all of them', () => {
		const commands = Object.values(jobs).flatMap((job) => npmCommands(gitlabLines(ci, job).join('\n')));
		for (const command of commands) expect(command === 'npm ci' || command === 'npm test' || command.slice('npm run '.length) in pkg.scripts, command).toBe(true);
		expect(new Set(commands)).toEqual(new Set([...README_COMMANDS, 'npm run export']));
	});

	it('runs tests and the preview on a merge request, tests and Pages on the default branch, nothing elsewhere', () => {
		expect(running(MR)).toEqual(['test', 'pages-preview', 'changes']);
		expect(running(DEFAULT_BRANCH)).toEqual(['test', 'pages']);
		expect(running(OTHER_BRANCH)).toEqual([]);
	});

	it("exports from the project's GitLab MLflow endpoint with the token left to a CI/CD variable", () => {
		expect(ci.variables['MLFLOW_TRACKING_URI']).toBe('$CI_API_V4_URL/projects/$CI_PROJECT_ID/ml/mlflow');
		expect(readFileSync(`${ROOT}.gitlab-ci.yml`, 'utf8')).not.toMatch(/MLFLOW_TRACKING_TOKEN\s*[:=]/);
	});

	it('publishes dist/ on the default branch and the preview under mr-<iid> with an environment and an expiry', () => {
		expect(jobs['pages']!.pages).toMatchObject({ publish: 'dist' });
		const preview = jobs['pages-preview']!;
		expect(preview.pages).toEqual({ path_prefix: 'mr-$CI_MERGE_REQUEST_IID', publish: 'dist', expire_in: '1 week' });
		expect(preview.environment).toEqual({ name: 'review/mr-$CI_MERGE_REQUEST_IID', url: '$CI_PAGES_URL', auto_stop_in: '1 week' });
		expect(preview.variables).toEqual({ PAGES_PREFIX: 'mr-$CI_MERGE_REQUEST_IID' });
	});

	it('diffs against the target branch before the build that renders /changes/, and comments', () => {
		const lines = gitlabLines(ci, jobs['pages-preview']!).join('\n');
		expect(lines).toContain('npm run diff -- "$BASE" content --json diff.json --out diff.md');
		expect(lines.indexOf('npm run diff')).toBeLessThan(lines.indexOf('export MLPAGES_DIFF=diff.json'));
		expect(lines.indexOf('export MLPAGES_DIFF=diff.json')).toBeLessThan(lines.indexOf('npm run build'));
		const note = gitlabLines(ci, jobs['changes']!).join('\n');
		expect(note).toContain('merge_requests/$CI_MERGE_REQUEST_IID/notes');
		expect(note).toContain('if [ -z "${MLPAGES_GITLAB_TOKEN:-}" ]');
		expect(jobs['changes']!.needs).toEqual(['pages-preview']);
	});
});

describe('.github/workflows/pages.yml', () => {
	const wf = githubWorkflow();
	const runs = (job: string) => wf.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');
	const uses = (job: string) => wf.jobs[job]!.steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []));

	it('runs only the README commands, and all of them', () => {
		const commands = Object.keys(wf.jobs).flatMap((job) => npmCommands(runs(job)));
		for (const command of commands) expect(command === 'npm ci' || command === 'npm test' || command.slice('npm run '.length) in pkg.scripts, command).toBe(true);
		expect(new Set(commands)).toEqual(new Set([...README_COMMANDS, 'npm run export']));
	});

	it('deploys GitHub Pages on pushes to main and builds a preview with a comment on pull requests', () => {
		expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
		expect(wf.on['push']).toEqual({ branches: ['main'] });
		expect(wf.jobs['build']!.if).toBe("github.event_name != 'pull_request'");
		expect(uses('build')).toEqual(expect.arrayContaining(['actions/configure-pages', 'actions/upload-pages-artifact']));
		expect(uses('deploy')).toEqual(['actions/deploy-pages']);
		expect(wf.jobs['deploy']!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
		expect(wf.jobs['preview']!.if).toBe("github.event_name == 'pull_request'");
		expect(uses('preview')).toContain('actions/upload-artifact');
		expect(runs('preview')).toContain('gh pr comment "$PR" --body-file diff.md');
		expect(wf.jobs['preview']!.permissions).toMatchObject({ 'pull-requests': 'write' });
	});
});

describe('README.md', () => {
	it('shows every command the CI templates run', () => {
		const documented = new Set(npmCommands(readme));
		const gitlab = gitlabCi();
		const used = [
			...Object.values(gitlabJobs(gitlab)).flatMap((job) => npmCommands(JSON.stringify(job))),
			...npmCommands(readFileSync(`${ROOT}.github/workflows/pages.yml`, 'utf8')),
		];
		expect(used.length).toBeGreaterThan(3);
		for (const command of used) expect(documented.has(command), command).toBe(true);
		expect(README_COMMANDS).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run build', 'npm run diff']));
	});
});
