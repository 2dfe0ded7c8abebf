import { existsSync } from 'node:fs';
import { CORPUS, FIXTURES } from './helpers/shared-fixtures.ts';

/**
 * Stops `npm run test:corpus` before it collects a test when the corpus is not there, with one
 * message saying where it was looked for, so that a missing corpus fails the command instead of
 * skipping its tests. Called when the corpus's Vitest config loads.
 * @throws Error when `<corpus>/mlflow` does not exist
 */
export function requireCorpus(): void {
	if (existsSync(FIXTURES)) return;
	throw new Error(
		[
			`The real-store corpus is missing: ${FIXTURES} does not exist.`,
			`npm run test:corpus reads other people's MLflow stores in place from ../shared/fixtures beside the repository (or the folder MLPAGES_CORPUS_DIR names, here ${CORPUS}); they are never copied into it.`,
			'Put the corpus there, or run npm test, which needs nothing beside the repository.',
		].join('\n'),
	);
}
