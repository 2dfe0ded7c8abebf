import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { exportError, SecretsInSite } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { describeHits, scanForSecrets } from './secret-scan.ts';

/**
 * The secret scan that ends every build: searches `dir` (the built site) for the tracking
 * credentials in `env` and for secret patterns, and prints the catalogued error naming each file
 * and rule (never the secret) when something is found.
 * @returns the exit status: 0 clean (or no site to scan), 1 secrets found
 */
export function runSecretScan(dir: string, fx: { env: Record<string, string | undefined>; logger: Logger; cwd: string }): number {
	if (!existsSync(dir)) return 0;
	const hits = scanForSecrets(dir, fx.env);
	const shown = relative(fx.cwd, dir) || '.';
	if (hits.length === 0) {
		fx.logger.info(`Secret scan: nothing found in ${shown}/.`);
		return 0;
	}
	const error = exportError(SecretsInSite, `${shown}/`, describeHits(hits).join('\n'));
	fx.logger.error(`${error.title} (${error.code})`);
	fx.logger.error(error.message);
	fx.logger.error(`Hint: ${error.hint}`);
	return error.exitCode;
}
