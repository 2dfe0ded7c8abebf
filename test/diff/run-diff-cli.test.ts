import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDiffArgs, runDiffCli } from '../../src/cli/run-diff-cli.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { SnapshotDiffSchema } from '../../src/schemas/diff.ts';
import { SNAPSHOTS } from './helpers.ts';

const SCRIPT = fileURLToPath(new URL('../../bin/mlpages.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mlpages-diff-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `mlpages diff` in the fixtures folder, as `npm run diff` does. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [SCRIPT, 'diff', ...args], { cwd: SNAPSHOTS, env: { ...process.env, NO_COLOR: '1', MLPAGES_PREVIEW_URL: '', ...env } }, (error, stdout, stderr) =>
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
		);
	});
}

describe('npm run diff (child process)', () => {
	it('exits 0, prints the summary and writes the JSON and the Markdown', async () => {
		const [json, md] = [join(work, 'diff.json'), join(work, 'summary.md')];
		const { code, stdout } = await cli(['base', 'head', '--json', json, '--out', md]);
		expect(code).toBe(0);
		expect(stdout).toContain('runs 1 new, 1 removed, 1 changed');
		expect(readFileSync(md, 'utf8')).toBe(stdout);
		const diff = SnapshotDiffSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
		expect(diff.models.aliasMoves).toHaveLength(1);
	});

	it('exits 0 with "No changes" on identical snapshots', async () => {
		const { code, stdout } = await cli(['head', 'head']);
		expect(code).toBe(0);
		expect(stdout).toContain('No changes between `head` and `head`.');
	});

	it('exits 1 and names the metric when a threshold fails', async () => {
		const config = join(work, 'mlpages.json');
		writeFileSync(config, JSON.stringify({ diff: { thresholds: { val_loss: { maxWorseningPct: 10 } } } }));
		const { code, stdout, stderr } = await cli(['head', 'base', '--config', config]);
		expect(code).toBe(1);
		expect(stdout).toContain('⚠️ val\\_loss of penguins-classifier@champion got worse by 0.0327 (37.33%), more than the allowed 10%.');
		expect(stderr).toContain('val_loss of penguins-classifier@champion got worse');
	});

	it('exits 2 on wrong usage and on a side that is neither a folder nor a git ref', async () => {
		const usage = await cli(['base']);
		expect(usage.code).toBe(2);
		expect(usage.stdout).toBe('');
		expect(usage.stderr).toContain('Wrong usage of npm run diff');
		const unknown = await cli(['base', 'no-such-thing']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('no-such-thing is neither a folder nor a git ref here');
	});

	it('links into the preview when MLPAGES_PREVIEW_URL is set', async () => {
		const { stdout } = await cli(['base', 'head'], { MLPAGES_PREVIEW_URL: 'https://group.gitlab.io/project/mr-7' });
		expect(stdout).toContain('[What changed](https://group.gitlab.io/project/mr-7/changes/)');
	});
});

describe('runDiffCli (in process)', () => {
	it('writes diff.json in the working directory for a bare --json', async () => {
		const written = new Map<string, string>();
		const out: string[] = [];
		const code = await runDiffCli(['base', 'head', '--json'], {
			cwd: SNAPSHOTS,
			env: {},
			stdout: (text) => out.push(text),
			logger: memoryLogger(),
			writeFile: async (path, text) => void written.set(path, text),
		});
		expect(code).toBe(0);
		expect([...written.keys()]).toEqual([join(SNAPSHOTS, 'diff.json')]);
		expect(out.join('')).toContain('### mlpages: what changed');
	});

	it('takes thresholds from the mlpagesConfig export of astro.config.mjs by default', async () => {
		const project = mkdtempSync(join(work, 'project-'));
		writeFileSync(
			join(project, 'astro.config.mjs'),
			'export const mlpagesConfig = { diff: { thresholds: { val_loss: { maxWorsening: 0.01 } } } };\nexport default {};\n',
		);
		const out: string[] = [];
		const args = [join(SNAPSHOTS, 'head'), join(SNAPSHOTS, 'base')];
		const code = await runDiffCli(args, { cwd: project, env: {}, stdout: (t) => out.push(t), logger: memoryLogger() });
		expect(code).toBe(1);
		expect(out.join('')).toContain('more than the allowed 0.01.');
	});

	it('reports an invalid configuration as a usage error', async () => {
		const config = join(work, 'bad.json');
		writeFileSync(config, JSON.stringify({ diff: { thresholds: { val_loss: {} } } }));
		const logger = memoryLogger();
		const code = await runDiffCli(['base', 'head', '--config', config], { cwd: SNAPSHOTS, env: {}, stdout: () => {}, logger });
		expect(code).toBe(2);
		expect(logger.lines[0]!.message).toContain('**diff.thresholds.val_loss**: Set maxWorsening, maxWorseningPct, or both.');
	});

	it('rejects a threshold on a metric whose direction is unknown, naming what to set', async () => {
		const config = join(work, 'unjudged.json');
		writeFileSync(config, JSON.stringify({ diff: { thresholds: { learning_rate: { maxWorsening: 0.1 } } } }));
		const logger = memoryLogger();
		const code = await runDiffCli(['base', 'head', '--config', config], { cwd: SNAPSHOTS, env: {}, stdout: () => {}, logger });
		expect(code).toBe(2);
		expect(logger.lines[0]!.message).toContain(
			'**diff.thresholds.learning_rate**: whether lower or higher is better is unknown for "learning_rate"; set metrics.direction["learning_rate"] to "lower" or "higher".',
		);
	});
});

describe('parseDiffArgs', () => {
	it('reads the sides and the options in any order', () => {
		expect(parseDiffArgs(['--out', 's.md', 'main', 'content', '--json'])).toEqual({ base: 'main', head: 'content', json: 'diff.json', out: 's.md', config: undefined });
		expect(parseDiffArgs(['main', 'content', '--json=d.json'])).toMatchObject({ json: 'd.json' });
	});
	it('rejects unknown options and a missing file name', () => {
		expect(() => parseDiffArgs(['a', 'b', '--verbose'])).toThrow('Unknown option --verbose.');
		expect(() => parseDiffArgs(['a', 'b', '--out'])).toThrow('--out needs a file name.');
	});
});
