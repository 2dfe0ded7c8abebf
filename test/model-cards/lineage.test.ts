import { describe, expect, it } from 'vitest';
import { commitUrl, gitAndCi, repoWebUrl } from '../../src/model-cards/lineage.ts';
import type { Run } from '../../src/schemas/run.ts';

describe('repoWebUrl', () => {
	it.each([
		['git@gitlab.com:group/sub/project.git', 'https://gitlab.com/group/sub/project'],
		['https://oauth2:glpat-secret@gitlab.example.com/g/p.git', 'https://gitlab.example.com/g/p'],
		['ssh://git@github.com/o/r.git', 'https://github.com/o/r'],
		['https://github.com/o/r/', 'https://github.com/o/r'],
		['file:///home/me/repo', null],
		['/home/me/repo', null],
		['javascript:alert(1)', null],
	])('%s', (raw, web) => {
		expect(repoWebUrl(raw)).toBe(web);
	});

	it('builds commit links for the host', () => {
		expect(commitUrl('https://github.com/o/r', 'abc1234')).toBe('https://github.com/o/r/commit/abc1234');
		expect(commitUrl('https://gitlab.com/g/p', 'abc1234')).toBe('https://gitlab.com/g/p/-/commit/abc1234');
	});
});

describe('gitAndCi', () => {
	const run = (tags: Record<string, string>) => ({ tags }) as unknown as Run;

	it('links the CI job, pipeline and merge request of the GitLab project', () => {
		expect(
			gitAndCi(run({ 'gitlab.CI_JOB_ID': '7', 'gitlab.CI_MERGE_REQUEST_IID': '3', 'gitlab.CI_PROJECT_URL': 'https://gitlab.com/g/p', 'mlflow.source.git.commit': 'abcdef1' })),
		).toStrictEqual({
			git: { commit: 'abcdef1', branch: null, repoUrl: 'https://gitlab.com/g/p', commitUrl: 'https://gitlab.com/g/p/-/commit/abcdef1', dirty: null },
			ci: { jobId: '7', jobUrl: 'https://gitlab.com/g/p/-/jobs/7', pipelineId: null, pipelineUrl: null, mergeRequestIid: '3', mergeRequestUrl: 'https://gitlab.com/g/p/-/merge_requests/3' },
		});
	});

	it('shows ids without links when the repository is unknown, and nothing when there are no tags', () => {
		expect(gitAndCi(run({ 'gitlab.CI_JOB_ID': '7' })).ci?.jobUrl).toBeNull();
		expect(gitAndCi(run({ 'mlflow.source.git.commit': 'not a sha', 'mlflow.source.git.repoURL': 'https://gitlab.com/g/p' })).git?.commitUrl).toBeNull();
		expect(gitAndCi(run({}))).toStrictEqual({ git: null, ci: null });
	});
});
