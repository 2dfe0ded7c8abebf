import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MLFLOW_REVISION_CHAIN, SQLITE_GENERATIONS } from '../../scripts/demo/mlflow-schema-generations.ts';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { DatasetSchema, ExperimentSchema, LoggedModelSchema, ManifestSchema, ModelVersionSchema, RegisteredModelSchema, RunSchema, RunSeriesSchema } from '../../src/schemas/index.ts';
import { EXP_SWEEP, LONG_SERIES, RUN_DELETED, RUN_SWEEP, RUN_TRASHED, quirksStore } from '../support/quirks-store.ts';
import { writeQuirksStore } from '../support/write-quirks-store.ts';
import { readTree } from './helpers/snapshot-tree.ts';
import { tempDir } from './helpers/temp-dir.ts';

const config = MlpagesConfigSchema.parse({});
const HEAD = SQLITE_GENERATIONS.at(-1)!.revision;

async function exportStore(path: string, outDir = join(tempDir('mlpages-export-'), 'content')) {
	const reader = await openSqliteReader(path, { warn: () => {}, displayUri: 'store.db' });
	try {
		return { ...(await exportSnapshot({ reader, outDir, config })), outDir };
	} finally {
		await reader.close();
	}
}

/** Independent counts straight from the database: what the snapshot should hold. */
function sqlCounts(path: string) {
	const db = new DatabaseSync(path, { readOnly: true });
	const has = (table: string) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table) !== undefined;
	const one = (sql: string) => Number(Object.values(db.prepare(sql).get()!)[0]);
	const exported = "(SELECT r.run_uuid FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.lifecycle_stage = 'active' AND e.lifecycle_stage = 'active')";
	const prompts = "(SELECT name FROM registered_model_tags WHERE key = 'mlflow.prompt.is_prompt' AND lower(value) = 'true')";
	const counts = {
		experiments: one("SELECT count(*) FROM experiments WHERE lifecycle_stage = 'active'"),
		runs: one(`SELECT count(*) FROM ${exported}`),
		deletedRuns: one(`SELECT count(*) FROM runs WHERE run_uuid NOT IN ${exported}`),
		metricPoints: one(`SELECT count(*) FROM metrics WHERE run_uuid IN ${exported}`),
		metricSeries: one(`SELECT count(*) FROM (SELECT DISTINCT run_uuid, key FROM metrics WHERE run_uuid IN ${exported})`),
		params: one(`SELECT count(*) FROM params WHERE run_uuid IN ${exported}`),
		tags: one(`SELECT count(*) FROM tags WHERE run_uuid IN ${exported}`),
		registeredModels: one(`SELECT count(*) FROM registered_models WHERE name NOT IN ${prompts}`),
		modelVersions: one(`SELECT count(*) FROM model_versions WHERE current_stage != 'Deleted_Internal' AND name NOT IN ${prompts}`),
		datasets: has('datasets') ? one('SELECT count(*) FROM datasets') : 0,
		loggedModels: has('logged_models') ? one("SELECT count(*) FROM logged_models WHERE lifecycle_stage = 'active'") : 0,
		newest: one(`SELECT max(t) FROM (SELECT max(timestamp) AS t FROM metrics WHERE run_uuid IN ${exported}
			UNION ALL SELECT max(end_time) FROM runs WHERE run_uuid IN ${exported} UNION ALL SELECT max(start_time) FROM runs WHERE run_uuid IN ${exported})`),
	};
	db.close();
	return counts;
}

