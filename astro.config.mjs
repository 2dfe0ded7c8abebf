// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import mlpagesConfig from './mlpages.config.mjs';
import { mlpages } from './src/integration/mlpages.ts';

// The mlpages options live in mlpages.config.mjs (the exporter reads that file alone); they are
// re-exported here for projects and tests that import them from the Astro config.
export { mlpagesConfig };

// SITE and BASE_PATH come from the environment so one config serves GitLab Pages, merge-request
// previews (/<project>/mr-<iid>/) and local builds. MLPAGES_CACHE_DIR lets tests keep their own
// content-layer store.
export default defineConfig({
	...(process.env.SITE ? { site: process.env.SITE } : {}),
	base: process.env.BASE_PATH || '/',
	trailingSlash: 'always',
	...(process.env.MLPAGES_CACHE_DIR ? { cacheDir: process.env.MLPAGES_CACHE_DIR } : {}),
	build: { format: 'directory', inlineStylesheets: 'never' },
	// Prism marks code with classes only; Shiki's inline styles would need CSP 'unsafe-inline'.
	markdown: { syntaxHighlight: 'prism' },
	integrations: [mdx(), mlpages(mlpagesConfig)],
	security: {
		csp: {
			directives: [
				"default-src 'none'",
				"img-src 'self' data:",
				"connect-src 'self'",
				"font-src 'self'",
				"base-uri 'none'",
				"form-action 'none'",
				"object-src 'none'",
			],
		},
	},
});
