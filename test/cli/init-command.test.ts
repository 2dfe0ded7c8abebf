import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InitTargetNotEmpty } from '../../src/errors.ts';
import { CONTENT_CONFIG_SOURCE } from '../../src/integration/content-config-file.ts';
import { main, type MainEffects } from '../../src/cli/main.ts';
import { packageName } from '../../src/cli/init-command.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { ROOT } from '../support/example-site.ts';

const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; peerDependencies: { astro: string }; engines: { node: string } };

function init(args: string[], cwd = tempDir('mlpages-init-')) {
	const logger = memoryLogger();
	const fx = { logger, diffLogger: logger, env: {}, cwd, now: () => 0, stdout: () => {}, astroBuild: async () => 0 } satisfies MainEffects;
	return main(['init', ...args], fx).then((code) => ({ code, cwd, text: logger.lines.map((l) => l.message).join('\n') }));
}

const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)).map((f) => `${n}/${f}`) : [n])).sort();

describe('mlpages init', () => {
	it("writes an analysis repository with Astro's layout, dotfiles included, and none of mlpages' pages", async () => {
		const { code, cwd, text } = await init(['my-analysis']);
		expect(code).toBe(0);
		const dir = join(cwd, 'my-analysis');
		expect(files(dir)).toEqual([
			'.github/workflows/pages.yml',
			'.gitignore',
			'.gitlab-ci.yml',
			'README.md',
			'astro.config.mjs',
			'content/README.md',
			'mlpages.config.mjs',
			'package.json',
			'public/favicon.svg',
			'src/content.config.ts',
			'tsconfig.json',
		]);
		expect(existsSync(join(dir, 'src/pages'))).toBe(false);
		expect(readFileSync(join(dir, 'src/content.config.ts'), 'utf8')).toBe(CONTENT_CONFIG_SOURCE);
		expect(readFileSync(join(dir, 'astro.config.mjs'), 'utf8')).toContain('integrations: [mlpages(config)]');
		expect(text).toContain('Wrote a new mlpages site to my-analysis/ (11 files).');
		expect(text).toContain('MLFLOW_TRACKING_URI=<your mlruns/, mlflow.db or server> npm run build');
	});

	it('depends on this version of mlpages and on the astro it is a plugin of, with the scripts users run', async () => {
		const { cwd } = await init(['Team Models!']);
		const pkg = JSON.parse(readFileSync(join(cwd, 'Team Models!', 'package.json'), 'utf8'));
		expect(pkg).toMatchObject({
			name: 'team-models',
			private: true,
			type: 'module',
			dependencies: { mlpages: `^${own.version}`, astro: own.peerDependencies.astro },
			engines: { node: own.engines.node },
		});
		expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['build', 'dev', 'export', 'diff', 'check']));
		expect(pkg.scripts.build).toBe('mlpages build');
	});

	it('writes a configuration that validates, with --source and --title filled in as JavaScript strings', async () => {
		const title = `O'Brien's "models" </script>`;
		const { cwd } = await init(['site', '--source', '../mlruns', '--title', title]);
		const config = (await import(pathToFileURL(join(cwd, 'site', 'mlpages.config.mjs')).href)).default;
		expect(MlpagesConfigSchema.parse(config)).toMatchObject({ title, source: '../mlruns' });
		expect(readFileSync(join(cwd, 'site', 'README.md'), 'utf8').split('\n')[0]).toBe(`# O'Brien's "models" \\</script\\>`);
	});

	it('leaves the source commented out without --source, and the configuration still validates', async () => {
		const { cwd, text } = await init(['.']);
		const source = readFileSync(join(cwd, 'mlpages.config.mjs'), 'utf8');
		expect(source).toMatch(/^\t\/\/ source: '\.\/mlruns',$/m);
		expect(MlpagesConfigSchema.parse((await import(pathToFileURL(join(cwd, 'mlpages.config.mjs')).href)).default).source).toBeUndefined();
		expect(text).not.toContain('  cd ');
	});

	it('never overwrites: when one of its files exists, it writes nothing and says which', async () => {
		const cwd = tempDir('mlpages-init-');
		mkdirSync(join(cwd, 'site'));
		writeFileSync(join(cwd, 'site', 'README.md'), 'mine');
		const { code, text } = await init(['site'], cwd);
		expect(code).toBe(1);
		expect(text).toContain(InitTargetNotEmpty.message('site', 'README.md'));
		expect(files(join(cwd, 'site'))).toEqual(['README.md']);
		expect(readFileSync(join(cwd, 'site', 'README.md'), 'utf8')).toBe('mine');
	});

	it('rejects a second folder and unknown options as wrong usage', async () => {
		expect((await init(['a', 'b'])).code).toBe(2);
		const typo = await init(['a', '--sorce', 'x']);
		expect(typo.code).toBe(2);
		expect(typo.text).toContain('Did you mean --source?');
	});

	it('makes npm package names from any folder name', () => {
		expect(packageName('My Analysis')).toBe('my-analysis');
		expect(packageName('.hidden')).toBe('hidden');
		expect(packageName('___')).toBe('mlpages-site');
	});
});
