import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The names Astro looks for, in its order (astro/dist/content/utils.js, `searchConfig`). */
const NAMES = ['content.config.mjs', 'content.config.js', 'content.config.mts', 'content.config.ts'];

/**
 * The project's content config in `srcDir`, or null. Astro reads collections only from that
 * file, so an mlpages project keeps a one-line `src/content.config.ts` that re-exports
 * `collections` from `mlpages/collections` (as Starlight projects do with `docsLoader()`).
 */
export function contentConfigFile(srcDir: string): string | null {
	for (const name of NAMES) {
		const file = join(srcDir, name);
		if (existsSync(file)) return file;
	}
	return null;
}

/** What `mlpages init` writes as `src/content.config.ts`. */
export const CONTENT_CONFIG_SOURCE = `// Astro reads content collections from this file; these are mlpages' own (the exported snapshot
// in content/, model cards and reports). To add collections of yours, take mlpages' under a name:
//   import { collections as mlpages } from 'mlpages/collections';
//   export const collections = { ...mlpages, notes: defineCollection({ ... }) };
export { collections } from 'mlpages/collections';
`;
