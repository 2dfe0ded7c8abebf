import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The snapshot file of a run's full history (`<contentDir>/histories/<id>.json`), or null when there is none. */
export function historyFile(contentDir: string, runId: string): string | null {
	if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(runId)) return null;
	const file = join(contentDir, 'histories', `${runId}.json`);
	return existsSync(file) ? file : null;
}
