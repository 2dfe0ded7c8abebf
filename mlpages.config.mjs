// @ts-check
/**
 * The mlpages options (validated by MlpagesConfigSchema, src/schemas/config.ts). These defaults
 * build the bundled example site; README.md, section "Configure", lists every option.
 * `astro.config.mjs` passes them to the mlpages() integration; `npm run export` and `npm run diff`
 * read this file alone, so they start without loading Astro.
 * @type {import('./src/schemas/config.ts').MlpagesConfigInput}
 */
export default {
	title: 'mlpages example',
	contentDir: 'content',
	charts: { maxPoints: 1000 },
	metrics: {
		direction: { accuracy: 'higher', val_accuracy: 'higher', f1: 'higher' },
		primary: {},
	},
};
