import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuildCommand } from '../../src/cli/build-command.ts';
import { writeBuildDiff } from '../../src/cli/build-diff.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { SnapshotDiffSchema } from '../../src/schemas/diff.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { SNAPSHOTS } from '../diff/helpers.ts';

const config = MlpagesConfigSchema.parse({ diff: { thresholds: { val_loss: { maxWorsening: 0.01 } } } });
const PREVIEW = { CI_PAGES_URL: 'https://group.gitlab.io/project', PAGES_PREFIX: 'mr-7' };

const git = (cwd: string, ...args: string[]) =>
	execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' }).toString();

/** Commits `snapshot` (or nothing) as site/content on `branch` of the work repository and pushes it. */
function pushBranch(work: string, branch: string, snapshot: 'base' | 'head' | null): void {
	git(work, 'checkout', '--quiet', '--orphan', branch);
	rmSync(join(work, 'site'), { recursive: true, force: true });
	mkdirSync(join(work, 'site'), { recursive: true });
	if (snapshot) cpSync(join(SNAPSHOTS, snapshot), join(work, 'site', 'content'), { recursive: true });
	else cpSync(join(SNAPSHOTS, 'head', 'manifest.json'), join(work, 'site', 'notes.json'));
	git(work, 'add', '--all');
	git(work, 'commit', '--quiet', '-m', `${branch}`);
	git(work, 'push', '--quiet', 'origin', branch);
}

/** A CI checkout of `branch`: one commit deep, with no other branch fetched, as GitLab and GitHub clone. */
function ciCheckout(origin: string, branch: string): string {
	const dir = join(tempDir('mlpages-ci-checkout-'), 'project');
	git(tempDir(), 'clone', '--quiet', '--depth=1', '--branch', branch, `file://${origin}`, dir);
	return join(dir, 'site');
}

let origin: string;
beforeAll(() => {
	origin = join(tempDir('mlpages-origin-'), 'origin.git');
	git(tempDir(), 'init', '--quiet', '--bare', '--initial-branch=main', origin);
	const work = tempDir('mlpages-work-');
	git(work, 'init', '--quiet', '--initial-branch=main');
	git(work, 'remote', 'add', 'origin', origin);
	pushBranch(work, 'main', 'base');
	pushBranch(work, 'feature', 'head');
	pushBranch(work, 'rollback', 'base');
	pushBranch(work, 'release', 'head');
	pushBranch(work, 'bare', null);
});

describe('mlpages build --diff', () => {
	it("fetches the target branch a CI checkout lacks and compares its snapshot with the new one, linking into the preview", async () => {
		const site = ciCheckout(origin, 'feature');
		const logger = memoryLogger();
		const json = await writeBuildDiff('origin/main', 'content', config, { cwd: site, env: PREVIEW, logger });
		expect(json).toBe(join(site, 'diff.json'));
		expect(logger.lines.map((l) => l.message)).toContain('Fetching main from origin to compare with it.');
		const diff = SnapshotDiffSchema.parse(JSON.parse(readFileSync(json!, 'utf8')));
		expect(diff.base.label).toBe('origin/main');
		expect(diff.base.kind).toBe('git');
		expect(diff.counts).toMatchObject({ runsAdded: 1, versionsAdded: 1, aliasMoves: 1 });
		expect(diff.gate.status).toBe('pass');
		const md = readFileSync(join(site, 'diff.md'), 'utf8');
		expect(md.split('\n')[0]).toBe('<!-- mlpages-diff -->');
		expect(md).toContain('[What changed](https://group.gitlab.io/project/mr-7/changes/)');
	});

	it('records a failing threshold in diff.json without failing the build, and warns', async () => {
		const site = ciCheckout(origin, 'rollback');
		const logger = memoryLogger();
		const json = await writeBuildDiff('origin/release', 'content', config, { cwd: site, env: {}, logger });
		const diff = SnapshotDiffSchema.parse(JSON.parse(readFileSync(json!, 'utf8')));
		expect(diff.gate.status).toBe('fail');
		expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
			'2 tracked metrics got worse than allowed; mlpages comment fails on it after posting the summary.',
		]);
		expect(readFileSync(join(site, 'diff.md'), 'utf8')).not.toContain('](http');
	});

	it('says so in diff.md, and writes no diff.json, when the base has no snapshot or does not exist', async () => {
		for (const base of ['origin/bare', 'origin/no-such-branch']) {
			const site = ciCheckout(origin, 'feature');
			const logger = memoryLogger();
			expect(await writeBuildDiff(base, 'content', config, { cwd: site, env: PREVIEW, logger })).toBeUndefined();
			expect(existsSync(join(site, 'diff.json'))).toBe(false);
			const md = readFileSync(join(site, 'diff.md'), 'utf8');
			expect(md).toContain(`No snapshot to compare with on \`${base}\``);
			expect(md).toContain('[Preview](https://group.gitlab.io/project/mr-7/)');
		}
	});

	it('hands the comparison to astro build as MLPAGES_DIFF, so the site gets /changes/', async () => {
		const site = ciCheckout(origin, 'feature');
		const calls: Array<Record<string, string> | undefined> = [];
		const fx = { logger: memoryLogger(), env: {}, cwd: site, now: () => 0, loadConfig: async () => config };
		const astroBuild = async (_root: string, _args: readonly string[], _node: string, env?: Record<string, string>) => (calls.push(env), 0);
		expect(await runBuildCommand(['--no-export', '--diff', 'origin/main'], { ...fx, astroBuild })).toBe(0);
		expect(calls).toEqual([{ MLPAGES_DIFF: join(site, 'diff.json') }]);
		expect(await runBuildCommand(['--no-export'], { ...fx, astroBuild })).toBe(0);
		expect(calls[1]).toEqual({});
	});
});
