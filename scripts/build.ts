/**
 * `npm run build [-- <astro build args>]`: export from MLFLOW_TRACKING_URI, the configured
 * `source` or the bundled example store, then `astro build`. Exit status: 0, 1 failed, 2 usage.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runBuildCommand } from '../src/export/build-command.ts';
import { loadMlpagesConfig } from '../src/export/load-config.ts';
import { consoleLogger } from '../src/lib/logger.ts';
import { createProgress } from '../src/lib/progress.ts';

const root = process.cwd();
process.exitCode = await runBuildCommand(process.argv.slice(2), {
	logger: consoleLogger(),
	progress: createProgress(),
	env: process.env,
	cwd: root,
	now: () => performance.now(),
	loadConfig: () => loadMlpagesConfig(root),
	astroBuild: (args) =>
		new Promise((resolve, reject) => {
			const child = spawn(join(root, 'node_modules', '.bin', 'astro'), ['build', ...args], { stdio: 'inherit' });
			child.on('error', reject);
			child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		}),
});
