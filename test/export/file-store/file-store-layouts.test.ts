import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileStoreLayout } from '../../../scripts/demo/file-store-meta.ts';
import { exportError, SourceMissing, SourceNotMlflow } from '../../../src/errors.ts';
import { openFileStoreReader } from '../../../src/export/file-store/file-store-reader.ts';
import { skippedBadRecord } from '../../../src/messages.ts';
import {
	EXP_BIG,
	EXP_RETIRED,
	LOGGED_MODEL,
	LONG_SERIES,
	RUN_CHILD,
	RUN_DELETED,
	RUN_DIGITS,
	RUN_FAILED,
	RUN_KILLED,
	RUN_PICKER,
	RUN_SWEEP,
	RUN_TRASHED,
	SWEEP_NOTE,
} from '../../support/quirks-store.ts';
import { writeQuirksStore } from '../../support/write-quirks-store.ts';
import { readAll } from '../helpers/read-all.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * The file-store reader on the quirks store written as MLflow 1.x, 2.x and 3.x wrote file
 * stores (scripts/demo/file-store-meta.ts): the layouts of the real stores in the corpus.
 */
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

async function read(path: string, displayUri = 'mlruns') {
	const warnings: string[] = [];
	const reader = await openFileStoreReader(path, { warn: (m) => warnings.push(m), displayUri });
	const store = await readAll(reader);
	await reader.close();
	return { store, warnings };
}

describe.each<FileStoreLayout>(['1.x', '2.x', '3.x'])('file-store reader on a store in the MLflow %s layout', (layout) => {
	it('reads experiments and runs of every status and lifecycle, .trash/ as deleted, with no warning', async () => {
		const { path } = writeQuirksStore({ file: layout });
		const { store, warnings } = await read(path);
		expect(warnings).toEqual([]);
		expect(store.experiments.map((e) => [e.id, e.name, e.lifecycleStage]).sort()).toEqual([
			['0', 'Default', 'active'],
			['1', 'Détection du blé', 'active'],
			['3', 'retired sweep', 'deleted'],
			[String(EXP_BIG), 'seismic-picker', 'active'],
		]);
		if (layout === '1.x') expect(readFileSync(join(path, '.trash', String(EXP_RETIRED), 'meta.yaml'), 'utf8')).toContain('lifecycle_stage: active');
		expect(store.experiment('1')).toMatchObject({
			tags: { 'mlflow.note.content': SWEEP_NOTE, 'team/owner': 'ana' },
			creationTime: layout === '1.x' ? null : 1_700_000_000_000,
			artifactLocation: { '1.x': './mlruns/1', '2.x': 'file:///home/ana%20lima/analysis/mlruns/1', '3.x': 'mlflow-artifacts:/1' }[layout],
		});
		expect(store.runs.map((r) => [r.id, r.status, r.lifecycleStage]).sort()).toEqual(
			[
				[RUN_SWEEP, 'FINISHED', 'active'],
				[RUN_CHILD, 'RUNNING', 'active'],
				[RUN_FAILED, 'FAILED', 'active'],
				[RUN_KILLED, 'KILLED', 'active'],
				[RUN_DELETED, 'FINISHED', 'deleted'],
				[RUN_PICKER, 'FINISHED', 'active'],
				[RUN_TRASHED, 'FINISHED', 'deleted'],
				[RUN_DIGITS, 'FINISHED', 'active'],
			].sort(),
		);
		// MLflow 1.x kept the run name only in the mlflow.runName tag.
		expect(store.run(RUN_CHILD)).toMatchObject({ name: 'essai n°2 — évaluation', endTime: null, userId: 'bob' });
		expect(store.run(RUN_PICKER).experimentId).toBe(String(EXP_BIG));
		expect(store.run(RUN_SWEEP).params).toEqual({
			lr: '0.01',
			'optimizer/name': 'adam',
			'optimizer/params/beta1': '0.9',
			'AVG AUC overall': '0.5',
			empty: '',
			notes: 'line one\nline two',
		});
		expect(store.run(RUN_KILLED).tags['mlflow.note.content']).toBe('Stopped by hand: the **split** was wrong.\n');
		expect(store.run(RUN_SWEEP).latestMetrics).toBeNull();
	});

	it('parses nan, inf and -inf, and passes an exact duplicate line through', async () => {
		const { store } = await read(writeQuirksStore({ file: layout }).path);
		const of = (key: string) => store.points.get(RUN_SWEEP)!.filter((p) => p.key === key).map((p) => p.value);
		expect(of('val_loss')).toEqual([0.9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.4]);
		expect(of('val_accuracy')).toEqual([0.875, 0.875]);
		expect(of('loss')).toHaveLength(LONG_SERIES);
	});

	it('re-roots the recorded artifact location to the store and reads the files', async () => {
		const { path } = writeQuirksStore({ file: layout });
		const { store } = await read(path);
		expect(store.run(RUN_PICKER).artifactUri).toBe(
			{
				'1.x': `./mlruns/${EXP_BIG}/${RUN_PICKER}/artifacts`,
				'2.x': `file:///home/ana%20lima/analysis/mlruns/${EXP_BIG}/${RUN_PICKER}/artifacts`,
				'3.x': `mlflow-artifacts:/${EXP_BIG}/${RUN_PICKER}/artifacts`,
			}[layout],
		);
		const artifacts = store.artifacts.get(RUN_PICKER)!;
		expect(artifacts.map((a) => a.path)).toEqual(['metrics.json', 'model/MLmodel', 'plots/confusion.png']);
		expect(new TextDecoder().decode(await artifacts[0]!.read())).toBe('{"f1": 0.8}');
		// A run that logged no artifact has none, whatever its URI names (bytes on a server, another machine).
		expect(store.artifacts.get(RUN_DIGITS)).toEqual([]);
	});

	it(layout === '1.x' ? 'finds no datasets, logged models or registry, as MLflow 1.x kept none' : 'reads datasets by md5(name + digest), dataset inputs, the registry and, in 3.x, logged models and outputs', async () => {
		const { store } = await read(writeQuirksStore({ file: layout }).path);
		const picker = store.run(RUN_PICKER);
		if (layout === '1.x') {
			expect([store.datasets, store.loggedModels, store.models, picker.inputs, picker.outputModelIds]).toEqual([[], [], [], [], []]);
			return;
		}
		const [train, evaluation] = [md5('waveforms-train1fbe660b'), md5('waveforms-eval9c2d4e11')];
		expect(store.datasets.map((d) => d.id).sort()).toEqual([train, evaluation].sort());
		expect(picker.inputs).toEqual(expect.arrayContaining([{ datasetId: train, context: 'train' }, { datasetId: evaluation, context: 'eval' }]));
		expect(picker.outputModelIds).toEqual(layout === '3.x' ? [LOGGED_MODEL] : []);
		expect(store.loggedModels.map((m) => [m.id, m.status, m.sourceRunId, m.metrics.map((x) => [x.key, x.datasetName])])).toEqual(
			layout === '3.x' ? [[LOGGED_MODEL, 'READY', RUN_PICKER, [['auc', 'waveforms-eval']]]] : [],
		);
		const [picker_, prompt] = store.models;
		// Aliases come from aliases/, not the stale copy in meta.yaml ({champion: '1'}).
		expect(picker_!.model).toMatchObject({ name: 'seismic-picker', aliases: { 'in-preview': '11', champion: '10' }, tags: { team: 'geo' } });
		expect(picker_!.versions.map((v) => `${v.version}:${v.stage}`)).toEqual(['1:Archived', '2:Deleted_Internal', '10:Production', '11:Staging']);
		// The file registry keeps a deleted version's fields (the SQL store redacts them).
		expect(picker_!.versions[1]).toMatchObject({ runId: RUN_PICKER, source: `runs:/${RUN_PICKER}/model` });
		expect(prompt!.model.tags).toEqual({ 'mlflow.prompt.is_prompt': 'true' });
	});
});

