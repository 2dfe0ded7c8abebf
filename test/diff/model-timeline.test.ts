import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRunner } from '../../src/diff/git-runner.ts';
import { modelTimelines } from '../../src/diff/model-timeline.ts';
import { mergeRequestOf, repositoryLinks, snapshotCommits } from '../../src/diff/snapshot-commits.ts';

const repo = mkdtempSync(join(tmpdir(), 'mlpages-timeline-'));
const content = join(repo, 'site', 'content');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** git with a fixed identity and clock, so commits are the same on every machine. */
function git(cwd: string, date: string, ...args: string[]): string {
	const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: repo };
	const identity = ['-c', 'user.name=Ana Lima', '-c', 'user.email=ana@example.org', '-c', 'commit.gpgsign=false'];
	return execFileSync('git', [...identity, ...args], { cwd, env, encoding: 'utf8', stdio: 'pipe' }).trim();
}
const write = (path: string, value: unknown) => {
	mkdirSync(join(content, path, '..'), { recursive: true });
	writeFileSync(join(content, path), `${JSON.stringify(value, null, 2)}\n`);
};
/** One export of the store: the model with its aliases, versions 1–3 and their runs' losses. */
function snapshot(aliases: Record<string, string>, losses: [number, number, number]): void {
	write('models/clf.json', { name: 'clf', slug: 'clf', aliases, versions: ['1', '2', '3'] });
	losses.forEach((loss, i) => {
		const runId = `${i + 1}`.repeat(32);
		write(`model-versions/clf/${i + 1}.json`, { modelSlug: 'clf', version: `${i + 1}`, runId, aliases: [] });
		write(`runs/${runId}.json`, { id: runId, metrics: { val_loss: { last: loss }, train_loss: { last: loss / 2 } } });
	});
	write('manifest.json', { schemaVersion: 1 });
}

const shas: string[] = [];
beforeAll(() => {
	git(repo, '2026-03-01T10:00:00Z', 'init', '--quiet', '--initial-branch=main');
	writeFileSync(join(repo, 'README.md'), 'analysis\n');
	git(repo, '2026-03-01T10:00:00Z', 'add', '--all');
	git(repo, '2026-03-01T10:00:00Z', 'commit', '--quiet', '-m', 'Start the analysis');
	// 1: the first snapshot, @champion on version 1.
	snapshot({ champion: '1' }, [0.3, 0.2, 0.1]);
	git(repo, '2026-03-02T09:00:00Z', 'add', '--all');
	git(repo, '2026-03-02T09:00:00Z', 'commit', '--quiet', '-m', 'Snapshot of the store');
	shas.push(git(repo, '2026-03-02T09:00:00Z', 'rev-parse', 'HEAD'));
	// 2: a merge request moves @champion to version 2 and adds @challenger.
	git(repo, '2026-03-03T09:00:00Z', 'checkout', '--quiet', '-b', 'promote-v2');
	snapshot({ champion: '2', challenger: '3' }, [0.3, 0.2, 0.1]);
	git(repo, '2026-03-03T09:00:00Z', 'commit', '--quiet', '--all', '-m', 'Promote version 2');
	git(repo, '2026-03-03T09:00:00Z', 'checkout', '--quiet', 'main');
	git(repo, '2026-03-03T12:00:00Z', 'merge', '--quiet', '--no-ff', 'promote-v2', '-m', "Merge branch 'promote-v2' into 'main'\n\nPromote version 2\n\nSee merge request group/analysis!4");
	shas.push(git(repo, '2026-03-03T12:00:00Z', 'rev-parse', 'HEAD'));
	// A commit elsewhere in the repository is not a snapshot.
	writeFileSync(join(repo, 'README.md'), 'analysis of penguins\n');
	git(repo, '2026-03-04T09:00:00Z', 'commit', '--quiet', '--all', '-m', 'Say what the analysis is about');
	// 3: @champion moves to version 3, whose run was retrained.
	snapshot({ champion: '3', challenger: '3' }, [0.3, 0.2, 0.05]);
	git(repo, '2026-03-05T09:00:00Z', 'commit', '--quiet', '--all', '-m', 'Promote version 3 (#5)');
	shas.push(git(repo, '2026-03-05T09:00:00Z', 'rev-parse', 'HEAD'));
});

