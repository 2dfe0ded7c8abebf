import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MLFLOW_REVISION_CHAIN, SQLITE_GENERATIONS } from '../../../scripts/demo/mlflow-schema-generations.ts';
import { openSqliteReader } from '../../../src/export/sqlite/sqlite-reader.ts';
import {
	DS_EVAL,
	DS_TRAIN,
	EXP_BIG,
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

/**
 * The SQLite reader on the same content written at each schema generation that real stores
 * report (`SQLITE_GENERATIONS`). What a generation has no table or column for comes back as
 * the reader's "unknown": no creation time, no aliases, no datasets, no logged models.
 */
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const atLeast = (revision: string, since: string) => MLFLOW_REVISION_CHAIN.indexOf(revision) >= MLFLOW_REVISION_CHAIN.indexOf(since);

describe.each(SQLITE_GENERATIONS)('openSqliteReader on a store at $revision (MLflow $mlflow)', ({ revision }) => {
	const has = {
		experimentTimes: atLeast(revision, '97727af70f4d'),
		deletedTime: atLeast(revision, '0c779009ac13'),
		aliases: atLeast(revision, '3500859a5d39'),
		datasets: atLeast(revision, '7f2a7d5fae7d'),
		loggedModels: atLeast(revision, '400f98739977'),
	};

	it('reads experiments and runs of every status and lifecycle, without changing a byte', async () => {
		const { dir, path } = writeQuirksStore({ sqlite: revision });
		const before = { hash: sha256(path), files: readdirSync(dir).sort() };
		const reader = await openSqliteReader(path, { warn: () => {}, displayUri: 'mlflow.db' });
		const store = await readAll(reader);
		await reader.close();
		expect({ hash: sha256(path), files: readdirSync(dir).sort() }).toEqual(before);

		expect(store.experiments.map((e) => [e.id, e.name, e.lifecycleStage]).sort()).toEqual([
			['0', 'Default', 'active'],
			['1', 'Détection du blé', 'active'],
			['3', 'retired sweep', 'deleted'],
			[String(EXP_BIG), 'seismic-picker', 'active'],
		]);
		expect(store.experiment('1').tags).toEqual({ 'mlflow.note.content': SWEEP_NOTE, 'team/owner': 'ana' });
		expect(store.experiment('1').creationTime).toBe(has.experimentTimes ? 1_700_000_000_000 : null);
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
		expect(store.run(RUN_CHILD)).toMatchObject({ name: 'essai n°2 — évaluation', endTime: null, userId: 'bob' });
		expect(store.run(RUN_CHILD).tags['mlflow.parentRunId']).toBe(RUN_SWEEP);
		expect(store.run(RUN_PICKER).experimentId).toBe(String(EXP_BIG));
		expect(store.run(RUN_SWEEP).params).toEqual({
			lr: '0.01',
			'optimizer/name': 'adam',
			'optimizer/params/beta1': '0.9',
			'AVG AUC overall': '0.5',
			empty: '',
			notes: 'line one\nline two',
		});
	});

	it('decodes NaN and ±Infinity, keeps one of two identical values, and streams in history order', async () => {
		const { path } = writeQuirksStore({ sqlite: revision });
		const reader = await openSqliteReader(path, { warn: () => {}, displayUri: 'mlflow.db' });
		const store = await readAll(reader);
		await reader.close();
		const sweep = store.points.get(RUN_SWEEP)!;
		const of = (key: string) => sweep.filter((p) => p.key === key).map((p) => p.value);
		expect(of('val_loss')).toEqual([0.9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.4]);
		expect(of('val_accuracy')).toEqual([0.875]);
		expect(of('loss')).toHaveLength(LONG_SERIES);
		expect(store.points.get(RUN_FAILED)!.map((p) => p.value)).toEqual([3, Number.NaN]);
		for (const list of store.points.values()) {
			for (let i = 1; i < list.length; i++) {
				const [a, b] = [list[i - 1]!, list[i]!];
				expect(a.key < b.key || (a.key === b.key && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.step <= b.step)))).toBe(true);
			}
		}
		// latest_metrics: the largest (step, timestamp, value), NaN included.
		expect(store.run(RUN_SWEEP).latestMetrics?.['loss']).toMatchObject({ step: LONG_SERIES - 1 });
		expect(store.run(RUN_FAILED).latestMetrics?.['loss']?.value).toBeNaN();
	});

	it(`reads the registry: numeric version order, stages, Deleted_Internal, ${has.aliases ? 'hyphenated aliases' : 'no aliases table'}`, async () => {
		const { path } = writeQuirksStore({ sqlite: revision });
		const reader = await openSqliteReader(path, { warn: () => {}, displayUri: 'mlflow.db' });
		const { models } = await readAll(reader);
		await reader.close();
		expect(models.map((m) => m.model.name)).toEqual(['seismic-picker', 'summarise-prompt']);
		const [picker, prompt] = models;
		expect(picker!.model).toMatchObject({
			description: '**Picks** P-wave arrivals.',
			tags: { team: 'geo' },
			aliases: has.aliases ? { 'in-preview': '11', champion: '10' } : {},
		});
		expect(picker!.versions.map((v) => `${v.version}:${v.stage}`)).toEqual(['1:Archived', '2:Deleted_Internal', '10:Production', '11:Staging']);
		expect(picker!.versions[2]).toMatchObject({ source: `models:/${LOGGED_MODEL}`, runId: RUN_PICKER, tags: { validated: 'yes' } });
		expect(picker!.versions[1]).toMatchObject({ source: 'REDACTED-SOURCE-PATH', runId: 'REDACTED-RUN-ID' });
		expect(picker!.versions[3]).toMatchObject({ description: null, userId: null });
		expect(prompt!.model.tags).toEqual({ 'mlflow.prompt.is_prompt': 'true' });
	});

	it(`reads ${has.datasets ? 'dataset inputs' : 'no datasets'} and ${has.loggedModels ? 'a logged model with its run output' : 'no logged models'}, and artifacts beside the database`, async () => {
		const { path } = writeQuirksStore({ sqlite: revision });
		const reader = await openSqliteReader(path, { warn: () => {}, displayUri: 'mlflow.db' });
		const store = await readAll(reader);
		await reader.close();
		const picker = store.run(RUN_PICKER);
		expect(store.datasets.map((d) => d.id).sort()).toEqual(has.datasets ? [DS_TRAIN, DS_EVAL] : []);
		expect(picker.inputs).toEqual(has.datasets ? [{ datasetId: DS_TRAIN, context: 'train' }, { datasetId: DS_EVAL, context: 'eval' }] : []);
		expect(picker.outputModelIds).toEqual(has.loggedModels ? [LOGGED_MODEL] : []);
		expect(store.loggedModels.map((m) => [m.id, m.status, m.sourceRunId, m.params])).toEqual(
			has.loggedModels ? [[LOGGED_MODEL, 'READY', RUN_PICKER, { window: '3.0' }]] : [],
		);
		const artifacts = store.artifacts.get(RUN_PICKER)!;
		expect(artifacts.map((a) => a.path)).toEqual(['metrics.json', 'model/MLmodel', 'plots/confusion.png']);
		for (const a of artifacts) expect((await a.read()).byteLength).toBe(a.size);
		expect(new TextDecoder().decode(await artifacts[0]!.read())).toBe('{"f1": 0.8}');
		expect(store.artifacts.get(RUN_DIGITS)).toEqual([]);
	});
});
