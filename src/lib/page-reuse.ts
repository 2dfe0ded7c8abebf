import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainRunId } from './is-plain-run-id.ts';

/**
 * The page cache as a route's `getStaticPaths()` sees it: which of its pages a build takes from
 * the cache instead of rendering (src/integration/page-cache.ts does the rest after the build).
 *
 * The integration and the routes run in one process but are loaded twice (the integration by
 * Node from astro.config.mjs, the routes from Vite's bundle), so they share this plan through
 * `globalThis` under a registered symbol, not through a module variable. Without a plan (`astro
 * dev`, `astro sync`, a build whose integration did not set one up) every page renders.
 */

/**
 * Set (to anything) by `mlpages build --full` for `astro build`: every page renders, the cache is
 * emptied first and filled again.
 */
export const FULL_BUILD_ENV = 'MLPAGES_FULL_BUILD';

const PLAN = Symbol.for('mlpages.pageReusePlan');

/** One build's page cache. */
export interface PageReusePlan {
	/** The folder of cached pages (`<cache>/pages/`). */
	dir: string;
	/**
	 * Hash of everything outside the snapshot that shapes a page: mlpages' and Astro's versions,
	 * the package's source, the project's configuration. Part of every page key.
	 */
	fingerprint: string;
	/** False for `mlpages build --full`: every page renders, and is stored for the next build. */
	reuse: boolean;
	/** Pages this build takes from the cache: page id (a run id) → key. */
	reused: Map<string, string>;
	/** Pages this build renders: page id → key, stored in the cache after the build. */
	rendered: Map<string, string>;
	/**
	 * Where a page that is not a run page is in the built site (page id → path under the output
	 * folder, `/`-separated: `experiments/<slug>/index.html`). A run page's is
	 * `runs/<id>/index.html`, its id the run id.
	 */
	paths: Map<string, string>;
}

type WithPlan = typeof globalThis & { [PLAN]?: PageReusePlan | null };

/** The plan of the build in progress; null outside a build. */
export function pageReusePlan(): PageReusePlan | null {
	return (globalThis as WithPlan)[PLAN] ?? null;
}

/** Sets (or, with null, ends) the plan of the build in progress. */
export function setPageReusePlan(plan: PageReusePlan | null): void {
	(globalThis as WithPlan)[PLAN] = plan;
}

/**
 * The cached HTML of page `id` under `key`. The id comes first so that a build can drop the
 * older versions of its own pages; ids are plain run ids (isPlainRunId), safe in a file name.
 */
export const cachedPageFile = (dir: string, id: string, key: string) => join(dir, `${id}.${key}.html`);

/**
 * The part of a route's paths this build renders: those whose page has no cached copy under its
 * current key. The others are recorded in the plan and copied from the cache after the build;
 * every path's key is recorded, so rendered pages can be stored. Without a plan, `paths` as they are.
 * @param id the page's id: a run id, or another id that is a plain file name (experiment-page-key.ts)
 * @param key the hash of everything the page shows (see run-page-key.ts); the plan's fingerprint is added here
 * @param outPath where the page is in the built site, for a page that is not a run page
 */
export async function reusablePaths<T>(paths: T[], id: (path: T) => string, key: (path: T, fingerprint: string) => Promise<string>, outPath?: (path: T) => string): Promise<T[]> {
	const plan = pageReusePlan();
	if (!plan) return paths;
	const render: T[] = [];
	for (const path of paths) {
		const pageId = id(path);
		// An id that cannot be a file name is rendered every time (none the exporter writes).
		if (!isPlainRunId(pageId)) {
			render.push(path);
			continue;
		}
		if (outPath) plan.paths.set(pageId, outPath(path));
		const pageKey = await key(path, plan.fingerprint);
		if (plan.reuse && existsSync(cachedPageFile(plan.dir, pageId, pageKey))) {
			plan.reused.set(pageId, pageKey);
		} else {
			plan.rendered.set(pageId, pageKey);
			render.push(path);
		}
	}
	return render;
}
