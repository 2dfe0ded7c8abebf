import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportError, SourceMissing, SourceNotMlflow } from '../../../../src/errors.ts';
import { skippedBadRecord } from '../../../../src/messages.ts';
import { openFileStoreReader } from '../../../../src/export/file-store/file-store-reader.ts';
import { FIXTURES, fixture } from '../../helpers/shared-fixtures.ts';
import type {
	RawArtifact,
	RawDataset,
	RawExperiment,
	RawLoggedModel,
	RawMetricPoint,
	RawModelVersion,
	RawRegisteredModel,
	RawRun,
} from '../../../../src/export/source-reader.ts';

/**
 * The reader against every real file store in ../shared/fixtures (see its INDEX.md, whose
 * counts were made by an independent walker). Where our definition differs from INDEX.md, the
 * expected number is written as INDEX's number minus the difference, with the reason. A missing
 * fixture fails the test (`fixture()`), in CI and locally.
 */
describe('file-store reader on the real stores of ../shared/fixtures', () => {
	it('Toma0916__GlobalWheatDetection: MLflow 1.8, relative URIs, inf/nan, a Japanese note, a trashed experiment', async () => {
		const store = await readStore('Toma0916__GlobalWheatDetection/mlruns');
		// Experiment 7 has 29 run folders but no meta.yaml: MLflow itself does not list it, so the
		// reader skips it with a warning. INDEX.md counts its runs, params, tags and points; they are
		// counted here independently and subtracted.
		const seven = countRunsFolder(fixture('Toma0916__GlobalWheatDetection/mlruns/7'));
		expect(seven.runs).toBe(29);
		expect(store.warnings).toEqual([
			skippedBadRecord('experiment', 'Toma0916__GlobalWheatDetection/mlruns/7', 'meta.yaml is missing'),
		]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 9, // INDEX counts 9: the folders with a meta.yaml
			trashedExperiments: 1,
			runs: 239 + 1 - seven.runs,
			trashedRuns: 1,
			deletedInPlace: 127 - seven.deleted,
			childRuns: 0,
			params: 10369 - seven.params,
			tags: 1211 - seven.tags,
			metricSeries: 3533 - seven.metricFiles,
			metricPoints: 111555 - seven.points,
			maxPointsPerSeries: 101,
			status: { RUNNING: 17 - seven.status.RUNNING, FINISHED: 223 - seven.status.FINISHED },
		});
		const run10 = store.run('934dc5b406e6468ca9f9d764112ee5f0');
		const rpn = run10.points.filter((p) => p.key === 'tr_ls_rpn_box_reg');
		expect(rpn).toContainEqual({ key: 'tr_ls_rpn_box_reg', value: Infinity, timestamp: 1595235842619, step: 0 });
		expect(store.allPoints().some((p) => Number.isNaN(p.value))).toBe(true);
		const memo = store.experiment('2').experiment.tags['mlflow.note.content'];
		expect(memo).toContain('めっちゃ過学習している');
		expect(memo?.startsWith('# Memo\n')).toBe(true);
		// 225 empty param files in INDEX.md, 28 of them in experiment 7: empty values stay empty strings.
		expect(store.allRuns().flatMap((r) => Object.values(r.run.params)).filter((v) => v === '')).toHaveLength(225 - seven.emptyParams);
		// `./mlruns/8/<run>/artifacts` is re-rooted to the store.
		const run8 = store.run('58d2e9512c9f4039a2a9204f600afdb8');
		expect(run8.run.artifactUri).toBe('./mlruns/8/58d2e9512c9f4039a2a9204f600afdb8/artifacts');
		expect(run8.artifacts.map((a) => a.path)).toContain('config.json');
		expect(run8.run.name).toBe('harvest/79699'); // no run_name (legacy `name: ''`): tag mlflow.runName
		for (const { run } of store.allRuns().filter((r) => r.experimentId === '3')) expect(run.lifecycleStage).toBe('deleted');
	});

	it('ignacio-scarinci__aprendizajeprofundo: 2019 layout, Spanish run names from tags, runs deleted in place', async () => {
		const store = await readStore('ignacio-scarinci__aprendizajeprofundo/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 14,
			trashedExperiments: 0,
			runs: 404,
			trashedRuns: 0,
			deletedInPlace: 184,
			childRuns: 0,
			params: 2876,
			tags: 1239,
			metricSeries: 906,
			metricPoints: 6234,
			maxPointsPerSeries: 55,
			status: { FINISHED: 402, FAILED: 2 },
		});
		expect(store.run('48e9e7870aef4e24899252f6adc1e4c4').run.name).toMatch(/^Modelo \d Combinación \d$/);
		const names = new Set(store.allRuns().map((r) => r.run.name));
		expect(names).toContain('Modelo 1 Combinación 3');
		expect(store.allRuns().filter((r) => r.run.tags['mlflow.note.content'] !== undefined)).toHaveLength(12);
	});

	it('KhuzaimahAziz__thesis_seismology/mlruns: MLflow 3, 18-digit ids, nested param keys, long series', async () => {
		const store = await readStore('KhuzaimahAziz__thesis_seismology/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 6,
			trashedExperiments: 0,
			runs: 32,
			trashedRuns: 0,
			deletedInPlace: 0,
			childRuns: 0,
			params: 96,
			tags: 128,
			metricSeries: 37,
			metricPoints: 13608,
			maxPointsPerSeries: 2883,
			status: { RUNNING: 24, FINISHED: 2, FAILED: 6 },
		});
		const run = store.run('03267eca8ddb4f74a2272c61aa810f5d').run;
		expect(run.params['optimizer_params/lr']).toBe('0.001');
		expect(run.experimentId).toBe('472068372883095715');
		expect(store.experiment('472068372883095715').experiment.tags['mlflow.experimentKind']).toBeDefined();
	});

	it('KhuzaimahAziz__thesis_seismology/src/mlruns: trashed experiments and their runs are deleted', async () => {
		const store = await readStore('KhuzaimahAziz__thesis_seismology/src/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 2,
			trashedExperiments: 2,
			runs: 2 + 2,
			trashedRuns: 2,
			deletedInPlace: 0,
			childRuns: 0,
			params: 16,
			tags: 16,
			metricSeries: 11,
			metricPoints: 950,
			maxPointsPerSeries: 336,
			status: { RUNNING: 2, FINISHED: 2 },
		});
	});

	it('PacktPublishing__Hyperparameter-Tuning-with-Python: .trash says active, %20 URIs, nested runs', async () => {
		const store = await readStore('PacktPublishing__Hyperparameter-Tuning-with-Python/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 2,
			trashedExperiments: 5,
			runs: 3 + 16,
			trashedRuns: 16,
			deletedInPlace: 1,
			childRuns: 6,
			params: 17,
			tags: 80,
			metricSeries: 11,
			metricPoints: 33,
			maxPointsPerSeries: 3,
			status: { RUNNING: 1, FINISHED: 18 },
		});
		// `.trash/5/meta.yaml` says `lifecycle_stage: active`; under .trash it is deleted anyway.
		expect(readFileSync(fixture('PacktPublishing__Hyperparameter-Tuning-with-Python/mlruns/.trash/5/meta.yaml'), 'utf8')).toContain('lifecycle_stage: active');
		expect(store.experiment('5').experiment.lifecycleStage).toBe('deleted');
		const run = store.run('bb55f3cea2cd4a61bfaa09714f19f792');
		expect(run.run.artifactUri).toContain('Louis%20Owen');
		expect(run.artifacts.map((a) => [a.path, a.size])).toEqual([['test.txt', 12]]);
		expect(new TextDecoder().decode(await run.artifacts[0]!.read())).toBe('hello world!');
	});

	it('adambht__MLOps_Churn_Project: registry versions in numeric order, mlflow-artifacts URIs', async () => {
		const store = await readStore('adambht__MLOps_Churn_Project/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 1,
			trashedExperiments: 0,
			runs: 51,
			trashedRuns: 0,
			deletedInPlace: 0,
			childRuns: 0,
			params: 22,
			tags: 307,
			metricSeries: 45,
			metricPoints: 45,
			maxPointsPerSeries: 1,
			registeredModels: 1,
			modelVersions: 11,
			status: { FINISHED: 51 },
		});
		const [model] = store.models;
		expect(model!.versions.map((v) => v.version)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
		expect(model!.versions[9]).toMatchObject({ version: '10', stage: 'None', status: 'READY', runId: '88e8253d8b7444ee969ae6e08297eac5' });
		// Bytes of mlflow-artifacts: URIs live on the server (`../mlartifacts`), absent here.
		expect(store.allRuns().every((r) => r.run.artifactUri?.startsWith('mlflow-artifacts:/0/') && r.artifacts.length === 0)).toBe(true);
	});

	it('Ghaith-Saidani__MLflow: RUNNING runs with end_time null, deleted_time, a registry', async () => {
		const store = await readStore('Ghaith-Saidani__MLflow/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 1,
			trashedExperiments: 0,
			runs: 55,
			trashedRuns: 0,
			deletedInPlace: 24,
			childRuns: 0,
			params: 27,
			tags: 281,
			metricSeries: 51,
			metricPoints: 51,
			maxPointsPerSeries: 1,
			registeredModels: 1,
			modelVersions: 6,
			status: { RUNNING: 13, FINISHED: 39, FAILED: 3 },
		});
		const running = store.allRuns().filter((r) => r.run.status === 'RUNNING');
		expect(running.every((r) => r.run.endTime === null && r.run.startTime !== null)).toBe(true);
	});

	it('Yeabtssega__Credit-risk-model/mlruns: MLflow 3 logged models with 4-column metric lines, outputs, registry', async () => {
		const store = await readStore('Yeabtssega__Credit-risk-model/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 3,
			trashedExperiments: 0,
			runs: 7,
			trashedRuns: 0,
			deletedInPlace: 0,
			childRuns: 0,
			params: 11,
			tags: 35,
			metricSeries: 21, // run metric files only; logged-model metric files are read with the models
			metricPoints: 41,
			maxPointsPerSeries: 2,
			registeredModels: 3,
			modelVersions: 3,
			loggedModels: 6,
			runOutputs: 6,
			status: { FINISHED: 6, FAILED: 1 },
		});
		const model = store.experiment('434862511122141502').loggedModels.find((m) => m.id === 'm-141a8a64eccf44489d39f34798b3c941')!;
		// `<ts> <value> <step> <run_id>`: the run id column is the model's source run.
		expect(readFileSync(fixture('Yeabtssega__Credit-risk-model/mlruns/434862511122141502/models/m-141a8a64eccf44489d39f34798b3c941/metrics/recall'), 'utf8')).toMatch(
			/^1751015068189 0\.3215003348961822 0 52db282fd65b4f1b8e7d4e2c467f5b38\r?\n$/,
		);
		expect(model.metrics.filter((m) => m.key === 'recall')).toEqual([
			{ key: 'recall', value: 0.3215003348961822, timestamp: 1751015068189, step: 0, datasetName: null, datasetDigest: null },
		]);
		expect(model.sourceRunId).toBe('52db282fd65b4f1b8e7d4e2c467f5b38');
		expect(Object.keys(model.params).sort()).toEqual(['max_depth', 'min_samples_split', 'n_estimators']);
		expect(model.tags['mlflow.source.type']).toBeDefined();
		expect(model).toMatchObject({ status: 'READY', lifecycleStage: 'active', experimentId: '434862511122141502' });
		const producers = store.allRuns().filter((r) => r.run.outputModelIds.length > 0);
		expect(producers).toHaveLength(6);
		const best = store.models.find((m) => m.model.name === 'best_model')!;
		expect(best.model.aliases).toEqual({}); // meta.yaml's `aliases: {}` is ignored; there is no aliases/ folder
		expect(best.versions).toMatchObject([{ version: '1', source: 'models:/m-68dbf7f8f5794e3aa4cf250a66c8635c', description: null }]);
	});

	it('Yeabtssega__Credit-risk-model/src/mlruns: Windows file:///C:/ URIs, CRLF metric files', async () => {
		const store = await readStore('Yeabtssega__Credit-risk-model/src/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 2,
			trashedExperiments: 0,
			runs: 2,
			trashedRuns: 0,
			deletedInPlace: 0,
			childRuns: 0,
			params: 6,
			tags: 10,
			metricSeries: 10,
			metricPoints: 20,
			maxPointsPerSeries: 2,
			loggedModels: 2,
			runOutputs: 2,
			status: { FINISHED: 2 },
		});
		const run = store.run('7e4ab90f2f2d4522a5c957931c9ecf7a');
		expect(run.run.artifactUri).toMatch(/^file:\/\/\/C:\/Users\/HP\//);
		// The C:/ path is never followed; this run has no artifacts folder in the store.
		expect(run.artifacts).toEqual([]);
		const recall = readFileSync(fixture('Yeabtssega__Credit-risk-model/src/mlruns/718424956754727442/7e4ab90f2f2d4522a5c957931c9ecf7a/metrics/recall'), 'utf8');
		expect(recall).toContain('\r\n');
		expect(run.points.filter((p) => p.key === 'recall')).toEqual([
			{ key: 'recall', value: 0.0036231884057971015, timestamp: 1750930062131, step: 0 },
			{ key: 'recall', value: 0.0036231884057971015, timestamp: 1750930062131, step: 0 }, // an exact duplicate line, passed through
		]);
		expect(run.run.outputModelIds).toEqual(['m-c41ed6f1947a4886a79300d4b7363115']);
	});

	it('2025-1-productos-de-datos…: datasets and run inputs (destination_id holds the dataset id)', async () => {
		const store = await readStore('2025-1-productos-de-datos__PRE-12-mlflow-evaluacion-alvelezp/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 1,
			trashedExperiments: 0,
			runs: 7,
			trashedRuns: 0,
			deletedInPlace: 0,
			childRuns: 0,
			params: 37,
			tags: 49,
			metricSeries: 112,
			metricPoints: 112,
			maxPointsPerSeries: 1,
			datasets: 1,
			runInputs: 7,
			status: { FINISHED: 6, FAILED: 1 },
		});
		const [dataset] = store.experiment('0').datasets;
		expect(dataset).toMatchObject({ id: 'f999a911657acf4276658cbda7974b36', name: 'dataset', digest: '1fbe660b', sourceType: 'code', profile: '{"num_rows": 400, "num_elements": 4800}' });
		expect(JSON.parse(dataset!.schema!).mlflow_colspec).toHaveLength(12); // a folded YAML string, read whole
		expect(store.run('4d2965b64d0a4909b3c6fcfe4e4c03bc').run.inputs).toEqual([{ datasetId: dataset!.id, context: null }]);
		expect(store.run('4d2965b64d0a4909b3c6fcfe4e4c03bc').artifacts.map((a) => a.path)).toContain('model/MLmodel');
	});

	it('00VALAK00__MCP-LLamaIndex-CRUD-Agent: a store of traces only yields one experiment and no runs', async () => {
		const store = await readStore('00VALAK00__MCP-LLamaIndex-CRUD-Agent/mlruns');
		expect(store.warnings).toEqual([]);
		expect(store.counts).toEqual({
			...noRegistry,
			experiments: 1,
			trashedExperiments: 0,
			runs: 0,
			trashedRuns: 0,
			deletedInPlace: 0,
			childRuns: 0,
			params: 0,
			tags: 0,
			metricSeries: 0,
			metricPoints: 0,
			maxPointsPerSeries: 0,
			status: {},
		});
	});

	it('refuses a folder that is not a store, and a path where nothing exists', async () => {
		const options = { warn: () => {}, displayUri: 'x' };
		// The repository folder instead of its mlruns/ inside.
		await expect(openFileStoreReader(fixture('Toma0916__GlobalWheatDetection'), options)).rejects.toThrow(
			exportError(SourceNotMlflow, 'x', 'it holds no <experiment id>/meta.yaml, .trash/ or models/ folder').message,
		);
		await expect(openFileStoreReader(fixture('MadanManav__MLFlow_tutorial_with_hyperopt'), options)).rejects.toThrow(
			exportError(SourceNotMlflow, 'x', 'it holds no <experiment id>/meta.yaml, .trash/ or models/ folder').message,
		);
		await expect(openFileStoreReader(join(FIXTURES, 'no-such-store'), options)).rejects.toThrow(exportError(SourceMissing, 'x').message);
	});
});

