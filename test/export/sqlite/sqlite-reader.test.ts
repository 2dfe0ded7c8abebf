import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SourceMissing, SourceNotMlflow, SourceUnreadable, ExportError } from '../../../src/errors.ts';
import { openSqliteReader } from '../../../src/export/sqlite/sqlite-reader.ts';
import type { MetricStream, RawMetricPoint, RawRun, RunMemo, SourceReader } from '../../../src/export/source-reader.ts';
import { sqliteMetricStream } from '../../../src/export/sqlite/sqlite-rows.ts';
import { MODEL_ID, RUN_A, RUN_B, RUN_DELETED, makeLegacyStore, makeModernStore } from '../helpers/make-sqlite-store.ts';
import { writeQuirksStore } from '../../support/write-quirks-store.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const options = (displayUri: string) => ({ warn: () => {}, displayUri });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const x of it) out.push(x);
	return out;
}

async function readAll(reader: SourceReader) {
	const runs: RawRun[] = [];
	const points = new Map<string, RawMetricPoint[]>();
	const experiments = await collect(reader.experiments());
	for (const e of experiments) {
		for (const r of await collect(reader.runs(e))) {
			runs.push(r);
			points.set(r.id, await collect(reader.metricPoints(r)));
		}
	}
	const models = await collect(reader.registeredModels());
	const versions = (await Promise.all(models.map((m) => collect(reader.modelVersions(m))))).flat();
	return { experiments, runs, points, models, versions };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('openSqliteReader on a synthetic MLflow 3.14 store', () => {
	it('decodes NaN (is_nan) and ±Infinity (±DBL_MAX) and streams in (key, timestamp, step, value) order', async () => {
		const { db } = makeModernStore();
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const run = (await readAll(reader)).runs.find((r) => r.id === RUN_A)!;
		const points = await collect(reader.metricPoints(run));
		const val = points.filter((p) => p.key === 'val_loss').map((p) => p.value);
		expect(val).toEqual([0.5, NaN, Infinity, -Infinity, 0.25]);
		expect(points.filter((p) => p.key === 'loss')).toHaveLength(3000);
		expect(points[0]!.key).toBe('loss');
		// The synchronous path offered to the exporter yields the same points.
		expect([...(reader.metricPoints(run) as unknown as Iterable<RawMetricPoint>)]).toEqual(points);
		// So does `each`, the exporter's path: the whole run at once (3,000 rows), and streamed when
		// the run is longer than the rows it reads at once.
		const viaEach = (stream: MetricStream) => {
			const out: RawMetricPoint[] = [];
			stream.each!((key, value, timestamp, step) => out.push({ key, value, timestamp, step }));
			return out;
		};
		expect(viaEach(reader.metricPoints(run))).toEqual(points);
		const sql = new DatabaseSync(db, { readOnly: true });
		const stmt = () => sql.prepare('SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? ORDER BY key, timestamp, step, value');
		const count = sql.prepare('SELECT count(*) FROM metrics WHERE run_uuid = ?');
		count.setReturnArrays(true);
		const rows = stmt();
		rows.setReturnArrays(true);
		const guard = <T>(fn: () => T) => fn();
		expect(viaEach(sqliteMetricStream(stmt, run.id, guard, { count, rows, allRows: 100 }))).toEqual(points);
		expect(viaEach(sqliteMetricStream(stmt, run.id, guard, { count, rows }))).toEqual(points);
		sql.close();
		await reader.close();
	});

	it('reads runs with their params, tags, inputs, outputs and latest metrics, deleted ones flagged', async () => {
		const { db } = makeModernStore();
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const { experiments, runs } = await readAll(reader);
		expect(experiments.map((e) => [e.id, e.lifecycleStage])).toEqual([['0', 'active'], ['1', 'active'], ['2', 'deleted'], ['3', 'active']]);
		expect(experiments[1]!.tags).toEqual({ 'mlflow.note.content': '# Notes' });
		const a = runs.find((r) => r.id === RUN_A)!;
		expect(a.params).toEqual({ lr: '0.1', 'optimizer/name': 'adam', empty: '' });
		expect(a.inputs).toEqual([{ datasetId: 'ds1', context: 'train' }]);
		expect(a.outputModelIds).toEqual([MODEL_ID]);
		const b = runs.find((r) => r.id === RUN_B)!;
		expect(b).toMatchObject({ name: null, userId: null, status: 'RUNNING', endTime: null });
		expect(b.latestMetrics).toEqual({ acc: { key: 'acc', value: 0.9, timestamp: 1700000031000, step: 5 } });
		expect(runs.find((r) => r.id === RUN_DELETED)!.lifecycleStage).toBe('deleted');
		const datasets = await collect(reader.datasets(experiments[1]!));
		expect(datasets).toEqual([
			{ id: 'ds1', experimentId: '1', name: 'train', digest: 'abc123', sourceType: 'local', source: '{"uri": "data.csv"}', schema: null, profile: '{"num_rows": 3}' },
		]);
		const models = await collect(reader.loggedModels(experiments[1]!));
		expect(models.map((m) => [m.id, m.status, m.lifecycleStage])).toEqual([
			[MODEL_ID, 'READY', 'active'],
			[`m-${'f'.repeat(32)}`, 'FAILED', 'deleted'],
		]);
		expect(models[0]!.metrics).toHaveLength(2);
		expect(models[0]!.params).toEqual({ depth: '3' });
		await reader.close();
	});

	it('keeps registered models of different workspaces apart, with Deleted_Internal versions and aliases', async () => {
		const { db } = makeModernStore();
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const models = await collect(reader.registeredModels());
		expect(models.map((m) => [m.name, m.description])).toEqual([
			['Wheat Model', 'A **model**'],
			['Wheat Model', 'Team B copy'],
			['summarise-prompt', null],
		]);
		expect(models[0]!.aliases).toEqual({ champion: '10', old: '2' });
		expect(models[1]!.aliases).toEqual({});
		expect(models[2]!.tags).toEqual({ 'mlflow.prompt.is_prompt': 'true' });
		const first = await collect(reader.modelVersions(models[0]!));
		expect(first.map((v) => `${v.version}:${v.stage}`)).toEqual(['1:Archived', '2:Deleted_Internal', '10:None']);
		expect(first[2]!.tags).toEqual({ validated: 'yes' });
		const second = await collect(reader.modelVersions(models[1]!));
		expect(second.map((v) => v.userId)).toEqual(['bob']);
		await reader.close();
	});

	it('lists artifacts re-rooted next to the database, never following symbolic links', async () => {
		const { db } = makeModernStore();
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const run = (await readAll(reader)).runs.find((r) => r.id === RUN_A)!;
		const artifacts = await collect(reader.artifacts(run));
		expect(artifacts.map((a) => [a.path, a.size])).toEqual([
			['big.json', 1024 * 1024 + 1],
			['metrics.json', 8],
			['model/MLmodel', 12],
			['plots/loss.png', 4],
			['report.html', 25],
		]);
		expect(new TextDecoder().decode(await artifacts[1]!.read())).toBe('{"a": 1}');
		// RUN_B's file: URI points at another machine, and nothing is next to the database.
		expect(await collect(reader.artifacts((await readAll(reader)).runs.find((r) => r.id === RUN_B)!))).toEqual([]);
		await reader.close();
	});

	it('leaves a writable database byte-identical, with no journal or WAL file next to it', async () => {
		const { dir, db } = makeModernStore();
		const before = { hash: sha256(db), files: readdirSync(dir).sort() };
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const { runs } = await readAll(reader);
		for (const r of runs) await collect(reader.artifacts(r));
		await reader.close();
		expect({ hash: sha256(db), files: readdirSync(dir).sort() }).toEqual(before);
	});

	it('with a memo, stamps each run and hands out the recorded run while its stamp is the same; the database stays byte-identical', async () => {
		const { dir, db } = makeModernStore();
		const before = { hash: sha256(db), files: readdirSync(dir).sort() };
		const recorded = new Map<string, { stamp: string; raw: string }>();
		let hits = 0;
		const memo: RunMemo = {
			get: (id, stamp) => {
				const entry = recorded.get(id);
				if (entry?.stamp !== stamp) return null;
				hits++;
				return { raw: JSON.parse(entry.raw) as RawRun, warnings: [] };
			},
			set: (id, stamp, raw) => void recorded.set(id, { stamp, raw: JSON.stringify(raw) }),
		};
		const read = async () => {
			const reader = await openSqliteReader(db, options('mlflow.db'));
			reader.useRunMemo!(memo);
			const { runs } = await readAll(reader);
			const fingerprints = runs.map((r) => reader.metricsFingerprint!(r));
			await reader.close();
			return { runs, fingerprints };
		};
		const first = await read();
		expect(hits).toBe(0);
		expect(recorded.size).toBe(first.runs.length);
		expect(first.fingerprints.every((f) => typeof f === 'string')).toBe(true);
		const second = await read();
		expect(hits).toBe(first.runs.length);
		expect(JSON.parse(JSON.stringify(second))).toEqual(JSON.parse(JSON.stringify(first)));
		expect({ hash: sha256(db), files: readdirSync(dir).sort() }).toEqual(before);
	});

	it('reads an MLflow ≤ 1.4 database without step, is_nan, latest_metrics or registry tables', async () => {
		const { db } = makeLegacyStore();
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const { runs, points, models } = await readAll(reader);
		expect(runs).toHaveLength(1);
		expect(runs[0]!.latestMetrics).toBeNull();
		expect(points.get(RUN_A)).toEqual([
			{ key: 'rmse', value: 2.5, timestamp: 1500000000500, step: 0 },
			{ key: 'rmse', value: 2, timestamp: 1500000000600, step: 0 },
		]);
		expect(models).toEqual([]);
		expect((await collect(reader.artifacts(runs[0]!))).map((a) => a.path)).toEqual(['notes.txt']);
		await reader.close();
	});
});

describe('openSqliteReader failures name the path', () => {
	const expectError = async (promise: Promise<unknown>, entry: { name: string }, text: string) => {
		const error = await promise.then(
			() => null,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(ExportError);
		expect((error as ExportError).code).toBe(entry.name);
		expect((error as ExportError).exitCode).toBe(1);
		expect((error as ExportError).message).toContain(text);
	};

	it('SourceMissing for a file that does not exist', async () => {
		await expectError(openSqliteReader('/nonexistent/mlflow.db', options('nowhere/mlflow.db')), SourceMissing, 'nowhere/mlflow.db');
		expect(SourceMissing.message('nowhere/mlflow.db')).toContain('nowhere/mlflow.db');
	});

	it('SourceNotMlflow for a text file, an empty file and a SQLite file without MLflow tables', async () => {
		const dir = tempDir('mlpages-bad-');
		writeFileSync(join(dir, 'notes.db'), 'just some text, long enough to have a header');
		await expectError(openSqliteReader(join(dir, 'notes.db'), options('notes.db')), SourceNotMlflow, 'notes.db is not an MLflow store');
		writeFileSync(join(dir, 'empty.db'), '');
		await expectError(openSqliteReader(join(dir, 'empty.db'), options('empty.db')), SourceNotMlflow, 'empty.db');
		const other = new DatabaseSync(join(dir, 'other.db'));
		other.exec('CREATE TABLE things (id INTEGER)');
		other.close();
		await expectError(openSqliteReader(join(dir, 'other.db'), options('other.db')), SourceNotMlflow, 'no MLflow "experiments" and "runs" tables');
		await expectError(openSqliteReader(dir, options('folder')), SourceNotMlflow, 'folder');
	});

	it('SourceUnreadable for a database locked by a writer', async () => {
		const { path } = writeQuirksStore({ sqlite: '0584bdc529eb' });
		const writer = new DatabaseSync(path);
		writer.exec('BEGIN EXCLUSIVE');
		try {
			await expectError(openSqliteReader(path, { ...options('locked/mlflow.db'), busyTimeoutMs: 0 }), SourceUnreadable, 'locked/mlflow.db');
		} finally {
			writer.exec('ROLLBACK');
			writer.close();
		}
	});
});

describe('openSqliteReader on values JavaScript cannot hold', () => {
	it('hands a step above 2^53 on as a number beyond the safe integers, for the exporter to skip, and fails nothing', async () => {
		const { db } = makeModernStore();
		const w = new DatabaseSync(db);
		w.prepare('INSERT INTO metrics VALUES (?, 1, 1, ?, 9007199254740993, 0)').run('huge', RUN_B);
		w.close();
		const reader = await openSqliteReader(db, options('mlflow.db'));
		const { runs } = await (async () => {
			const e = await collect(reader.experiments());
			return { runs: (await collect(reader.runs(e[1]!))) };
		})();
		const b = runs.find((r) => r.id === RUN_B)!;
		const points = await collect(reader.metricPoints(b));
		const huge = points.find((p) => p.key === 'huge')!;
		expect(Number.isSafeInteger(huge.step)).toBe(false);
		expect(await collect(reader.metricPoints(runs.find((r) => r.id === RUN_A)!))).toHaveLength(3005);
		await reader.close();
	});
});
