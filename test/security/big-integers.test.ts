/**
 * Issue 15, part 5 (§4.4 #47, #55): MLflow's BIGINT columns hold any 64-bit integer, and a store
 * may hold 2^63−1 (or a nanosecond `time.time_ns()`) wherever MLflow stores an integer. Each such
 * value is read exactly (ids, versions) or its one field or point is left out with a catalogued
 * warning; the export never stops, in SQLite, in the file store's meta.yaml and metric lines, and
 * in REST JSON.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { openRestReader } from '../../src/export/rest/rest-reader.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { droppedOutOfRangeTime, skippedOutOfRangePoints } from '../../src/messages.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { MODEL_ID, RUN_A, makeModernStore } from '../export/helpers/make-sqlite-store.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { mlflowStore } from '../fixtures/mlflow-rest/stores.ts';
import { startMlflowServer, type MlflowTestServer } from '../support/mlflow-server.ts';

const MAX = 9223372036854775807n;
const BEYOND = 'an integer beyond ±2^53';
const config = MlpagesConfigSchema.parse({});

/** Exports what `open` opens into a new folder; the warnings of reader and exporter together. */
async function exportWith(open: (warn: (m: string) => void) => Promise<SourceReader>) {
	const warnings: string[] = [];
	const warn = (m: string) => void warnings.push(m);
	const reader = await open(warn);
	const out = join(tempDir('mlpages-bigint-'), 'content');
	try {
		const { manifest } = await exportSnapshot({ reader, outDir: out, config, warnings: { messages: warnings, warn } });
		const read = (path: string) => JSON.parse(readFileSync(join(out, path), 'utf8'));
		return { manifest, warnings, read, out };
	} finally {
		await reader.close();
	}
}

