/**
 * `npm run export -- <source> [--out <dir>]`: exports MLflow data into the content folder.
 * Exit status: 0 done, 1 failed, 2 wrong usage.
 */
import { consoleLogger } from '../src/lib/logger.ts';
import { createProgress } from '../src/lib/progress.ts';
import { runExportCommand } from '../src/export/export-command.ts';
import { loadMlpagesConfig } from '../src/export/load-config.ts';

const root = process.cwd();
process.exitCode = await runExportCommand(process.argv.slice(2), {
	logger: consoleLogger(),
	progress: createProgress(),
	env: process.env,
	cwd: root,
	now: () => performance.now(),
	loadConfig: () => loadMlpagesConfig(root),
});
