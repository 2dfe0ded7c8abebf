import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportError, SourceMissing, SourceNotMlflow } from '../../../src/errors.ts';
import { openFileStoreReader } from '../../../src/export/file-store/file-store-reader.ts';
import { refusedArtifacts, skippedBadRecord, skippedMetricLine, skippedMoreMetricLines } from '../../../src/messages.ts';
import type { RawMetricPoint, RawRun, SourceReader } from '../../../src/export/source-reader.ts';

/**
 * The reader on hand-made stores (test/fixtures/mlruns/): one of each edge case MLflow's file
 * store can hold, each broken record skipped with the catalogued warning naming its file.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/mlruns');
const EDGE = join(FIXTURES, 'edge-cases/mlruns');
const A = 'a0000000000000000000000000000001';
const G = '60000000000000000000000000000007';
const M = 'm-00000000000000000000000000000abc';

async function open(root = EDGE, displayUri = 'edge/mlruns') {
	const warnings: string[] = [];
	const reader = await openFileStoreReader(root, { warn: (m) => warnings.push(m), displayUri });
	return { reader, warnings };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

/** Reads the whole store in the exporter's order and returns what it saw. */
async function readAll(reader: SourceReader) {
	const experiments = await collect(reader.experiments());
	const runs: RawRun[] = [];
	const points = new Map<string, RawMetricPoint[]>();
	const artifacts = new Map<string, string[]>();
	const datasets = [];
	const loggedModels = [];
	for (const e of experiments) {
		for (const run of await collect(reader.runs(e))) {
			runs.push(run);
			points.set(run.id, await collect(reader.metricPoints(run)));
			artifacts.set(run.id, (await collect(reader.artifacts(run))).map((a) => a.path));
		}
		datasets.push(...(await collect(reader.datasets(e))));
		loggedModels.push(...(await collect(reader.loggedModels(e))));
	}
	const models = [];
	for (const model of await collect(reader.registeredModels())) models.push({ model, versions: await collect(reader.modelVersions(model)) });
	return { experiments, runs, points, artifacts, datasets, loggedModels, models, run: (id: string) => runs.find((r) => r.id === id)! };
}