describe('SQLite: 2^63−1 in every integer column MLflow writes', () => {
	const sqlite = (db: string) => (warn: (m: string) => void) => openSqliteReader(db, { warn, displayUri: 'mlflow.db' });
	const withValue = (sql: string) => {
		const { db } = makeModernStore();
		const w = new DatabaseSync(db);
		w.prepare(sql).run(MAX);
		w.close();
		return exportWith(sqlite(db));
	};

	it.each([
		['experiments.creation_time', 'UPDATE experiments SET creation_time = ? WHERE experiment_id = 1', 'experiments/1.json', 'creationTime', 'creation time', 'experiment 1'],
		['experiments.last_update_time', 'UPDATE experiments SET last_update_time = ? WHERE experiment_id = 1', 'experiments/1.json', 'lastUpdateTime', 'last update time', 'experiment 1'],
		['runs.start_time', `UPDATE runs SET start_time = ? WHERE run_uuid = '${RUN_A}'`, `runs/${RUN_A}.json`, 'startTime', 'start time', `run ${RUN_A}`],
		['runs.end_time', `UPDATE runs SET end_time = ? WHERE run_uuid = '${RUN_A}'`, `runs/${RUN_A}.json`, 'endTime', 'end time', `run ${RUN_A}`],
		['logged_models.creation_timestamp_ms', 'UPDATE logged_models SET creation_timestamp_ms = ?', `logged-models/${MODEL_ID}.json`, 'creationTime', 'creation time', `logged model ${MODEL_ID}`],
		['registered_models.creation_time', "UPDATE registered_models SET creation_time = ? WHERE name = 'Wheat Model' AND workspace = 'default'", null, 'creationTime', 'creation time', 'model "Wheat Model"'],
		['model_versions.creation_time', "UPDATE model_versions SET creation_time = ? WHERE version = 10", null, 'creationTime', 'creation time', 'version 10 of model "Wheat Model"'],
	])('%s: the record is exported with that time unknown, and a warning', async (_, sql, file, field, name, owner) => {
		const { manifest, warnings, read, out } = await withValue(sql);
		expect(manifest.counts.runs).toBe(2);
		expect(warnings).toContain(droppedOutOfRangeTime(name, owner, BEYOND));
		if (file) expect(read(file)[field]).toBeNull();
		else if (owner.startsWith('model')) expect(readdirSync(join(out, 'models')).map((f) => read(`models/${f}`)).find((m) => m.name === 'Wheat Model' && m.versions.includes('10'))[field]).toBeNull();
		else expect(readdirSync(join(out, 'model-versions')).flatMap((d) => readdirSync(join(out, 'model-versions', d)).map((f) => read(`model-versions/${d}/${f}`))).find((v) => v.version === '10')[field]).toBeNull();
	});

	it.each([
		['metrics.step', `UPDATE metrics SET step = ? WHERE run_uuid = '${RUN_A}' AND key = 'val_loss' AND step = 4`],
		['metrics.timestamp', `UPDATE metrics SET timestamp = ? WHERE run_uuid = '${RUN_A}' AND key = 'val_loss' AND step = 4`],
	])('%s: that one point is left out with a warning, the run and its other points exported', async (_, sql) => {
		const { manifest, warnings, read } = await withValue(sql);
		expect(manifest.counts.runs).toBe(2);
		expect(warnings).toContain(skippedOutOfRangePoints(`run ${RUN_A}`, 'val_loss', 1));
		expect(read(`runs/${RUN_A}.json`).metrics.val_loss.count).toBe(4);
		expect(read(`runs/${RUN_A}.json`).metrics.loss.count).toBe(3000);
	});

	it.each([
		['latest_metrics.step', `UPDATE latest_metrics SET step = ? WHERE run_uuid = '${RUN_A}'`],
		['latest_metrics.timestamp', `UPDATE latest_metrics SET timestamp = ? WHERE run_uuid = '${RUN_A}'`],
		['runs.deleted_time', `UPDATE runs SET deleted_time = ?`],
		['inputs.step', 'UPDATE inputs SET step = ?'],
		['logged_models.last_updated_timestamp_ms', 'UPDATE logged_models SET last_updated_timestamp_ms = ?'],
		['logged_models.status', 'UPDATE logged_models SET status = ?'],
	])('%s: the export goes on and exports every run', async (_, sql) => {
		const { manifest } = await withValue(sql);
		expect(manifest.counts).toMatchObject({ runs: 2, loggedModels: 1, modelVersions: 3 });
	});

	it.each([
		['logged_model_metrics.metric_step', 'UPDATE logged_model_metrics SET metric_step = ? WHERE metric_step = 1'],
		['logged_model_metrics.metric_timestamp_ms', 'UPDATE logged_model_metrics SET metric_timestamp_ms = ? WHERE metric_step = 1'],
	])('%s: the logged model is exported without that point, with a warning', async (_, sql) => {
		const { warnings, read } = await withValue(sql);
		expect(warnings).toContain(skippedOutOfRangePoints(`logged model ${MODEL_ID}`, 'auc', 1));
		expect(read(`logged-models/${MODEL_ID}.json`).metrics).toEqual([expect.objectContaining({ key: 'auc', value: 0.8, step: 0 })]);
	});

	it('model_versions.version, registered_model_aliases.version and model_version_tags.version: read exactly', async () => {
		const { db } = makeModernStore();
		const w = new DatabaseSync(db);
		for (const table of ['model_versions', 'registered_model_aliases', 'model_version_tags']) w.prepare(`UPDATE ${table} SET version = ? WHERE version = 10`).run(MAX);
		w.close();
		const { read, out } = await exportWith(sqlite(db));
		const [slug] = readdirSync(join(out, 'model-versions')).filter((d) => readdirSync(join(out, 'model-versions', d)).includes(`${MAX}.json`));
		const version = read(`model-versions/${slug}/${MAX}.json`);
		expect(version).toMatchObject({ version: String(MAX), aliases: ['champion'], tags: { validated: 'yes' } });
		expect(read(`models/${slug}.json`).aliases).toEqual({ champion: String(MAX) });
	});

	it('experiments.experiment_id: read exactly, in the experiment and its runs', async () => {
		const { db } = makeModernStore();
		const w = new DatabaseSync(db);
		w.prepare('UPDATE experiments SET experiment_id = ? WHERE experiment_id = 1').run(MAX);
		for (const table of ['runs', 'experiment_tags', 'datasets', 'logged_models', 'logged_model_metrics', 'logged_model_params', 'logged_model_tags']) {
			w.prepare(`UPDATE ${table} SET experiment_id = ? WHERE experiment_id = 1`).run(MAX);
		}
		w.close();
		const { read, manifest } = await exportWith(sqlite(db));
		expect(read(`experiments/${MAX}.json`)).toMatchObject({ id: String(MAX), runCount: 2 });
		expect(read(`runs/${RUN_A}.json`).experimentId).toBe(String(MAX));
		expect(manifest.counts.loggedModels).toBe(1);
	});
});