describe.each(SQLITE_GENERATIONS)('exportSnapshot of a SQLite store at $revision (MLflow $mlflow)', ({ revision }) => {
	it('writes what the database holds, every file valid, deleted runs and prompts left out and counted', async () => {
		const { path } = writeQuirksStore({ sqlite: revision });
		const sql = sqlCounts(path);
		const { manifest, outDir } = await exportStore(path);
		const { dataThrough, ...counts } = { ...manifest.counts, dataThrough: manifest.dataThrough };
		const { newest, deletedRuns, ...expected } = sql;
		expect(counts).toEqual(expected);
		expect(dataThrough).toBe(newest);
		expect(counts).toMatchObject({ experiments: 3, runs: 6, registeredModels: 1, modelVersions: 3 });
		const skipped = (kind: string, reason: string) => manifest.skipped.find((s) => s.kind === kind && s.reason === reason);
		expect(skipped('run', 'deleted')).toEqual({ kind: 'run', reason: 'deleted', count: deletedRuns, ids: [RUN_TRASHED, RUN_DELETED].sort() });
		expect(skipped('experiment', 'deleted')?.count).toBe(1);
		expect(skipped('registeredModel', 'prompt')?.count).toBe(1);
		expect(skipped('modelVersion', 'deleted')?.count).toBe(1);
		expect(manifest.skipped.some((s) => s.kind === 'metricPoint')).toBe(false);
		expect(manifest.source).toEqual({ kind: 'sqlite', uri: 'store.db' });

		const tree = readTree(outDir);
		const files = (dir: string) => Object.keys(tree).filter((f) => f.startsWith(`${dir}/`));
		expect(files('runs')).toHaveLength(counts.runs);
		expect(files('series')).toHaveLength(counts.runs);
		expect(files('histories')).toHaveLength(counts.runs);
		expect(files('experiments')).toHaveLength(counts.experiments);
		expect(files('model-versions')).toHaveLength(counts.modelVersions);
		// Every file parses with its schema; series respect maxPoints; histories hold every finite point.
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
		expect(ManifestSchema.parse(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')))).toEqual(manifest);
		// No absolute path of this machine reaches the snapshot.
		for (const text of Object.values(tree)) expect(text).not.toContain(outDir);
	});

	it(`puts aliases on their versions${MLFLOW_REVISION_CHAIN.indexOf(revision) < MLFLOW_REVISION_CHAIN.indexOf('3500859a5d39') ? ' (none before MLflow 2.3)' : ''}`, async () => {
		const { outDir } = await exportStore(writeQuirksStore({ sqlite: revision }).path);
		const tree = readTree(outDir);
		const aliases = MLFLOW_REVISION_CHAIN.indexOf(revision) >= MLFLOW_REVISION_CHAIN.indexOf('3500859a5d39');
		const model = RegisteredModelSchema.parse(JSON.parse(tree['models/seismic-picker.json']!));
		expect(model.aliases).toEqual(aliases ? { champion: '10', 'in-preview': '11' } : {});
		const version = (n: number) => ModelVersionSchema.parse(JSON.parse(tree[`model-versions/seismic-picker/${n}.json`]!));
		expect([1, 10, 11].map((n) => version(n).aliases)).toEqual(aliases ? [[], ['champion'], ['in-preview']] : [[], [], []]);
		expect(tree['model-versions/seismic-picker/2.json']).toBeUndefined();
	});
});

describe('exportSnapshot of the quirks store', () => {
	it('downsamples the 1,001-step history for charts only, keeping its ends and extremes', async () => {
		const { outDir } = await exportStore(writeQuirksStore({ sqlite: HEAD }).path);
		const tree = readTree(outDir);
		const history = RunSeriesSchema.parse(JSON.parse(tree[`histories/${RUN_SWEEP}.json`]!)).metrics['loss']!;
		const series = RunSeriesSchema.parse(JSON.parse(tree[`series/${RUN_SWEEP}.json`]!)).metrics['loss']!;
		expect(history.value).toHaveLength(LONG_SERIES);
		expect(series.value.length).toBeLessThanOrEqual(1000);
		expect(series.step[0]).toBe(history.step[0]);
		expect(series.step.at(-1)).toBe(history.step.at(-1));
		expect(Math.min(...series.value)).toBe(Math.min(...history.value));
		expect(Math.max(...series.value)).toBe(Math.max(...history.value));
		const run = RunSchema.parse(JSON.parse(tree[`runs/${RUN_SWEEP}.json`]!));
		expect(run.metrics['loss']).toMatchObject({ count: LONG_SERIES, min: Math.min(...history.value) });
	});

	it('writes byte-identical snapshots from the same store, and JSON that reads back as written', async () => {
		for (const revision of [SQLITE_GENERATIONS[0].revision, HEAD]) {
			const { path } = writeQuirksStore({ sqlite: revision });
			const a = await exportStore(path);
			const b = await exportStore(path);
			expect(readTree(b.outDir)).toEqual(readTree(a.outDir));
			const text = readFileSync(join(a.outDir, 'manifest.json'), 'utf8');
			expect(text.endsWith('}\n')).toBe(true);
			expect(text).not.toContain('\t');
		}
	});

	it('keys datasets by md5(name + digest) and links every run input to one', async () => {
		const { outDir, manifest } = await exportStore(writeQuirksStore({ sqlite: '5b0e9adcef9c' }).path);
		const tree = readTree(outDir);
		expect(manifest.counts.datasets).toBe(2);
		const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
		expect(Object.keys(tree).filter((f) => f.startsWith('datasets/')).sort()).toEqual(
			[md5('waveforms-train1fbe660b'), md5('waveforms-eval9c2d4e11')].map((id) => `datasets/${id}.json`).sort(),
		);
		const inputs = Object.keys(tree)
			.filter((f) => f.startsWith('runs/'))
			.flatMap((f) => RunSchema.parse(JSON.parse(tree[f]!)).inputs);
		expect(inputs).toHaveLength(2);
		for (const i of inputs) expect(tree[`datasets/${i.datasetId}.json`]).toBeDefined();
	});

	it('counts every deleted run but lists at most 100 of their ids', async () => {
		const store = quirksStore();
		const template = store.runs.find((r) => r.id === RUN_DELETED)!;
		for (let i = 0; i < 135; i++) {
			store.runs.push({ ...template, id: `de1e7ed1${String(i).padStart(24, '0')}`, name: `deleted ${i}`, experimentId: EXP_SWEEP });
		}
		const { manifest } = await exportStore(writeQuirksStore({ sqlite: '0584bdc529eb' }, store).path);
		const deleted = manifest.skipped.find((s) => s.kind === 'run' && s.reason === 'deleted')!;
		expect(deleted.count).toBe(137);
		expect(deleted.ids).toHaveLength(100);
		expect(deleted.ids).toEqual([...deleted.ids].sort());
		expect(manifest.counts.runs).toBe(6);
	});
});
