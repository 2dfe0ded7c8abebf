import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/diff/diff-snapshots.ts';
import { gitRunner } from '../../src/diff/git-runner.ts';
import { readSnapshot } from '../../src/diff/read-snapshot.ts';
import { resolveSide } from '../../src/diff/resolve-side.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { SNAPSHOTS } from './helpers.ts';

const config = MlpagesConfigSchema.parse({});
let repo: string;

// A project whose history holds the base snapshot (commit 1) then the head snapshot (commit 2).
beforeAll(() => {
	repo = mkdtempSync(join(tmpdir(), 'mlpages-diff-git-'));
	const git = (...args: string[]) =>
		execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });
	git('init', '--quiet', '--initial-branch=main');
	cpSync(join(SNAPSHOTS, 'base'), join(repo, 'content'), { recursive: true });
	git('add', 'content');
	git('commit', '--quiet', '-m', 'base snapshot');
	rmSync(join(repo, 'content'), { recursive: true });
	cpSync(join(SNAPSHOTS, 'head'), join(repo, 'content'), { recursive: true });
	git('add', '--all', 'content');
	git('commit', '--quiet', '-m', 'head snapshot');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const read = async (side: string, cwd = repo) => readSnapshot(await resolveSide(side, cwd, gitRunner(cwd)));

describe('a git ref as a side', () => {
	it('reads the snapshot of a commit and compares it with a folder', async () => {
		const [base, head] = await Promise.all([read('HEAD~1'), read(join(SNAPSHOTS, 'head'))]);
		expect(base.kind).toBe('git');
		expect(base.runs.size).toBe(4);
		expect(head.kind).toBe('folder');
		const diff = diffSnapshots(base, head, config);
		expect(diff.counts).toEqual({ runsAdded: 1, runsRemoved: 1, runsChanged: 1, versionsAdded: 1, versionsRemoved: 0, aliasMoves: 1, metricDeltas: 2 });
	});

	it('gives the same diff from git as from the folders', async () => {
		const fromGit = diffSnapshots(await read('main~1'), await read('main:content'), config);
		const fromFolders = diffSnapshots(await read(join(SNAPSHOTS, 'base')), await read(join(SNAPSHOTS, 'head')), config);
		expect({ ...fromGit, base: null, head: null }).toEqual({ ...fromFolders, base: null, head: null });
	});

	it('finds nothing between a commit and the same snapshot checked out', async () => {
		const diff = diffSnapshots(await read('HEAD'), await read('content'), config);
		expect(Object.values(diff.counts).every((n) => n === 0)).toBe(true);
	});

	it('rejects a ref that does not exist and a tree without a snapshot, as usage errors', async () => {
		await expect(read('no-such-branch')).rejects.toMatchObject({ code: 'MlpagesDiffSideNotFound', exitCode: 2 });
		await expect(read('HEAD:content/runs')).rejects.toMatchObject({ code: 'MlpagesDiffSnapshotMissing', exitCode: 2 });
	});
});
