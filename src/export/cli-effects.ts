import { consoleLogger } from '../lib/logger.ts';
import { createProgress } from '../lib/progress.ts';
import { loadMlpagesConfig } from './load-config.ts';

/**
 * The real effects of the command-line entry points (`scripts/export.ts`, `scripts/build.ts`):
 * terminal logger and progress, the process environment, the wall clock, and the mlpages
 * configuration of the project at `root`. Tests pass their own instead.
 */
export function cliEffects(root: string) {
	return {
		logger: consoleLogger(),
		progress: createProgress(),
		env: process.env,
		cwd: root,
		now: () => performance.now(),
		loadConfig: () => loadMlpagesConfig(root),
	};
}
