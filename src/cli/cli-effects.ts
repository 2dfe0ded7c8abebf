import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { consoleLogger } from '../lib/logger.ts';
import { createProgress } from '../lib/progress.ts';
import { AstroMissing, exportError } from '../errors.ts';
import type { MainEffects } from './main.ts';

/**
 * The real effects of the `mlpages` command (bin/mlpages.js): terminal logger and progress, the
 * process environment, the wall clock, stdout, and `astro build` run from the project's own
 * `astro` package in a child process. Tests pass their own.
 */
export function cliEffects(cwd: string): MainEffects {
	return {
		logger: consoleLogger(),
		// The diff prints Markdown on stdout, so its progress goes to stderr.
		diffLogger: consoleLogger(process.stderr, process.stderr),
		progress: createProgress(),
		env: process.env,
		cwd,
		now: () => performance.now(),
		stdout: (text) => void process.stdout.write(text),
		astroBuild: (root, args, nodeOptions, env = {}) =>
			new Promise((resolve, reject) => {
				const child = spawn(process.execPath, [astroBin(root), 'build', ...args], {
					cwd: root,
					stdio: 'inherit',
					env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions },
				});
				child.on('error', reject);
				child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
			}),
	};
}

/**
 * The `astro` command of the project at `root`: the one its package.json depends on, as
 * `npx astro` would find it.
 * @throws ExportError AstroMissing when the project has no astro installed
 */
export function astroBin(root: string): string {
	try {
		const pkg = createRequire(join(root, 'package.json')).resolve('astro/package.json');
		return join(dirname(pkg), 'bin', 'astro.mjs');
	} catch {
		throw exportError(AstroMissing, root);
	}
}
