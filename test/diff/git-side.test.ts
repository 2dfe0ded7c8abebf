import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
const repos: string[] = [];

/** A new git repository in a temporary folder; `git(...)` runs in it. */
function makeRepo(prefix: string) {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	repos.push(dir);
	const git = (...args: string[]) =>
		execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
	git('init', '--quiet', '--initial-branch=main');
	return { dir, git };
}

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
afterAll(() => {
	for (const dir of [repo, ...repos]) rmSync(dir, { recursive: true, force: true });
});

const read = async (side: string, cwd = repo, contentDir?: string) => readSnapshot(await resolveSide(side, cwd, gitRunner(cwd), contentDir));

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

describe('the content folder a git ref is read from', () => {
	it("is the project's contentDir, found from a project in a subfolder of the repository", async () => {
		const { dir, git } = makeRepo('mlpages-diff-subfolder-');
		cpSync(join(SNAPSHOTS, 'base'), join(dir, 'analysis', 'snapshot'), { recursive: true });
		git('add', '.');
		git('commit', '--quiet', '-m', 'base snapshot');
		const project = join(dir, 'analysis');
		const fromFolder = await read(join(SNAPSHOTS, 'base'));
		const same = (snapshot: Awaited<ReturnType<typeof read>>) => expect([...snapshot.runs.keys()]).toEqual([...fromFolder.runs.keys()]);
		same(await read('main', project, 'snapshot'));
		// A named tree is from the repository's root, or from the project with ./, as git reads `main:./path`.
		same(await read('main:analysis/snapshot', project));
		same(await read('main:./snapshot', project));
		await expect(read('main', project)).rejects.toMatchObject({ code: 'MlpagesDiffSnapshotMissing', message: 'main holds no snapshot: analysis/content/manifest.json is not committed in main.' });
	});

	it('names the ignore rule that keeps the snapshot out of git, and says what to commit', async () => {
		const { dir, git } = makeRepo('mlpages-diff-ignored-');
		writeFileSync(join(dir, '.gitignore'), 'node_modules/\ncontent/\n');
		cpSync(join(SNAPSHOTS, 'head'), join(dir, 'content'), { recursive: true });
		mkdirSync(join(dir, 'content', 'series'));
		git('add', '.');
		git('commit', '--quiet', '-m', 'a project that ignores its snapshot');
		const error = await read('HEAD', dir).catch((e: unknown) => e);
		expect(error).toMatchObject({
			code: 'MlpagesDiffSnapshotMissing',
			exitCode: 2,
			message: 'HEAD holds no snapshot: content/manifest.json is not committed in HEAD; your .gitignore (line 2, "content/") keeps it out of git.',
		});
		expect((error as { hint: string }).hint).toContain('git add content && git commit');
		expect((error as { hint: string }).hint).toContain('leaves out series/, histories/ and artifacts/');
		// The snapshot on disk is still there to compare with, by its folder.
		expect((await read('content', dir)).runs.size).toBe(4);
	});
});
