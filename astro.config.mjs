// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { mlpages } from './src/integration/mlpages.ts';

/**
 * The mlpages options (validated by MlpagesConfigSchema, src/schemas/config.ts). These defaults
 * build the bundled example site; README.md, section "Configure", lists every option.
 * @type {import('./src/schemas/config.ts').MlpagesConfigInput}
 */
export const mlpagesConfig = {
	title: 'mlpages example',
	contentDir: 'content',
	charts: { maxPoints: 1000 },
	metrics: {
		direction: { accuracy: 'higher', val_accuracy: 'higher', f1: 'higher' },
		primary: {},
	},
};

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
