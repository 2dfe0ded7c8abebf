import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests of the built site (`npm run test:e2e`); `npm test` leaves them out. One file at a
// time: each launches its own Chromium, and the CI machines have 2 cores.
process.env.TZ = 'UTC';

export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['test/e2e/**/*.e2e.ts'],
		globalSetup: ['test/e2e/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 240_000,
		hookTimeout: 120_000,
		pool: 'forks',
	},
});
