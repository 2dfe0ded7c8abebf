import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from '../../src/cli/export-command.ts';
import { mlpagesCacheDir } from '../../src/lib/cache-dir.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';

const EXAMPLE_STORE = resolve(import.meta.dirname, '../../examples/mlflow.db');

describe("mlpages' cache folder", () => {
	it('is node_modules/.cache/mlpages unless MLPAGES_CACHE_DIR says otherwise', () => {
		expect(mlpagesCacheDir('charts', {})).toBe('node_modules/.cache/mlpages/charts');
		expect(mlpagesCacheDir('charts', { MLPAGES_CACHE_DIR: '/builds/p/.cache/mlpages' })).toBe('/builds/p/.cache/mlpages/charts');
	});

	it('keeps the export cache under MLPAGES_CACHE_DIR, outside node_modules/ that npm ci empties', async () => {
		const cwd = tempDir('mlpages-cache-');
		const env = { MLPAGES_CACHE_DIR: join(cwd, '.cache', 'mlpages') };
		const fx = { logger: memoryLogger(), env, cwd, now: () => 0, loadConfig: async () => MlpagesConfigSchema.parse({}) };
		expect(await runExportCommand([EXAMPLE_STORE], fx)).toBe(0);
		expect(readdirSync(env.MLPAGES_CACHE_DIR).filter((f) => f.startsWith('export-'))).toHaveLength(1);
		expect(existsSync(join(cwd, 'node_modules'))).toBe(false);
	});
});
