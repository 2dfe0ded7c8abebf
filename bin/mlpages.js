#!/usr/bin/env node
// The mlpages command. The Node version is checked against package.json's `engines` before
// anything else is loaded, so that an older Node prints one line saying what to install instead
// of a syntax or API error from deep inside a dependency.
import { readFileSync } from 'node:fs';
import module from 'node:module';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const need = /(\d+)\.(\d+)/.exec(engines.node).slice(1).map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < need[0] || (major === need[0] && minor < need[1])) {
	console.error(`mlpages needs Node.js ${need.join('.')} or newer (this is Node.js ${process.versions.node}): install the current LTS from https://nodejs.org and run it again.`);
	process.exit(1);
}
// Node 22 calls node:sqlite experimental on every run; mlpages relies on its API as of 22.16
// (package.json `engines`), so that one warning is left out. Every other warning is printed.
const printers = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
	if (warning.name === 'ExperimentalWarning' && /SQLite/.test(warning.message)) return;
	for (const print of printers) print(warning);
});
// V8's code cache in the OS temp folder makes every start after the first faster.
if (module.enableCompileCache) module.enableCompileCache();
const { main } = await import('../lib/cli/main.js');
const { cliEffects } = await import('../lib/cli/cli-effects.js');
process.exitCode = await main(process.argv.slice(2), cliEffects(process.cwd()));
