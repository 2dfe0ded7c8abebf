import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../../src/export/export.ts';
import { openSqliteReader } from '../../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../../src/schemas/config.ts';
import { DatasetSchema, ExperimentSchema, LoggedModelSchema, ManifestSchema, ModelVersionSchema, RegisteredModelSchema, RunSchema, RunSeriesSchema } from '../../../src/schemas/index.ts';
import { readTree } from '../../export/helpers/snapshot-tree.ts';
import { SQLITE_STORES, fixture } from '../helpers/shared-fixtures.ts';
import { tempDir } from '../../export/helpers/temp-dir.ts';

const config = MlpagesConfigSchema.parse({});
const tmp = () => tempDir('mlpages-export-');

async function exportStore(path: string, outDir = join(tmp(), 'content'), maxPoints = 1000) {
	const reader = await openSqliteReader(path, { warn: () => {}, displayUri: 'store.db' });
	try {
		const result = await exportSnapshot({ reader, outDir, config: { ...config, charts: { ...config.charts, maxPoints } } });
		return { ...result, outDir };
	} finally {
		await reader.close();
	}
}

/** Independent counts straight from the database, split by whether the run is exported. */
function sqlCounts(path: string) {
	const db = new DatabaseSync(path, { readOnly: true });
	const one = (sql: string) => Number(Object.values(db.prepare(sql).get()!)[0]);
	const deletedRuns = "(SELECT run_uuid FROM runs WHERE lifecycle_stage = 'deleted')";
	const hasRegistry = one("SELECT count(*) FROM sqlite_master WHERE name = 'model_versions'") > 0;
	const counts = {
		metricRowsOfDeletedRuns: one(`SELECT count(*) FROM metrics WHERE run_uuid IN ${deletedRuns}`),
		paramsOfDeletedRuns: one(`SELECT count(*) FROM params WHERE run_uuid IN ${deletedRuns}`),
		tagsOfDeletedRuns: one(`SELECT count(*) FROM tags WHERE run_uuid IN ${deletedRuns}`),
		seriesOfActiveRuns: one(`SELECT count(*) FROM (SELECT DISTINCT run_uuid, key FROM metrics WHERE run_uuid NOT IN ${deletedRuns})`),
		deletedVersions: hasRegistry ? one("SELECT count(*) FROM model_versions WHERE current_stage = 'Deleted_Internal'") : 0,
		newest: one(`SELECT max(t) FROM (SELECT max(timestamp) AS t FROM metrics WHERE run_uuid NOT IN ${deletedRuns}
			UNION ALL SELECT max(end_time) FROM runs WHERE lifecycle_stage = 'active'
			UNION ALL SELECT max(start_time) FROM runs WHERE lifecycle_stage = 'active')`),
	};
	db.close();
	return counts;
}