describe('file store: 2^63−1 in meta.yaml and metric lines', () => {
	const RUN = '60000000000000000000000000000007';
	const LOGGED = 'm-00000000000000000000000000000abc';
	function store(): string {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-bigint-fs-'));
		cpSync(join(import.meta.dirname, '../fixtures/mlruns/edge-cases'), dir, { recursive: true });
		const root = join(dir, 'mlruns');
		const edit = (path: string, from: RegExp, to: string) => writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace(from, to));
		edit('1/meta.yaml', /$/, `creation_time: ${MAX}\n`);
		edit(`1/${RUN}/meta.yaml`, /start_time: \d+/, `start_time: ${MAX}`);
		edit(`1/${RUN}/meta.yaml`, /end_time: \d+/, `end_time: ${MAX}`);
		appendFileSync(join(root, `1/${RUN}/metrics/auc`), `\n${MAX} 0.9 1\n1600000001800 0.91 ${MAX}\n`);
		edit('models/churn/meta.yaml', /creation_timestamp: \d+/, `creation_timestamp: ${MAX}`);
		edit('models/churn/version-1/meta.yaml', /creation_timestamp: \d+/, `creation_timestamp: ${MAX}`);
		edit(`1/models/${LOGGED}/meta.yaml`, /creation_timestamp: \d+/, `creation_timestamp: ${MAX}`);
		appendFileSync(join(root, `1/models/${LOGGED}/metrics/auc`), `\n${MAX} 0.9 3 ${RUN}\n`);
		return root;
	}

	it('leaves each out-of-range time and point out with a warning, and exports everything else', async () => {
		const root = store();
		const { manifest, warnings, read } = await exportWith((warn) => openFileStoreReader(root, { warn, displayUri: 'mlruns' }));
		expect(warnings).toEqual(expect.arrayContaining([
			droppedOutOfRangeTime('creation time', 'experiment 1', BEYOND),
			droppedOutOfRangeTime('start time', `run ${RUN}`, BEYOND),
			droppedOutOfRangeTime('end time', `run ${RUN}`, BEYOND),
			skippedOutOfRangePoints(`run ${RUN}`, 'auc', 2),
			droppedOutOfRangeTime('creation time', 'model "churn"', BEYOND),
			droppedOutOfRangeTime('creation time', 'version 1 of model "churn"', BEYOND),
			droppedOutOfRangeTime('creation time', `logged model ${LOGGED}`, BEYOND),
			skippedOutOfRangePoints(`logged model ${LOGGED}`, 'auc', 1),
		]));
		expect(read(`runs/${RUN}.json`)).toMatchObject({ startTime: null, endTime: null, metrics: { auc: { count: 1 } } });
		expect(read('experiments/1.json').creationTime).toBeNull();
		expect(read(`logged-models/${LOGGED}.json`).creationTime).toBeNull();
		expect(manifest.counts.runs).toBeGreaterThan(0);
	});
});

describe('REST: 2^63−1 in the JSON of a tracking server', () => {
	let server: MlflowTestServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('leaves each out-of-range time and point out with a warning, and exports everything else', async () => {
		// The fake server writes JSON with JSON.stringify, which cannot spell 2^63−1: the store holds
		// its nearest double, and the answers are rewritten to the exact text MLflow would send.
		const big = Number(MAX);
		const data = structuredClone(mlflowStore);
		const iris = data.experiments[1]!;
		iris.creationTime = big;
		const dt = data.runs.find((r) => r.id === '1c00447556424067ae62fe39e167bb34')!;
		dt.startTime = big;
		data.metrics[dt.id] = data.metrics[dt.id]!.map((p, i) => (p.key === 'AVG AUC overall' && i === 0 ? { ...p, step: big } : p));
		data.registeredModels[0]!.creationTime = big;
		data.modelVersions[0]!.creationTime = big;
		server = await startMlflowServer({ data });
		const exact = async (input: RequestInfo | URL, init?: RequestInit) => {
			const res = await fetch(input, init);
			const text = (await res.text()).replaceAll(String(big), String(MAX));
			return new Response(text, { status: res.status, headers: res.headers });
		};
		const uri = server.uri;
		const { manifest, warnings, read } = await exportWith((warn) => openRestReader(uri, { warn, displayUri: 'server', env: {}, fetch: exact as typeof fetch, sleep: async () => {} }));
		expect(warnings).toEqual(expect.arrayContaining([
			droppedOutOfRangeTime('creation time', `experiment ${iris.id}`, BEYOND),
			droppedOutOfRangeTime('start time', `run ${dt.id}`, BEYOND),
			skippedOutOfRangePoints(`run ${dt.id}`, 'AVG AUC overall', 1),
			droppedOutOfRangeTime('creation time', 'model "iris-classifier"', BEYOND),
			droppedOutOfRangeTime('creation time', 'version 1 of model "iris-classifier"', BEYOND),
		]));
		expect(read(`runs/${dt.id}.json`)).toMatchObject({ startTime: null, metrics: { 'AVG AUC overall': { count: 1 } } });
		expect(manifest.counts.modelVersions).toBe(3);
	});
});
