import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SourceMissing, SourceNotMlflow, UsageError } from '../../src/errors.ts';
import { snapshotWithoutSeries } from '../../src/messages.ts';
import { buildSource, runBuildCommand } from '../../src/cli/build-command.ts';
import { runExportCommand, type CommandEffects } from '../../src/cli/export-command.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { writeQuirksStore } from '../support/write-quirks-store.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The quirks store as MLflow 2.20 wrote it: 6 runs to export, 2 deleted, a registry. */
const STORE = writeQuirksStore({ sqlite: '0584bdc529eb' }).path;

function effects(cwd: string, env: Record<string, string> = {}) {
	const logger = memoryLogger();
	const fx: CommandEffects = { logger, env, cwd, now: () => 0, loadConfig: async () => MlpagesConfigSchema.parse({}) };
	const text = () => logger.lines.map((l) => l.message).join('\n');
	return { fx, logger, text };
}

describe('runExportCommand', () => {
	it('exports a source into --out and prints a summary', async () => {
		const cwd = tempDir('mlpages-cli-');
		const { fx, text } = effects(cwd);
		expect(await runExportCommand([STORE, '--out', 'site-content'], fx)).toBe(0);
		expect(readdirSync(join(cwd, 'site-content'))).toContain('manifest.json');
		expect(text()).toContain('Exported 3 experiments, 6 runs, 1,017 metric points in 8 series, 1 registered model with 3 versions, 0 logged models, 2 datasets to site-content/');
		expect(text()).toContain('Left out: 1 experiment (deleted), 1 modelVersion (deleted), 1 registeredModel (prompt), 2 run (deleted).');
	});

	it('falls back to MLFLOW_TRACKING_URI and to content/', async () => {
		const cwd = tempDir('mlpages-cli-');
		const { fx } = effects(cwd, { MLFLOW_TRACKING_URI: `sqlite:///${STORE}` });
		expect(await runExportCommand([], fx)).toBe(0);
		expect(readdirSync(join(cwd, 'content'))).toContain('manifest.json');
	});

	it('exits 2 on wrong usage with the catalogued title and hint', async () => {
		for (const argv of [['--bogus'], [], ['a.db', 'b.db'], ['--out']]) {
			const { fx, logger } = effects(tmpdir());
			expect(await runExportCommand(argv, fx)).toBe(2);
			expect(logger.lines[0]).toEqual({ level: 'error', message: `${UsageError.title} (${UsageError.name})` });
			expect(logger.lines.at(-1)!.message).toBe(`Hint: ${UsageError.hint}`);
		}
	});

	it('exits 1 naming the path when the source is missing or not MLflow', async () => {
		const cwd = tempDir('mlpages-cli-');
		writeFileSync(join(cwd, 'notes.db'), 'not a database at all, just notes');
		let { fx, text } = effects(cwd);
		expect(await runExportCommand(['missing.db'], fx)).toBe(1);
		expect(text()).toContain(SourceMissing.message('missing.db'));
		({ fx, text } = effects(cwd));
		expect(await runExportCommand(['notes.db'], fx)).toBe(1);
		expect(text()).toContain(SourceNotMlflow.message('notes.db', 'the file is not a SQLite database'));
	});
});