describe('exportSnapshot on every real SQLite store (../shared/fixtures)', () => {
	for (const store of SQLITE_STORES) {
		it(`exports ${store.path} with counts that agree with INDEX.md`, async () => {
			const path = fixture(store.path);
			const sql = sqlCounts(path);
			const { manifest, outDir } = await exportStore(path);
			const c = manifest.counts;
			// INDEX.md counts active and deleted runs together; deleted runs are left out and counted.
			expect(c.runs).toBe(store.runs - store.deletedRuns);
			const deleted = manifest.skipped.find((s) => s.kind === 'run' && s.reason === 'deleted');
			expect(deleted?.count ?? 0).toBe(store.deletedRuns);
			expect(c.experiments).toBe(store.experiments);
			// INDEX.md counts metric rows of every run; SQL has no exact duplicates (primary key), so the
			// distinct points exported are the rows of the exported runs.
			expect(c.metricPoints).toBe(store.metricRows - sql.metricRowsOfDeletedRuns);
			expect(manifest.skipped.some((s) => s.kind === 'metricPoint')).toBe(false);
			expect(c.metricSeries).toBe(sql.seriesOfActiveRuns);
			expect(c.params).toBe(store.params - sql.paramsOfDeletedRuns);
			expect(c.tags).toBe(store.tags - sql.tagsOfDeletedRuns);
			expect(c.registeredModels).toBe(store.registeredModels);
			expect(c.modelVersions).toBe(store.modelVersions - sql.deletedVersions);
			expect(manifest.dataThrough).toBe(c.runs === 0 ? null : sql.newest);
			expect(manifest.source).toEqual({ kind: 'sqlite', label: 'sqlite · store.db' });

			const tree = readTree(outDir);
			const files = (dir: string) => Object.keys(tree).filter((f) => f.startsWith(`${dir}/`));
			expect(files('runs')).toHaveLength(c.runs);
			expect(files('series')).toHaveLength(c.runs);
			expect(files('histories')).toHaveLength(c.runs);
			expect(files('experiments')).toHaveLength(c.experiments);
			expect(files('model-versions')).toHaveLength(c.modelVersions);
			// Every file parses with its schema; series respect maxPoints; histories are complete.
			let historyPoints = 0;
			let finitePoints = 0;
			for (const f of files('runs')) {
				const run = RunSchema.parse(JSON.parse(tree[f]!));
				expect(run.lifecycleStage).toBe('active');
				for (const m of Object.values(run.metrics)) finitePoints += m.count - m.nonFiniteCount;
				const series = RunSeriesSchema.parse(JSON.parse(tree[`series/${run.id}.json`]!));
				for (const s of Object.values(series.metrics)) expect(s.value.length).toBeLessThanOrEqual(1000);
				const history = RunSeriesSchema.parse(JSON.parse(tree[`histories/${run.id}.json`]!));
				for (const s of Object.values(history.metrics)) historyPoints += s.value.length;
			}
			expect(historyPoints).toBe(finitePoints);
			for (const f of files('experiments')) ExperimentSchema.parse(JSON.parse(tree[f]!));
			for (const f of files('models')) RegisteredModelSchema.parse(JSON.parse(tree[f]!));
			for (const f of files('model-versions')) ModelVersionSchema.parse(JSON.parse(tree[f]!));
			for (const f of files('datasets')) DatasetSchema.parse(JSON.parse(tree[f]!));
			for (const f of files('logged-models')) LoggedModelSchema.parse(JSON.parse(tree[f]!));
			// readTree reads bytes as Latin-1; the manifest's text (the source label's "·") is UTF-8.
			expect(ManifestSchema.parse(JSON.parse(Buffer.from(tree['manifest.json']!, 'latin1').toString('utf8')))).toEqual(manifest);
			// No absolute path of this machine reaches the snapshot.
			for (const text of Object.values(tree)) expect(text).not.toContain(outDir);
		});
	}

	it('Ghaith: 143 runs of which 137 deleted → 6 exported; 112 metric rows of which 6 belong to exported runs', async () => {
		const { manifest } = await exportStore(fixture('Ghaith-Saidani__MLflow/mlflow.db'));
		expect(manifest.counts.runs).toBe(6);
		expect(manifest.skipped).toContainEqual(expect.objectContaining({ kind: 'run', reason: 'deleted', count: 137 }));
		expect(manifest.skipped.find((s) => s.kind === 'run')!.ids).toHaveLength(100);
		expect(manifest.counts.metricPoints).toBe(6);
		expect(manifest.counts.modelVersions).toBe(25);
	});

	it('PatrickCmd: 67 runs, 10 deleted → 57; the 1,001-step xgboost series is downsampled for charts only', async () => {
		const path = fixture('PatrickCmd__mlops-zoomcamp/02-experiment-tracking/mlflow.db');
		const { manifest, outDir } = await exportStore(path);
		expect(manifest.counts.runs).toBe(57);
		expect(manifest.skipped).toContainEqual(expect.objectContaining({ kind: 'run', reason: 'deleted', count: 10 }));
		const tree = readTree(outDir);
		const long = Object.keys(tree)
			.filter((f) => f.startsWith('histories/'))
			.flatMap((f) => Object.entries(RunSeriesSchema.parse(JSON.parse(tree[f]!)).metrics).map(([k, s]) => ({ f, k, n: s.value.length })))
			.filter((x) => x.n === 1001);
		expect(long.length).toBeGreaterThan(0);
		for (const { f, k } of long) {
			const series = RunSeriesSchema.parse(JSON.parse(tree[f.replace('histories/', 'series/')]!)).metrics[k]!;
			const history = RunSeriesSchema.parse(JSON.parse(tree[f]!)).metrics[k]!;
			expect(series.value.length).toBeLessThanOrEqual(1000);
			expect(series.step[0]).toBe(history.step[0]);
			expect(series.step.at(-1)).toBe(history.step.at(-1));
			expect(Math.min(...series.value)).toBe(Math.min(...history.value));
			expect(Math.max(...series.value)).toBe(Math.max(...history.value));
			const run = RunSchema.parse(JSON.parse(tree[f.replace('histories/', 'runs/')]!));
			expect(run.metrics[k]!.count).toBe(1001);
			expect(run.metrics[k]!.min).toBe(Math.min(...history.value));
		}
	});

	it('writes byte-identical snapshots from the same store (determinism)', async () => {
		for (const rel of ['1412010__nda-mlops-zoomcamp-2024/week-02/mlflow.db', 'PatrickCmd__mlops-zoomcamp/02-experiment-tracking/mlflow.db']) {
			const a = await exportStore(fixture(rel));
			const b = await exportStore(fixture(rel));
			expect(readTree(b.outDir)).toEqual(readTree(a.outDir));
		}
	});

	it('exports 1412010 with slugs, aliases on the version, and datasets keyed by md5(name + digest)', async () => {
		const { outDir, manifest } = await exportStore(fixture('1412010__nda-mlops-zoomcamp-2024/week-02/mlflow.db'));
		const tree = readTree(outDir);
		const model = RegisteredModelSchema.parse(JSON.parse(tree['models/nyc-taxi-model.json']!));
		expect(model.aliases).toEqual({ 'in-preview': '1', staging: '1' });
		expect(ModelVersionSchema.parse(JSON.parse(tree['model-versions/nyc-taxi-model/1.json']!)).aliases).toEqual(['in-preview', 'staging']);
		expect(manifest.counts.datasets).toBe(2);
		const ids = Object.keys(tree).filter((f) => f.startsWith('datasets/'));
		for (const f of ids) {
			const d = DatasetSchema.parse(JSON.parse(tree[f]!));
			expect(f).toBe(`datasets/${d.id}.json`);
			expect(d.id).toMatch(/^[0-9a-f]{32}$/);
		}
		const inputs = Object.keys(tree)
			.filter((f) => f.startsWith('runs/'))
			.flatMap((f) => RunSchema.parse(JSON.parse(tree[f]!)).inputs);
		expect(inputs).toHaveLength(4);
		for (const i of inputs) expect(tree[`datasets/${i.datasetId}.json`]).toBeDefined();
	});

	it('reads the snapshot it wrote back with the same bytes as stable JSON', async () => {
		const { outDir } = await exportStore(fixture('MadanManav__MLFlow_tutorial_with_hyperopt/mlruns.db'));
		const text = readFileSync(join(outDir, 'manifest.json'), 'utf8');
		expect(text.endsWith('}\n')).toBe(true);
		expect(text).not.toContain('\t');
	});
});
