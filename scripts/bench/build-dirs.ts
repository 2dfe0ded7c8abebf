/**
 * Folders the benchmark builds from, so that neither build touches the project's caches:
 * - a private working directory for `astro build --root <project>`, whose `node_modules/` holds a
 *   symlink per package of the project's `node_modules/` except `.cache` and `.astro`, so that
 *   nothing the build caches lands in the project (the chart SVGs go to `MLPAGES_CACHE_DIR`,
 *   which the benchmark sets, and are counted there);
 * - the bare Astro project of ../shared/reference/performance.md §1.3: one `[id].astro` page
 *   whose getStaticPaths returns N ids, about 100 bytes of HTML per page.
 */
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';


/** Creates (or empties) `dir` with a `node_modules/` of symlinks into `projectRoot/node_modules`. */
export function privateBuildCwd(dir: string, projectRoot: string): void {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'node_modules'), { recursive: true });
	for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
		if (name === '.cache' || name === '.astro') continue;
		symlinkSync(join(projectRoot, 'node_modules', name), join(dir, 'node_modules', name));
	}
}

/**
 * Chart SVGs in the cache of a build run with `MLPAGES_CACHE_DIR=<cacheDir>`: src/charts/render-svg.ts
 * keeps them in `<cacheDir>/charts` (src/lib/cache-dir.ts).
 */
export function cachedCharts(cacheDir: string): number {
	try {
		return readdirSync(join(cacheDir, 'charts')).filter((f) => f.endsWith('.svg')).length;
	} catch {
		return 0;
	}
}

/**
 * Writes the bare project for `pages` pages into `dir` (replacing it); its node_modules is a
 * symlink to the project's and its Astro cache stays inside `dir`.
 */
export function writeBareProject(dir: string, projectRoot: string, pages: number): void {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'src', 'pages', 'runs'), { recursive: true });
	symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
	writeFileSync(join(dir, 'package.json'), '{ "name": "bench-bare", "private": true, "type": "module" }\n');
	writeFileSync(
		join(dir, 'astro.config.mjs'),
		`export default { cacheDir: './.bench-cache', build: { format: 'directory' }, trailingSlash: 'always' };\n`,
	);
	writeFileSync(
		join(dir, 'src', 'pages', 'runs', '[id].astro'),
		`---
export function getStaticPaths() {
	return Array.from({ length: ${pages} }, (_, i) => ({ params: { id: 'r' + String(i).padStart(6, '0') } }));
}
const { id } = Astro.params;
---
<html lang="en"><head><meta charset="utf-8" /><title>Run {id}</title></head><body><h1>Run {id}</h1></body></html>
`,
	);
}