describe('snapshotCommits', () => {
	it('lists the commits of the snapshot folder, newest first, with who, when and which merge request', async () => {
		const history = await snapshotCommits(gitRunner(content));
		expect(history.status).toBe('complete');
		expect(history.commits.map((c) => [c.sha, c.author, new Date(c.time).toISOString(), c.subject, c.mergeRequest])).toEqual([
			[shas[2], 'Ana Lima', '2026-03-05T09:00:00.000Z', 'Promote version 3 (#5)', '#5'],
			[shas[1], 'Ana Lima', '2026-03-03T12:00:00.000Z', "Merge branch 'promote-v2' into 'main'", '!4'],
			[shas[0], 'Ana Lima', '2026-03-02T09:00:00.000Z', 'Snapshot of the store', null],
		]);
	});

	it('says when the clone is shallow, and when there is no repository at all', async () => {
		const clone = join(repo, '..', `${repo.split('/').at(-1)}-shallow`);
		try {
			git(tmpdir(), '2026-03-06T00:00:00Z', 'clone', '--quiet', '--depth=1', `file://${repo}`, clone);
			const history = await snapshotCommits(gitRunner(join(clone, 'site', 'content')));
			expect(history.status).toBe('shallow');
			expect(history.commits.map((c) => c.sha)).toEqual([shas[2]]);
		} finally {
			rmSync(clone, { recursive: true, force: true });
		}
		const outside = mkdtempSync(join(tmpdir(), 'mlpages-no-git-'));
		try {
			expect(await snapshotCommits(gitRunner(outside))).toEqual({ status: 'absent', reason: 'the snapshot folder is not in a git repository', commits: [] });
		} finally {
			rmSync(outside, { recursive: true, force: true });
		}
	});

	it('links commits and merge requests on GitLab and GitHub', () => {
		const gitlab = repositoryLinks({ CI_PROJECT_URL: 'https://gitlab.example.com/group/analysis' })!;
		expect([gitlab.commit('abc'), gitlab.mergeRequest('!4'), gitlab.mergeRequest('#5')]).toEqual(['https://gitlab.example.com/group/analysis/-/commit/abc', 'https://gitlab.example.com/group/analysis/-/merge_requests/4', null]);
		const github = repositoryLinks({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ana/analysis' })!;
		expect(github.mergeRequest('#5')).toBe('https://github.com/ana/analysis/pull/5');
		expect(repositoryLinks({})).toBeNull();
		expect(mergeRequestOf('Merge pull request #12 from ana/x', '')).toBe('#12');
	});
});

describe('modelTimelines', () => {
	it('shows the alias moves in order, each with its commit, and the versions\' metrics as each commit held them', async () => {
		const git = gitRunner(content);
		const clf = (await modelTimelines(git, await snapshotCommits(git))).get('clf')!;
		expect(clf.moves.map((m) => [m.alias, m.from, m.to, m.commit.sha, m.commit.mergeRequest, m.atStart])).toEqual([
			['champion', null, '1', shas[0], null, false],
			['challenger', null, '3', shas[1], '!4', false],
			['champion', '1', '2', shas[1], '!4', false],
			['champion', '2', '3', shas[2], '#5', false],
		]);
		expect(clf.keys).toEqual(['val_loss']);
		expect(clf.metrics.map((m) => [m.version, m.metrics['val_loss'], m.commit.sha])).toEqual([
			['1', 0.3, shas[0]],
			['2', 0.2, shas[0]],
			['3', 0.1, shas[0]],
			['3', 0.05, shas[2]],
		]);
	});
});