const noRegistry = { registeredModels: 0, modelVersions: 0, aliases: 0, loggedModels: 0, datasets: 0, runInputs: 0, runOutputs: 0 };

interface ReadRun {
	experimentId: string;
	run: RawRun;
	points: RawMetricPoint[];
	artifacts: RawArtifact[];
}

/** Reads everything a store holds through the reader, as the exporter would, and counts it. */
async function readStore(path: string) {
	const warnings: string[] = [];
	const reader = await openFileStoreReader(fixture(path), { warn: (m) => warnings.push(m), displayUri: path });
	const experiments: Array<{ experiment: RawExperiment; runs: ReadRun[]; datasets: RawDataset[]; loggedModels: RawLoggedModel[] }> = [];
	for await (const experiment of reader.experiments()) {
		const runs: ReadRun[] = [];
		for await (const run of reader.runs(experiment)) {
			runs.push({ experimentId: experiment.id, run, points: await collect(reader.metricPoints(run)), artifacts: await collect(reader.artifacts(run)) });
		}
		experiments.push({ experiment, runs, datasets: await collect(reader.datasets(experiment)), loggedModels: await collect(reader.loggedModels(experiment)) });
	}
	const models: Array<{ model: RawRegisteredModel; versions: RawModelVersion[] }> = [];
	for await (const model of reader.registeredModels()) models.push({ model, versions: await collect(reader.modelVersions(model)) });
	await reader.close();

	const allRuns = () => experiments.flatMap((e) => e.runs);
	const series = allRuns().flatMap((r) => Object.values(Object.groupBy(r.points, (p) => p.key)).map((ps) => ps!.length));
	const status: Record<string, number> = {};
	for (const { run } of allRuns()) status[run.status] = (status[run.status] ?? 0) + 1;
	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
	const counts = {
		experiments: experiments.filter((e) => e.experiment.lifecycleStage === 'active').length,
		trashedExperiments: experiments.filter((e) => e.experiment.lifecycleStage === 'deleted').length,
		runs: allRuns().length,
		trashedRuns: sum(experiments.filter((e) => e.experiment.lifecycleStage === 'deleted').map((e) => e.runs.length)),
		deletedInPlace: allRuns().filter((r) => r.run.lifecycleStage === 'deleted' && experimentOf(r).lifecycleStage === 'active').length,
		childRuns: allRuns().filter((r) => r.run.tags['mlflow.parentRunId'] !== undefined).length,
		params: sum(allRuns().map((r) => Object.keys(r.run.params).length)),
		tags: sum(allRuns().map((r) => Object.keys(r.run.tags).length)),
		metricSeries: series.length,
		metricPoints: sum(series),
		maxPointsPerSeries: Math.max(0, ...series),
		registeredModels: models.length,
		modelVersions: sum(models.map((m) => m.versions.length)),
		aliases: sum(models.map((m) => Object.keys(m.model.aliases).length)),
		loggedModels: sum(experiments.map((e) => e.loggedModels.length)),
		datasets: sum(experiments.map((e) => e.datasets.length)),
		runInputs: sum(allRuns().map((r) => r.run.inputs.length)),
		runOutputs: sum(allRuns().map((r) => r.run.outputModelIds.length)),
		status,
	};
	function experimentOf(r: ReadRun) {
		return experiments.find((e) => e.experiment.id === r.experimentId)!.experiment;
	}
	return {
		warnings,
		counts,
		models,
		allRuns,
		allPoints: () => allRuns().flatMap((r) => r.points),
		allExperiments: () => experiments.map((e) => e.experiment),
		experiment: (id: string) => experiments.find((e) => e.experiment.id === id)!,
		run: (id: string) => allRuns().find((r) => r.run.id === id)!,
	};
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

/** An independent count of an experiment folder's runs (plain fs, no reader code). */
function countRunsFolder(dir: string) {
	const files = (sub: string): string[] =>
		existsSync(sub) ? readdirSync(sub, { recursive: true, encoding: 'utf8' }).map((f) => join(sub, f)).filter((f) => statSync(f).isFile()) : [];
	const runs = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
	const c = { runs: runs.length, deleted: 0, params: 0, emptyParams: 0, tags: 0, metricFiles: 0, points: 0, status: { RUNNING: 0, FINISHED: 0 } };
	for (const run of runs) {
		const meta = readFileSync(join(dir, run, 'meta.yaml'), 'utf8');
		if (/^lifecycle_stage: deleted$/m.test(meta)) c.deleted++;
		const status = /^status: (\d)$/m.exec(meta)?.[1];
		if (status === '1') c.status.RUNNING++;
		if (status === '3') c.status.FINISHED++;
		const params = files(join(dir, run, 'params'));
		c.params += params.length;
		c.emptyParams += params.filter((f) => statSync(f).size === 0).length;
		c.tags += files(join(dir, run, 'tags')).length;
		const metrics = files(join(dir, run, 'metrics'));
		c.metricFiles += metrics.length;
		for (const f of metrics) c.points += readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
	}
	return c;
}
