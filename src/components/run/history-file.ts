import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainRunId } from '../../lib/is-plain-run-id.ts';

/** The snapshot file of a run's full history (`<contentDir>/histories/<id>.json`), or null when there is none. */
export function historyFile(contentDir: string, runId: string): string | null {
	if (!isPlainRunId(runId)) return null;
	const file = join(contentDir, 'histories', `${runId}.json`);
	return existsSync(file) ? file : null;
}
