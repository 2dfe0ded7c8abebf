/**
 * `npm run test:e2e [-- <vitest args>]`: builds the example site with `npm run build` (or reuses
 * the built one when MLPAGES_E2E_REUSE_DIST=1), then runs the browser tests in test/e2e/ against
 * it with Vitest, driving Chromium (`/usr/bin/chromium`, or MLPAGES_CHROMIUM) with playwright-core.
 * MLPAGES_E2E_DIST names the built site (default examples/site/dist/). Exit status: that of the
 * build or tests.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = process.cwd();
const dist = resolve(process.env['MLPAGES_E2E_DIST'] || 'examples/site/dist');
const chromium = process.env['MLPAGES_CHROMIUM'] || '/usr/bin/chromium';

function run(command: string, args: string[]): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', MLPAGES_E2E_DIST: dist } });
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

if (!existsSync(chromium)) {
	console.error(`Chromium is not at ${chromium}. Install it (Debian: apt-get install chromium) or set MLPAGES_CHROMIUM.`);
	process.exit(2);
}
if (process.env['MLPAGES_E2E_REUSE_DIST'] === '1' && existsSync(join(dist, 'index.html'))) {
	console.log(`Reusing the site built in ${dist}/ (MLPAGES_E2E_REUSE_DIST=1).`);
} else {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const compiled = await run(npm, ['run', 'build:package']);
	if (compiled !== 0) process.exit(compiled);
	const status = await run(process.execPath, [join(root, 'bin', 'mlpages.js'), 'build', '--root', 'examples/site', '--', '--outDir', dist]);
	if (status !== 0) process.exit(status);
}
process.exitCode = await run(process.execPath, [
	join(root, 'node_modules', 'vitest', 'vitest.mjs'),
	'run',
	'--config',
	'test/e2e/vitest.config.ts',
	...process.argv.slice(2),
]);
