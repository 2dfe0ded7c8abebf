import { defineConfig } from 'vitest/config';

// Tests run in UTC so formatted times are byte-stable; slow real-store tests get room.
process.env.TZ = 'UTC';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**'],
		testTimeout: 120_000,
		hookTimeout: 300_000,
		pool: 'forks',
	},
});
