import { defineConfig } from 'vitest/config';

// `npm test`: the self-contained suite, on the project's own stores; it needs nothing beside the
// repository. The real-store corpus (test/corpus/) is `npm run test:corpus`. Tests run in UTC so
// formatted times are byte-stable; site builds get room.
process.env.TZ = 'UTC';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'test/corpus/**', 'node_modules/**'],
		testTimeout: 120_000,
		hookTimeout: 300_000,
		pool: 'forks',
	},
});
