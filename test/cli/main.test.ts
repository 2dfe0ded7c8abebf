import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { main, splitGlobals, type MainEffects } from '../../src/cli/main.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { ROOT } from '../support/example-site.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';

function effects(cwd = tempDir('mlpages-main-')) {
	const logger = memoryLogger();
	let out = '';
	const fx: MainEffects = {
		logger,
		diffLogger: logger,
		env: {},
		cwd,
		now: () => 0,
		stdout: (text) => void (out += text),
		loadConfigAt: async () => MlpagesConfigSchema.parse({}),
		astroBuild: async () => 0,
	};
	return { fx, stdout: () => out, stderr: () => logger.lines.map((l) => l.message).join('\n') };
}

describe('mlpages', () => {
	it('prints one help text listing every command, made from the command table', async () => {
		const { fx, stdout } = effects();
		expect(await main(['--help'], fx)).toBe(0);
		for (const c of COMMANDS) expect(stdout()).toMatch(new RegExp(`^  ${c.name} +${c.summary}$`, 'm'));
	});

	it("prints each command's options, with its own and the global ones", async () => {
		for (const c of COMMANDS) {
			const { fx, stdout } = effects();
			expect(await main([c.name, '--help'], fx)).toBe(0);
			for (const option of [...Object.keys(c.options), 'root', 'debug']) expect(stdout(), `${c.name} --${option}`).toContain(`--${option}`);
		}
	});

	it('exits 2 with the usage when no command is given', async () => {
		const { fx, stdout } = effects();
		expect(await main([], fx)).toBe(2);
		expect(stdout()).toContain('Usage: mlpages <command> [options]');
	});

	it('suggests the command meant, with exit status 2', async () => {
		const { fx, stderr } = effects();
		expect(await main(['biuld'], fx)).toBe(2);
		expect(stderr()).toContain('There is no command "biuld"; did you mean "build"?');
	});

	it('reports an unexpected failure as a bug, with the stack only under --debug', async () => {
		const broken = (debug: boolean) => {
			const { fx, stderr } = effects();
			fx.astroBuild = async () => {
				throw new Error('disk on fire');
			};
			return main(['build', '--no-export', ...(debug ? ['--debug'] : [])], fx).then((code) => ({ code, text: stderr() }));
		};
		const plain = await broken(false);
		expect(plain.code).toBe(1);
		expect(plain.text).toContain('mlpages stopped on an unexpected error: disk on fire');
		expect(plain.text).toContain('Run the command again with --debug');
		expect(plain.text).not.toMatch(/\n\s+at /);
		const debug = await broken(true);
		expect(debug.text).toMatch(/Error: disk on fire\n\s+at /);
	});

	it('builds one shard with --shard i/n: astro build gets MLPAGES_SHARD and the options after --', async () => {
		const { fx, stderr } = effects();
		const calls: Array<{ args: readonly string[]; env: Record<string, string> | undefined }> = [];
		fx.astroBuild = async (_cwd, args, _node, env) => {
			calls.push({ args, env });
			return 0;
		};
		expect(await main(['build', '--no-export', '--shard', '2/4', '--', '--outDir', 'shards/2'], fx)).toBe(0);
		expect(calls).toEqual([{ args: ['--outDir', 'shards/2'], env: { MLPAGES_SHARD: '2/4' } }]);
		expect(await main(['build', '--no-export', '--shard', '5/4'], fx)).toBe(2);
		expect(stderr()).toContain('--shard 5/4: Shard 5/4 does not exist: shards are numbered 1 to 4.');
		expect(calls).toHaveLength(1);
	});

	it('renders every page with --full: astro build gets MLPAGES_FULL_BUILD, a plain build does not', async () => {
		const { fx } = effects();
		const envs: Array<Record<string, string> | undefined> = [];
		fx.astroBuild = async (_cwd, _args, _node, env) => {
			envs.push(env);
			return 0;
		};
		expect(await main(['build', '--no-export', '--full'], fx)).toBe(0);
		expect(await main(['build', '--no-export'], fx)).toBe(0);
		expect(envs).toEqual([{ MLPAGES_FULL_BUILD: '1' }, {}]);
	});

	it('takes --root and the global flags anywhere before --', () => {
		expect(splitGlobals(['--root', 'site', 'build', '--debug', '--full', '--', '--verbose'])).toMatchObject({
			command: 'build',
			root: 'site',
			debug: true,
			rest: ['--full', '--', '--verbose'],
		});
	});
});

describe('bin/mlpages.js', () => {
	const run = (args: string[], nodeOptions = '') =>
		promisify(execFile)(process.execPath, [join(ROOT, 'bin/mlpages.js'), ...args], { env: { ...process.env, NODE_OPTIONS: nodeOptions } }).then(
			(r) => ({ code: 0, ...r }),
			(e: { code: number; stdout: string; stderr: string }) => e,
		);

	it('prints the version of the package', async () => {
		const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
		expect((await run(['--version'])).stdout.trim()).toBe(version);
	});

	it('says in one line which Node it needs on an older Node, before loading anything', async () => {
		// Pretend to be Node 20, as Debian's own package is: the check reads process.versions.node.
		const old = `--import=data:text/javascript,Object.defineProperty(process.versions,'node',{value:'20.19.2'})`;
		const r = await run(['build'], old);
		expect(r.code).toBe(1);
		expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mlpages needs Node\.js 22\.\d+ or newer \(this is Node\.js 20\.19\.2\): install the current LTS/)]);
	});
});