describe('mlpages export as a child process', () => {
	const node = (args: string[], cwd = ROOT) =>
		promisify(execFile)(process.execPath, [join(ROOT, 'bin/mlpages.js'), 'export', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', MLFLOW_TRACKING_URI: '' } }).then(
			({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
			(e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
		);

	it('exits 1 with the catalogued message naming a missing path', async () => {
		const r = await node(['does/not/exist.db']);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(SourceMissing.title);
		expect(r.stderr).toContain(SourceMissing.message('does/not/exist.db'));
		expect(r.stderr).toContain(SourceMissing.hint);
	});

	it('exits 1 for a file that is not an MLflow store, and 2 for an unknown flag', async () => {
		expect((await node(['package.json'])).stderr).toContain(SourceNotMlflow.message('package.json', 'the file is not a SQLite database'));
		expect((await node(['package.json'])).code).toBe(1);
		const usage = await node(['--frobnicate']);
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain(UsageError.title);
	});

	it('exits 0 after exporting a store', async () => {
		const out = join(tempDir('mlpages-cli-'), 'content');
		const r = await node([STORE, '--out', out]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('6 runs');
		expect(readdirSync(out)).toContain('manifest.json');
	});
});

describe('mlpages build', () => {
	it('exports from MLFLOW_TRACKING_URI, else the configured sources or source, else from nothing', () => {
		const config = MlpagesConfigSchema.parse({ source: 'mlruns' });
		expect(buildSource({ MLFLOW_TRACKING_URI: 'http://x' }, config)).toBe('http://x');
		expect(buildSource({}, config)).toBe('mlruns');
		expect(buildSource({}, MlpagesConfigSchema.parse({}))).toBeNull();
	});

	it('exports into the content folder, then runs astro build in the project with the arguments after --', async () => {
		const cwd = tempDir('mlpages-build-');
		const { fx } = effects(cwd, { MLFLOW_TRACKING_URI: STORE });
		const calls: Array<[string, string[]]> = [];
		const options: string[] = [];
		const astroBuild = async (root: string, args: readonly string[], nodeOptions: string) => (calls.push([root, [...args]]), options.push(nodeOptions), 0);
		expect(await runBuildCommand(['--', '--verbose'], { ...fx, astroBuild })).toBe(0);
		expect(calls).toEqual([[cwd, ['--verbose']]]);
		// 6 runs: the smallest heap limit.
		expect(options).toEqual(['--max-old-space-size=1536']);
		expect(readdirSync(join(cwd, 'content'))).toContain('manifest.json');
		expect(await runBuildCommand([], { ...fx, astroBuild: async () => 3 })).toBe(1);
	});

	it('without a source, builds the snapshot as it is, or an empty site that says how to connect a store', async () => {
		const cwd = tempDir('mlpages-build-');
		const { fx, text } = effects(cwd);
		let built = 0;
		const astroBuild = async () => (built++, 0);
		expect(await runBuildCommand([], { ...fx, astroBuild })).toBe(0);
		expect(text()).toContain('No MLflow data yet: content/ holds no snapshot and no source is set.');
		mkdirSync(join(cwd, 'content'));
		writeFileSync(join(cwd, 'content', 'manifest.json'), '{}');
		expect(await runBuildCommand([], { ...fx, astroBuild })).toBe(0);
		expect(text()).toContain('Building the snapshot in content/ as it is (no source: set MLFLOW_TRACKING_URI');
		expect(built).toBe(2);
	});

	it('--no-export builds the committed snapshot even when a source is set', async () => {
		const cwd = tempDir('mlpages-build-');
		mkdirSync(join(cwd, 'content'));
		writeFileSync(join(cwd, 'content', 'manifest.json'), '{}');
		const { fx, text } = effects(cwd, { MLFLOW_TRACKING_URI: 'missing.db' });
		expect(await runBuildCommand(['--no-export'], { ...fx, astroBuild: async () => 0 })).toBe(0);
		expect(text()).toContain('Building the snapshot in content/ as it is.');
		expect(text()).not.toContain(snapshotWithoutSeries('content'));
		// A fresh clone of a project: the committed runs, no series (they are not committed).
		mkdirSync(join(cwd, 'content', 'runs'));
		writeFileSync(join(cwd, 'content', 'runs', 'r.json'), '{}');
		expect(await runBuildCommand(['--no-export'], { ...fx, astroBuild: async () => 0 })).toBe(0);
		expect(text()).toContain(snapshotWithoutSeries('content'));
	});

	it('rejects an unknown option with a suggestion and exit status 2', async () => {
		const { fx, text } = effects(tempDir('mlpages-build-'));
		expect(await runBuildCommand(['--ful'], { ...fx, astroBuild: async () => 0 })).toBe(2);
		expect(text()).toContain("Unknown option '--ful'");
		expect(text()).toContain('Did you mean --full?');
	});

	it('does not build when the export fails', async () => {
		const { fx } = effects(tempDir('mlpages-build-'), { MLFLOW_TRACKING_URI: 'missing.db' });
		let built = false;
		expect(await runBuildCommand([], { ...fx, astroBuild: async () => ((built = true), 0) })).toBe(1);
		expect(built).toBe(false);
	});
});
