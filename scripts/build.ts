/**
 * `npm run build [-- <astro build args>]`: export from MLFLOW_TRACKING_URI, the configured
 * `source` or the bundled example store, then `astro build`, then the secret scan of the built
 * site. Exit status: 0, 1 failed (or a secret found in the site), 2 usage.
 */
import './compile-cache.ts';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const { runBuildCommand } = await import('../src/export/build-command.ts');
const { cliEffects } = await import('../src/export/cli-effects.ts');
const { consoleLogger } = await import('../src/lib/logger.ts');
const { astroOutDir, runSecretScan } = await import('../src/security/run-secret-scan.ts');

const root = process.cwd();
process.exitCode = await runBuildCommand(process.argv.slice(2), {
	...cliEffects(root),
	astroBuild: (args, nodeOptions) =>
		new Promise((resolve, reject) => {
			const child = spawn(join(root, 'node_modules', '.bin', 'astro'), ['build', ...args], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } });
			child.on('error', reject);
			child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		}),
});

// A site holding the tracking token or anything that looks like a secret must not be published.
if (process.exitCode === 0) {
	const dist = resolve(root, astroOutDir(process.argv.slice(2)));
	process.exitCode = runSecretScan(dist, { env: process.env, logger: consoleLogger(), cwd: root });
}
