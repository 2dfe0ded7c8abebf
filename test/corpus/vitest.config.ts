import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { requireCorpus } from './require-corpus.ts';

// `npm run test:corpus`: the readers and the exporter against every real store of
// ../shared/fixtures (see its INDEX.md). It fails, never skips, when the corpus is missing:
// loading this config throws, before any test is collected.
process.env.TZ = 'UTC';
requireCorpus();

export default defineConfig({
	test: {
		root: resolve(import.meta.dirname, '../..'),
		include: ['test/corpus/**/*.test.ts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		pool: 'forks',
	},
});
