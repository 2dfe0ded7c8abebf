import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import exampleConfig from '../../examples/site/mlpages.config.mjs';
import { EXAMPLE_SITE } from '../support/example-site.ts';
import { loadMlpagesConfig } from '../../src/cli/load-config.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';

const dirs: string[] = [];
const project = (files: Record<string, string>) => {
	const dir = mkdtempSync(join(tmpdir(), 'mlpages-config-'));
	dirs.push(dir);
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
};
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadMlpagesConfig', () => {
	it('reads mlpages.config.mjs without importing astro.config.mjs', async () => {
		const root = project({
			'mlpages.config.mjs': `export default { title: 'Own file', charts: { maxPoints: 250 } };\n`,
			// Importing this would fail the load: the exporter must not need Astro to start.
			'astro.config.mjs': `throw new Error('astro.config.mjs was imported');\n`,
		});
		const config = await loadMlpagesConfig(root);
		expect(config.title).toBe('Own file');
		expect(config.charts.maxPoints).toBe(250);
	});

	it('falls back to the mlpagesConfig export of astro.config.mjs', async () => {
		const root = project({ 'astro.config.mjs': `export const mlpagesConfig = { title: 'Older project' };\nexport default {};\n` });
		expect((await loadMlpagesConfig(root)).title).toBe('Older project');
	});

	it('refuses to keep the "best" runs by a metric whose direction is unknown, and says how to set it', async () => {
		const config = (max: string, direction = '{}') => project({ 'mlpages.config.mjs': `export default { publish: { maxRunsPerExperiment: ${max} }, metrics: { direction: ${direction} } };\n` });
		await expect(loadMlpagesConfig(config(`{ count: 5, by: 'learning_rate' }`))).rejects.toThrow(
			/mlpages\.config\.mjs[\s\S]*publish\.maxRunsPerExperiment\.order[\s\S]*unknown for "learning_rate"[\s\S]*"min" or "max"/,
		);
		// Known from its name, from the configuration, or ordered explicitly: accepted.
		expect((await loadMlpagesConfig(config(`{ count: 5, by: 'val_loss' }`))).publish.maxRunsPerExperiment?.by).toBe('val_loss');
		expect((await loadMlpagesConfig(config(`{ count: 5, by: 'learning_rate' }`, `{ learning_rate: 'lower' }`))).publish.maxRunsPerExperiment?.count).toBe(5);
		expect((await loadMlpagesConfig(config(`{ count: 5, by: 'learning_rate', order: 'max' }`))).publish.maxRunsPerExperiment?.order).toBe('max');
	});

	it('gives the defaults when neither file exists', async () => {
		expect(await loadMlpagesConfig(project({}))).toEqual(MlpagesConfigSchema.parse({}));
	});

	it('names the file that holds an invalid option', async () => {
		const root = project({ 'mlpages.config.mjs': `export default { charts: { maxPoints: -1 } };\n` });
		const error = await loadMlpagesConfig(root).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'ExportError', exitCode: 1 });
		expect((error as Error).message).toMatch(/^The mlpages configuration in mlpages\.config\.mjs is not valid:\n- \*\*charts\.maxPoints\*\*/);
	});

	it("reads the example site's own file, as mlpages build --root examples/site does", async () => {
		expect(await loadMlpagesConfig(EXAMPLE_SITE)).toEqual(MlpagesConfigSchema.parse(exampleConfig));
	});
});