describe('file-store reader on the hand-made edge-case store', () => {
	it('skips each broken record with a catalogued warning naming its file, and reads the rest', async () => {
		const { reader, warnings } = await open();
		const store = await readAll(reader);
		const runFile = (run: string, rel: string) => `edge/mlruns/1/${run}/${rel}`;
		expect(warnings).toEqual([
			// Experiments first (readAll lists them all before reading runs), then each run's records.
			skippedBadRecord('experiment', 'edge/mlruns/.trash/0', 'experiment 0 is also active'),
			skippedBadRecord('experiment', 'edge/mlruns/2/meta.yaml', 'its experiment_id "3" does not match the folder name'),
			skippedBadRecord('run', runFile('c0000000000000000000000000000003', 'meta.yaml'), "it is not valid YAML (Missing closing 'quote)"),
			skippedBadRecord('run', 'edge/mlruns/1/d0000000000000000000000000000004', 'meta.yaml is missing'),
			// The `..` attempt: a run_id that would leave its folder never matches a folder name.
			skippedBadRecord('run', runFile('e0000000000000000000000000000005', 'meta.yaml'), 'its run_id "../../0" does not match the folder name'),
			skippedMetricLine(runFile(A, 'metrics/eval/acc'), 4, 'expected "timestamp value step" but found 1 field'),
			skippedMetricLine(runFile(A, 'metrics/eval/acc'), 5, 'value "abc" is not a number'),
			skippedMetricLine(runFile(A, 'metrics/eval/acc'), 6, 'step "x" is not an integer'),
			skippedMetricLine(runFile(A, 'metrics/eval/acc'), 7, 'expected "timestamp value step" but found 4 fields'),
			skippedBadRecord('metric file', runFile('f0000000000000000000000000000006', 'metrics/bin'), 'it holds binary data'),
			skippedBadRecord('dataset', 'edge/mlruns/1/datasets/bad/meta.yaml', 'it has no name or digest'),
			skippedMetricLine(`edge/mlruns/1/models/${M}/metrics/auc`, 3, 'expected "timestamp value step run_id" but found 3 fields'),
			skippedBadRecord('registered model', 'edge/mlruns/models/broken', 'meta.yaml is missing'),
			skippedBadRecord('model version', 'edge/mlruns/models/churn/version-3/meta.yaml', 'its version "4" does not match the folder name'),
		]);
		expect(store.experiments.map((e) => [e.id, e.lifecycleStage])).toEqual([['0', 'active'], ['1', 'active'], ['4', 'deleted']]);
		expect(store.runs.map((r) => r.id).sort()).toEqual([
			G,
			'70000000000000000000000000000008',
			'90000000000000000000000000000009',
			A,
			'b0000000000000000000000000000002',
			'f0000000000000000000000000000006',
		].sort());
		// Good metric files of a run with a binary one are still read.
		expect(store.points.get('f0000000000000000000000000000006')).toEqual([{ key: 'ok', value: 2, timestamp: 1600000000850, step: 0 }]);
	});

	it('reads legacy metas: unquoted ids, run_uuid only, no status, end_time null, name from tag', async () => {
		const { reader } = await open();
		const store = await readAll(reader);
		expect(store.experiments[1]).toEqual({
			id: '1',
			name: 'edge cases',
			lifecycleStage: 'active',
			artifactLocation: '/home/someone/mlruns/1',
			creationTime: null,
			lastUpdateTime: null,
			tags: { 'mlflow.note.content': '# Notes\n\nSecond line, kept with its newline\n', 'team/owner': 'ana' },
		});
		expect(store.run(A)).toEqual({
			id: A,
			experimentId: '1',
			name: 'légende 1',
			status: 'RUNNING',
			lifecycleStage: 'active',
			startTime: 1600000000000,
			endTime: null,
			userId: 'ana',
			artifactUri: `./mlruns/1/${A}/artifacts`,
			params: { 'AVG AUC overall': '0.5', empty: '', multi: 'line one\nline two\n', 'optimizer/lr': '0.01' },
			tags: { 'mlflow.runName': 'légende 1' },
			inputs: [],
			outputModelIds: [],
			latestMetrics: null,
		});
		expect(store.run('b0000000000000000000000000000002')).toMatchObject({ status: 'FAILED', lifecycleStage: 'deleted', name: 'failed-run', params: {} });
		expect(store.run('90000000000000000000000000000009')).toMatchObject({ status: 'KILLED', name: null, userId: null });
		// Under .trash/ everything is deleted, whatever meta.yaml says.
		expect(store.run('70000000000000000000000000000008')).toMatchObject({ experimentId: '4', lifecycleStage: 'deleted' });
	});

	it('parses metric lines of 2, 3 and 5+ fields, CRLF, nan/inf in any case, and keeps duplicates', async () => {
		const { reader } = await open();
		const store = await readAll(reader);
		const points = store.points.get(A)!;
		const of = (key: string) => points.filter((p) => p.key === key).map((p) => [p.timestamp, p.value, p.step]);
		expect(of('loss')).toEqual([
			[1600000000001, 0.5, 0],
			[1600000000002, NaN, 1],
			[1600000000003, Infinity, 2],
			[1600000000004, -Infinity, 3],
			[1600000000005, 1e-5, 4],
			[1600000000005, 1e-5, 4],
		]);
		// Two fields (before MLflow 1.0): step 0. The last line has no newline.
		expect(of('legacy')).toEqual([
			[1600000000001, 3, 0],
			[1600000000002, 4.5, 0],
			[1600000000003, -Infinity, 0],
			[1600000000004, NaN, 0],
		]);
		// Five fields and more (a dataset name with spaces); an empty line is not an error.
		expect(of('eval/acc')).toEqual([
			[1600000000001, 0.9, 0],
			[1600000000002, 0.91, 1],
			[1600000000006, 1.5e20, 4],
		]);
		expect(of('empty_metric')).toEqual([]);
	});

	it('reads datasets, dataset inputs (not model inputs), outputs, logged models with 4/6-field lines', async () => {
		const { reader } = await open();
		const store = await readAll(reader);
		expect(store.datasets).toEqual([
			{ id: '5f0000000000000000000000000000aa', experimentId: '1', name: 'train set', digest: 'd1g', sourceType: 'local', source: '{"uri": "file:///data/train.csv"}', schema: null, profile: null },
		]);
		// An all-digit run id, quoted by PyYAML, stays a string.
		expect(store.run(G)).toMatchObject({
			inputs: [{ datasetId: '5f0000000000000000000000000000aa', context: 'train' }],
			outputModelIds: [M],
		});
		expect(store.loggedModels).toEqual([
			{
				id: M,
				experimentId: '1',
				name: 'model',
				sourceRunId: G,
				status: 'PENDING',
				lifecycleStage: 'active', // absent in meta.yaml, as in MLflow 3.1/3.2
				modelType: null,
				creationTime: 1600000001800,
				params: { alpha: '0.1' },
				tags: { 'mlflow.modelVersions': '[{"name": "churn", "version": 10}]' },
				metrics: [
					{ key: 'auc', value: 0.8, timestamp: 1600000001700, step: 0, datasetName: 'train set', datasetDigest: 'd1g' },
					{ key: 'auc', value: 0.81, timestamp: 1600000001701, step: 1, datasetName: null, datasetDigest: null },
				],
			},
		]);
	});

	it('reads the registry: aliases from files, numeric version order, Deleted_Internal and prompts passed through', async () => {
		const { reader } = await open();
		const { models } = await readAll(reader);
		expect(models.map((m) => m.model.name)).toEqual(['churn', 'my-prompt']);
		const churn = models[0]!;
		// meta.yaml's stale `aliases: {best: '1'}` is ignored.
		expect(churn.model).toEqual({
			name: 'churn',
			creationTime: 1600000003000,
			lastUpdatedTime: 1600000004000,
			description: '# Churn model',
			tags: { owner: 'ana' },
			aliases: { challenger: '1', champion: '10' },
		});
		expect(churn.versions.map((v) => [v.version, v.stage])).toEqual([['1', 'Production'], ['2', 'Deleted_Internal'], ['10', 'None']]);
		expect(churn.versions[2]).toEqual({
			name: 'churn',
			version: '10',
			creationTime: 1600000003400,
			lastUpdatedTime: 1600000003500,
			description: 'Best so far',
			userId: 'carol',
			stage: 'None',
			status: 'READY',
			source: `models:/${M}`,
			runId: G,
			tags: { validated: 'yes' },
		});
		expect(models[1]!.model.tags).toEqual({ 'mlflow.prompt.is_prompt': 'true' });
	});

	it('re-roots artifacts into the store or ../mlartifacts, and never follows a URI elsewhere', async () => {
		const { reader } = await open();
		const store = await readAll(reader);
		expect(store.artifacts.get(A)).toEqual(['notes.txt', 'plots/a.txt']);
		// mlflow-artifacts:/1/<run>/artifacts → <root>/../mlartifacts/1/<run>/artifacts
		expect(store.artifacts.get(G)).toEqual(['model/MLmodel']);
		// mlflow-artifacts:/../../../../etc names nothing the reader will open.
		expect(store.artifacts.get('90000000000000000000000000000009')).toEqual([]);
		// file:///C:/… of a run without an artifacts folder in the store.
		expect(store.artifacts.get('b0000000000000000000000000000002')).toEqual([]);
		const [notes] = await collect(reader.artifacts(store.run(A)));
		expect(notes).toMatchObject({ path: 'notes.txt', size: 2 });
		expect(new TextDecoder().decode(await notes!.read())).toBe('hi');
	});

	it('does not follow symbolic links out of the store', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-fs-links-'));
		cpSync(join(FIXTURES, 'edge-cases'), dir, { recursive: true });
		writeFileSync(join(dir, 'secret.txt'), 'do not publish');
		const run = join(dir, 'mlruns/1', A);
		symlinkSync(join(dir, 'secret.txt'), join(run, 'params/leak'));
		symlinkSync(join(dir, 'secret.txt'), join(run, 'artifacts/leak.txt'));
		symlinkSync(dir, join(run, 'tags/outside'));
		const linkedMeta = join(dir, 'mlruns/1/f0000000000000000000000000000006/meta.yaml');
		writeFileSync(join(dir, 'meta-elsewhere.yaml'), readFileSync(linkedMeta, 'utf8').replace('run_name: f', 'run_name: do not publish'));
		rmSync(linkedMeta);
		symlinkSync(join(dir, 'meta-elsewhere.yaml'), linkedMeta);
		const { reader, warnings } = await open(join(dir, 'mlruns'), 'linked/mlruns');
		const store = await readAll(reader);
		const linked = `linked/mlruns/1/${A}`;
		const reason = 'it is a symbolic link, and links are not followed so that nothing outside the store is read';
		expect(warnings).toEqual(expect.arrayContaining([
			skippedBadRecord('entry', `${linked}/params/leak`, reason),
			skippedBadRecord('entry', `${linked}/tags/outside`, reason),
			refusedArtifacts(A, `${linked}/artifacts/leak.txt`, reason),
			skippedBadRecord('run', 'linked/mlruns/1/f0000000000000000000000000000006', `meta.yaml ${reason.slice('it '.length)}`),
		]));
		expect(store.runs.map((r) => r.id)).not.toContain('f0000000000000000000000000000006');
		expect(JSON.stringify(store.run(A))).not.toContain('do not publish');
		expect(store.artifacts.get(A)).toEqual(['notes.txt', 'plots/a.txt']);
	});

	it('reads a run id found in two experiments once, and reports a problem once however often it is read', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-fs-twice-'));
		cpSync(join(FIXTURES, 'edge-cases'), dir, { recursive: true });
		cpSync(join(dir, 'mlruns/1', G), join(dir, 'mlruns/0', G), { recursive: true });
		const meta = join(dir, 'mlruns/0', G, 'meta.yaml');
		writeFileSync(meta, readFileSync(meta, 'utf8').replace("experiment_id: '1'", "experiment_id: '0'"));
		const { reader, warnings } = await open(join(dir, 'mlruns'), 'twice');
		const [zero, one] = await collect(reader.experiments());
		expect((await collect(reader.runs(zero!))).map((r) => [r.id, r.experimentId])).toEqual([[G, '0']]);
		const first = await collect(reader.runs(one!));
		const again = await collect(reader.runs(one!));
		expect(first.map((r) => r.id)).not.toContain(G);
		expect(again).toEqual(first);
		const duplicate = skippedBadRecord('run', `twice/1/${G}`, `run ${G} also exists in experiment 0`);
		expect(warnings.filter((w) => w === duplicate)).toHaveLength(1);
		expect(new Set(warnings).size).toBe(warnings.length);
	});

	it('reads a metric file larger than the read buffer in chunks, multi-byte text across chunk edges included', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-fs-big-'));
		const run = join(dir, 'mlruns/0/0123456789abcdef0123456789abcdef');
		mkdirSync(join(run, 'metrics'), { recursive: true });
		writeFileSync(join(dir, 'mlruns/0/meta.yaml'), "experiment_id: '0'\nname: Default\n");
		writeFileSync(join(run, 'meta.yaml'), "experiment_id: '0'\nrun_id: 0123456789abcdef0123456789abcdef\nstatus: 3\n");
		const n = 60_000; // about 3.4 MB: several 1 MiB chunks
		const lines = Array.from({ length: n }, (_, i) => `${1600000000000 + i} ${i / 7} ${i} データセット 1fbe660b`);
		lines[n - 2] = 'not a metric line';
		writeFileSync(join(run, 'metrics/long'), lines.join('\r\n'));
		const { reader, warnings } = await open(join(dir, 'mlruns'), 'big/mlruns');
		const [experiment] = await collect(reader.experiments());
		const [raw] = await collect(reader.runs(experiment!));
		let count = 0;
		let last = null;
		for await (const p of reader.metricPoints(raw!)) {
			count++;
			last = p;
		}
		expect(count).toBe(n - 1);
		expect(last).toEqual({ key: 'long', value: (n - 1) / 7, timestamp: 1600000000000 + n - 1, step: n - 1 });
		expect(warnings).toEqual([
			skippedMetricLine('big/mlruns/0/0123456789abcdef0123456789abcdef/metrics/long', n - 1, 'expected "timestamp value step" but found 4 fields'),
		]);
	});

	it('reports the first five unreadable lines of a file one by one and counts the rest', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-fs-bad-'));
		const run = join(dir, 'mlruns/0/0123456789abcdef0123456789abcdef');
		mkdirSync(join(run, 'metrics'), { recursive: true });
		writeFileSync(join(dir, 'mlruns/0/meta.yaml'), "experiment_id: '0'\nname: Default\n");
		writeFileSync(join(run, 'meta.yaml'), "experiment_id: '0'\nrun_id: 0123456789abcdef0123456789abcdef\n");
		writeFileSync(join(run, 'metrics/m'), ['1 1.0 0', ...Array.from({ length: 8 }, () => 'oops'), '2 2.0 1'].join('\n'));
		const { reader, warnings } = await open(join(dir, 'mlruns'), 's');
		const [experiment] = await collect(reader.experiments());
		const [raw] = await collect(reader.runs(experiment!));
		expect(raw!.status).toBe('RUNNING');
		expect((await collect(reader.metricPoints(raw!))).map((p) => p.value)).toEqual([1, 2]);
		const file = 's/0/0123456789abcdef0123456789abcdef/metrics/m';
		const reason = 'expected "timestamp value step" but found 1 field';
		expect(warnings).toEqual([2, 3, 4, 5, 6].map((line) => skippedMetricLine(file, line, reason)).concat(skippedMoreMetricLines(file, 3)));
	});

	it('stops reading a history when the consumer stops, and reads it again from the start', async () => {
		const { reader } = await open();
		const [, one] = await collect(reader.experiments());
		const run = (await collect(reader.runs(one!))).find((r) => r.id === A)!;
		for await (const point of reader.metricPoints(run)) {
			expect(point.key).toBe('eval/acc');
			break;
		}
		expect(await collect(reader.metricPoints(run))).toHaveLength(3 + 4 + 6);
	});

	it('refuses what is not a store', async () => {
		const options = { warn: () => {}, displayUri: 'src' };
		await expect(openFileStoreReader(join(FIXTURES, 'not-a-store'), options)).rejects.toThrow(
			exportError(SourceNotMlflow, 'src', 'it holds no <experiment id>/meta.yaml, .trash/ or models/ folder').message,
		);
		await expect(openFileStoreReader(join(FIXTURES, 'not-a-store/README.md'), options)).rejects.toThrow(
			exportError(SourceNotMlflow, 'src', 'it is a file, not an mlruns/ folder').message,
		);
		await expect(openFileStoreReader(join(FIXTURES, 'nothing-here'), options)).rejects.toMatchObject({
			code: 'MlflowSourceMissing',
			message: exportError(SourceMissing, 'src').message,
		});
		const { reader } = await open();
		await reader.close();
		await reader.close();
	});
});
