import { describe, expect, it } from 'vitest';
import { resolveMlpagesConfig } from '../../src/integration/mlpages.ts';
import mlpagesConfig from '../../examples/site/mlpages.config.mjs';

describe('resolveMlpagesConfig', () => {
	it('accepts the example site configuration', () => {
		const config = resolveMlpagesConfig(mlpagesConfig, '/project', {});
		expect(config.contentDir).toBe('/project/content');
		expect(config.charts.maxPoints).toBe(1000);
	});

	it('lets MLPAGES_CONTENT_DIR choose the snapshot folder', () => {
		expect(resolveMlpagesConfig({}, '/project', { MLPAGES_CONTENT_DIR: 'test/fixtures/content/basic' }).contentDir).toBe(
			'/project/test/fixtures/content/basic',
		);
		expect(resolveMlpagesConfig({}, '/project', { MLPAGES_CONTENT_DIR: '/srv/snapshot' }).contentDir).toBe('/srv/snapshot');
	});

	it('names each invalid field', () => {
		expect(() =>
			resolveMlpagesConfig({ charts: { maxPoints: 3 }, metrics: { direction: { acc: 'up' as 'higher' } } }, '/p', {}),
		).toThrow(/\*\*charts\.maxPoints\*\*[\s\S]*\*\*metrics\.direction\.acc\*\*/);
	});
});