describe('file-store reader on what real stores also hold', () => {
	it('skips an experiment folder without meta.yaml with a warning, as MLflow does, and reads the rest', async () => {
		const { path } = writeQuirksStore({ file: '1.x' });
		const orphan = join(path, '7', 'feed0000000000000000000000000007');
		mkdirSync(join(orphan, 'params'), { recursive: true });
		writeFileSync(join(orphan, 'meta.yaml'), "experiment_id: '7'\nrun_id: feed0000000000000000000000000007\nstatus: 3\n");
		writeFileSync(join(orphan, 'params', 'lr'), '0.1');
		const { store, warnings } = await read(path, 'store/mlruns');
		expect(warnings).toEqual([skippedBadRecord('experiment', 'store/mlruns/7', 'meta.yaml is missing')]);
		expect(store.experiments.map((e) => e.id)).not.toContain('7');
		expect(store.runs).toHaveLength(8);
	});

	it('reads a store of traces only as one experiment without runs', async () => {
		const root = join(tempDir('mlpages-traces-'), 'mlruns');
		mkdirSync(join(root, '0', 'traces', 'tr-0a1b', 'tags'), { recursive: true });
		writeFileSync(join(root, '0', 'meta.yaml'), "artifact_location: mlflow-artifacts:/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n");
		writeFileSync(join(root, '0', 'traces', 'tr-0a1b', 'trace_info.yaml'), "request_id: tr-0a1b\nstatus: ERROR\n");
		writeFileSync(join(root, '0', 'traces', 'tr-0a1b', 'tags', 'mlflow.traceName'), 'agent');
		const { store, warnings } = await read(root);
		expect(warnings).toEqual([]);
		expect(store.experiments.map((e) => e.id)).toEqual(['0']);
		expect(store.runs).toEqual([]);
	});

	it('refuses the folder that holds a store, a SQLite store’s folder, and a path where nothing exists', async () => {
		const options = { warn: () => {}, displayUri: 'x' };
		const notAStore = exportError(SourceNotMlflow, 'x', 'it holds no <experiment id>/meta.yaml, .trash/ or models/ folder').message;
		await expect(openFileStoreReader(writeQuirksStore({ file: '3.x' }).dir, options)).rejects.toThrow(notAStore);
		await expect(openFileStoreReader(writeQuirksStore({ sqlite: '5b0e9adcef9c' }).dir, options)).rejects.toThrow(notAStore);
		await expect(openFileStoreReader(join(tempDir(), 'no-such-store'), options)).rejects.toThrow(exportError(SourceMissing, 'x').message);
	});
});
