import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:corpus`: the readers and the exporter against every real store of
// ../shared/fixtures (see its INDEX.md). It fails, never skips, when the corpus is missing.
process.env.TZ = 'UTC';

export default defineConfig({
	test: {
		root: resolve(import.meta.dirname, '../..'),
		include: ['test/corpus/**/*.test.ts'],
		globalSetup: ['test/corpus/require-corpus.ts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		pool: 'forks',
	},
});
