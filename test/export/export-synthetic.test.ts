import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetId } from '../../src/export/normalise-dataset.ts';
import { exportSnapshot, type ExportResult } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { droppedNonFiniteMetric, latestMetricDiffers, skippedBadRecord } from '../../src/messages.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { LoggedModelSchema, ModelVersionSchema, RegisteredModelSchema, RunSchema, RunSeriesSchema, ExperimentSchema } from '../../src/schemas/index.ts';
import { MODEL_ID, RUN_A, RUN_B, makeModernStore } from './helpers/make-sqlite-store.ts';
import { readTree } from './helpers/snapshot-tree.ts';
import { tempDir } from './helpers/temp-dir.ts';

let result: ExportResult;
let tree: Record<string, string>;
const json = (f: string) => JSON.parse(tree[f] ?? 'null');

beforeAll(async () => {
	const { db } = makeModernStore();
	const outDir = join(tempDir('mlpages-export-'), 'content');
	const reader = await openSqliteReader(db, { warn: () => {}, displayUri: 'mlflow.db' });
	const config = MlpagesConfigSchema.parse({ charts: { maxPoints: 100 } });
	result = await exportSnapshot({ reader, outDir, config });
	await reader.close();
	tree = readTree(outDir);
});

describe('exportSnapshot on a synthetic MLflow 3.14 store', () => {
	it('leaves deleted experiments, runs (their runs too), logged models, versions and prompts out, and counts them', () => {
		expect(result.manifest.counts).toEqual({
			experiments: 3,
			runs: 2,
			metricSeries: 3,
			metricPoints: 3007,
			params: 3,
			tags: 3,
			registeredModels: 2,
			modelVersions: 3,
			loggedModels: 1,
			datasets: 1,
		});
		expect(result.manifest.skipped).toEqual([
			{ kind: 'experiment', reason: 'deleted', count: 1, ids: ['2'] },
			{ kind: 'loggedModel', reason: 'deleted', count: 1, ids: [`m-${'f'.repeat(32)}`] },
			{ kind: 'modelVersion', reason: 'deleted', count: 1, ids: ['Wheat Model/2'] },
			{ kind: 'registeredModel', reason: 'prompt', count: 1, ids: ['summarise-prompt'] },
			{ kind: 'run', reason: 'deleted', count: 2, ids: ['c'.repeat(32), 'd'.repeat(32)] },
			// The team-b version's source holds user:secret@ and ?token=: redacted, and counted.
			{ kind: 'value', reason: 'redacted', count: 1, ids: ['Wheat Model/1:version.source'] },
		]);
		expect(result.manifest.dataThrough).toBe(1700000031000);
	});

	it('gives experiments unique slugs, the colliding one suffixed with its id', () => {
		expect(ExperimentSchema.parse(json('experiments/1.json'))).toMatchObject({ slug: 'wheat-detection', description: '# Notes', runCount: 2 });
		expect(json('experiments/3.json').slug).toBe('wheat-detection-3');
		expect(json('experiments/0.json')).toMatchObject({ slug: 'default', runCount: 0 });
		expect(json('experiments/2.json')).toBeNull();
	});

	it('falls back to the mlflow.runName and mlflow.user tags, and reads the parent run', () => {
		expect(RunSchema.parse(json(`runs/${RUN_B}.json`))).toMatchObject({ name: 'beta', user: 'bob', parentRunId: RUN_A, status: 'RUNNING', endTime: null });
		expect(json(`runs/${RUN_A}.json`)).toMatchObject({ name: 'alpha', user: 'ada', parentRunId: null });
	});

	it('summarises non-finite values exactly, keeps them out of charts and warns with the catalogued message', () => {
		const run = RunSchema.parse(json(`runs/${RUN_A}.json`));
		expect(run.metrics['val_loss']).toEqual({
			last: 0.25, lastStep: 4, lastTimestamp: 1700000011004, min: 0.25, minStep: 4, max: 0.5, maxStep: 0, count: 5, nonFiniteCount: 3, firstStep: 0,
		});
		expect(result.manifest.warnings).toContain(droppedNonFiniteMetric(RUN_A, 'val_loss', 3));
		expect(result.manifest.warnings).toContain(
			latestMetricDiffers(RUN_A, 'val_loss', '0.5 at step 0, time 1700000011000', '0.25 at step 4, time 1700000011004'),
		);
		expect(result.manifest.warnings.filter((w) => w.includes('"acc"'))).toEqual([]);
		expect(json(`histories/${RUN_A}.json`).metrics.val_loss.value).toEqual([0.5, 0.25]);
		// Two values at the same step and timestamp are two points; the larger is MLflow's latest.
		expect(json(`runs/${RUN_B}.json`).metrics.acc).toMatchObject({ last: 0.9, count: 2 });
	});

	it('downsamples a 3,000-point history to maxPoints for charts, keeping its spike', () => {
		const series = RunSeriesSchema.parse(json(`series/${RUN_A}.json`));
		const loss = series.metrics['loss']!;
		expect(series.maxPoints).toBe(100);
		expect(loss.value.length).toBeLessThanOrEqual(100);
		expect(loss.step).toContain(1234);
		expect(loss.step[0]).toBe(0);
		expect(loss.step.at(-1)).toBe(2999);
		expect(json(`histories/${RUN_A}.json`).metrics.loss.value).toHaveLength(3000);
	});

	it('links runs to datasets (md5 of name + digest) and logged models', () => {
		const id = datasetId('train', 'abc123');
		expect(json(`runs/${RUN_A}.json`).inputs).toEqual([{ datasetId: id, name: 'train', digest: 'abc123', context: 'train' }]);
		expect(json(`datasets/${id}.json`)).toMatchObject({ id, experimentId: '1', profile: '{"num_rows": 3}' });
		expect(json(`runs/${RUN_A}.json`).loggedModelIds).toEqual([MODEL_ID]);
		expect(LoggedModelSchema.parse(json(`logged-models/${MODEL_ID}.json`)).metrics).toEqual([
			{ key: 'auc', value: 0.9, step: 1, datasetName: 'train', datasetDigest: 'abc123' },
		]);
	});

	it('exports the registry: workspaces apart, aliases on live versions, logged-model ids, no credentials', () => {
		const model = RegisteredModelSchema.parse(json('models/wheat-model.json'));
		expect(model).toMatchObject({ name: 'Wheat Model', versions: ['1', '10'], aliases: { champion: '10' }, tags: { team: 'a' } });
		expect(result.manifest.warnings).toContain(skippedBadRecord('alias', '@old of model Wheat Model', 'version 2 is not exported'));
		const v10 = ModelVersionSchema.parse(json('model-versions/wheat-model/10.json'));
		expect(v10).toMatchObject({ loggedModelId: MODEL_ID, aliases: ['champion'], tags: { validated: 'yes' }, modelSlug: 'wheat-model' });
		expect(json('model-versions/wheat-model/2.json')).toBeNull();
		const other = Object.keys(tree).find((f) => /^models\/wheat-model-[0-9a-f]{8}\.json$/.test(f))!;
		const teamB = RegisteredModelSchema.parse(json(other));
		expect(teamB.description).toBe('Team B copy');
		const v1 = ModelVersionSchema.parse(json(`model-versions/${teamB.slug}/1.json`));
		expect(v1.source).toBe('https://example.com/model?x=1');
		expect(Object.keys(tree).some((f) => f.includes('prompt'))).toBe(false);
	});

	it('lists every artifact but copies only small images and text, never HTML or links', () => {
		expect(json(`runs/${RUN_A}.json`).artifacts.map((a: { path: string }) => a.path)).toEqual([
			'big.json', 'metrics.json', 'model/MLmodel', 'plots/loss.png', 'report.html',
		]);
		expect(Object.keys(tree).filter((f) => f.startsWith('artifacts/'))).toEqual([
			`artifacts/${RUN_A}/metrics.json`,
			`artifacts/${RUN_A}/model/MLmodel`,
			`artifacts/${RUN_A}/plots/loss.png`,
		]);
		expect(tree[`artifacts/${RUN_A}/plots/loss.png`]).toBe('\x89PNG');
	});
});
