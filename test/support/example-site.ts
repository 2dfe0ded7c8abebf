import { join, resolve } from 'node:path';

/** The repository's root: the mlpages package. */
export const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The example site: a project set up as `mlpages init` sets one up, whose astro.config.mjs
 * imports the package by name (`mlpages`, compiled to lib/ by `npm run build:package`, which
 * `npm test` runs first). Test builds run `astro build` in it.
 */
export const EXAMPLE_SITE = join(ROOT, 'examples/site');
/** The `astro` command of the repository's own dependencies. */
export const ASTRO_BIN = join(ROOT, 'node_modules/astro/bin/astro.mjs');
