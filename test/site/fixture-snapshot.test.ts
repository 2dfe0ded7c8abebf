import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	DatasetSchema,
	ExperimentSchema,
	LoggedModelSchema,
	ManifestSchema,
	ModelVersionSchema,
	RegisteredModelSchema,
	RunSchema,
	RunSeriesSchema,
} from '../../src/schemas/index.ts';

const root = join(import.meta.dirname, '../fixtures/content/basic');
const schemas = {
	experiments: ExperimentSchema,
	runs: RunSchema,
	series: RunSeriesSchema,
	models: RegisteredModelSchema,
	'model-versions': ModelVersionSchema,
	datasets: DatasetSchema,
	'logged-models': LoggedModelSchema,
};
const files = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

describe('the basic fixture snapshot', () => {
	it('is valid against the snapshot schemas, file by file', () => {
		const all = files(root);
		expect(all.length).toBeGreaterThan(20);
		for (const file of all) {
			const rel = relative(root, file);
			const folder = rel.split('/')[0]! as keyof typeof schemas;
			const schema = rel === 'manifest.json' ? ManifestSchema : schemas[folder];
			expect(schema, rel).toBeDefined();
			const result = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
			expect(result.success, `${rel}: ${result.error?.message}`).toBe(true);
		}
	});

	it('holds what the site tests rely on: a sweep, a FAILED run with a NaN, aliases', () => {
		const runs = files(join(root, 'runs')).map((f) => RunSchema.parse(JSON.parse(readFileSync(f, 'utf8'))));
		expect(runs.filter((r) => r.parentRunId !== null)).toHaveLength(3);
		const failed = runs.find((r) => r.status === 'FAILED')!;
		expect(failed.metrics['loss']!.last).toBe('NaN');
		const model = RegisteredModelSchema.parse(JSON.parse(readFileSync(join(root, 'models/iris-classifier.json'), 'utf8')));
		expect(model.aliases).toEqual({ challenger: '2', champion: '3' });
	});
});
