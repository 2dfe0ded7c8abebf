import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in `node_modules/<name>/package.json` nearest above `from`; null when not installed there. */
export function installedVersion(name: string, from: string): string | null {
	for (let dir = from; ; dir = dirname(dir)) {
		try {
			return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
		} catch {
			// not here: look one folder up
		}
		if (dirname(dir) === dir) return null;
	}
}
