/**
 * `npm run diff -- <base> <head> [--json [<file>]] [--out <file.md>] [--config <file>]`
 * Compares two snapshots (folders or git refs) and prints a Markdown summary for a merge-request
 * comment. Exit status: 0, 1 when a tracked metric got worse than its threshold, 2 on wrong usage.
 */
import './compile-cache.ts';

const { consoleLogger } = await import('../src/lib/logger.ts');
const { runDiffCli } = await import('../src/diff/run-diff-cli.ts');

// stdout carries only the Markdown, so `npm run diff -- main content > summary.md` works.
const logger = consoleLogger(process.stderr, process.stderr);
process.exitCode = await runDiffCli(process.argv.slice(2), {
	cwd: process.cwd(),
	env: process.env,
	stdout: (text) => process.stdout.write(text),
	logger,
});
