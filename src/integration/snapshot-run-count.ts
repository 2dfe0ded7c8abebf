import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The number of runs in the snapshot at `contentDir`, from its manifest's `counts.runs`; 0 when
 * there is no readable manifest yet (a new project builds its empty site).
 */
export function snapshotRunCount(contentDir: string): number {
	try {
		const manifest = JSON.parse(readFileSync(join(contentDir, 'manifest.json'), 'utf8')) as { counts?: { runs?: unknown } };
		const runs = manifest.counts?.runs;
		return typeof runs === 'number' && Number.isInteger(runs) && runs >= 0 ? runs : 0;
	} catch {
		return 0;
	}
}
