import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (relative path → bytes as text), sorted. */
export function readTree(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (rel: string) => {
		for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const child = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) walk(child);
			else out[child] = readFileSync(join(dir, child), 'latin1');
		}
	};
	walk('');
	return out;
}

/** Every file under `dir` (relative path → inode and mtime), to prove files were not rewritten. */
export function statTree(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const rel of Object.keys(readTree(dir))) {
		const s = statSync(join(dir, rel));
		out[rel] = `${s.ino}:${s.mtimeMs}`;
	}
	return out;
}
