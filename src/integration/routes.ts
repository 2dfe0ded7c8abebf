import { fileURLToPath } from 'node:url';

/**
 * Every page and file route of an mlpages site, as files under `src/routes/` of the package. The
 * integration injects them (`injectRoute`), so a project has no `src/pages/` of its own and a
 * new version of mlpages brings its pages with it. Patterns follow Astro's file-based routing:
 * `index` is dropped and the extension is removed (`og.png.ts` serves `og.png`).
 */
export const ROUTE_FILES = [
	'index.astro',
	'404.astro',
	'changes/index.astro',
	'changes/charts/[chart].png.ts',
	'compare/index.astro',
	'compare/runs.json.ts',
	'experiments/[slug].astro',
	'experiments/[slug]/runs.json.ts',
	'experiments/[slug]/og.png.ts',
	'models/index.astro',
	'models/[slug]/index.astro',
	'models/[slug]/@[alias].astro',
	'models/[slug]/[version].astro',
	'models/[slug]/timeline.astro',
	'models/[slug]/[version]/README.md.ts',
	'models/[slug]/[version]/model-card.json.ts',
	'models/[slug]/[version]/og.png.ts',
	'models/[slug]/[version]/images/[...image].webp.ts',
	'reports/index.astro',
	'reports/[...slug].astro',
	'reports/[...slug]/og.png.ts',
	'runs/[id].astro',
	'runs/_/index.astro',
	'runs/_data/[shard].json.ts',
	'runs/[id]/artifacts/[...path].ts',
	'runs/[id]/thumbs/[...path].ts',
	'search/index.astro',
	'favicon.svg.ts',
] as const;

/**
 * The routes whose pages a sharded build splits by run or model version (`shardPaths` with a key,
 * src/lib/shard.ts): run pages with their artifacts and thumbnails, model cards with their
 * downloads. Every other route's pages are shared, built by shard 1 alone.
 */
export const SHARDED_ROUTE_FILES: ReadonlySet<(typeof ROUTE_FILES)[number]> = new Set([
	'runs/[id].astro',
	'runs/_data/[shard].json.ts',
	'runs/[id]/artifacts/[...path].ts',
	'runs/[id]/thumbs/[...path].ts',
	'models/[slug]/[version].astro',
	'models/[slug]/[version]/README.md.ts',
	'models/[slug]/[version]/model-card.json.ts',
	'models/[slug]/[version]/og.png.ts',
	'models/[slug]/[version]/images/[...image].webp.ts',
]);

/**
 * The routes of a site whose run pages are a shell (`runPages: 'shell'`, see run-data-shard.ts):
 * the shell page and the data shards. A build with static run pages does not inject them.
 */
export const SHELL_ROUTE_FILES: ReadonlySet<(typeof ROUTE_FILES)[number]> = new Set(['runs/_/index.astro', 'runs/_data/[shard].json.ts']);

/** The URL pattern Astro would give `file` under `src/pages/`, e.g. `/runs/[id]/thumbs/[...path]`. */
export function routePattern(file: string): string {
	const path = file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
	return `/${path}`;
}

/** The routes to inject: pattern and the absolute path of the file that renders it. */
export function mlpagesRoutes(runPages: 'static' | 'shell' = 'static'): { pattern: string; entrypoint: string }[] {
	return ROUTE_FILES.filter((file) => runPages === 'shell' || !SHELL_ROUTE_FILES.has(file)).map((file) => ({
		pattern: routePattern(file),
		entrypoint: fileURLToPath(new URL(`../../src/routes/${file}`, import.meta.url)),
	}));
}
