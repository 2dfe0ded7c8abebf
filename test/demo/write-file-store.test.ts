import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoStore } from '../../scripts/demo/build-store.ts';
import { fileStoreDatasetId, writeFileStore } from '../../scripts/demo/write-file-store.ts';
import { pythonFloat } from '../../scripts/demo/python-float.ts';

const db = new DatabaseSync(new URL('../../examples/mlflow.db', import.meta.url).pathname, {
	readOnly: true,
});
type Row = Record<string, unknown>;
const all = (sql: string, ...params: Array<string | number>): Row[] =>
	db.prepare(sql).all(...params) as Row[];
const listFiles = (root: string): string[] =>
	readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.sort();
/** Python's `float()` on file-store metric text: `nan`, `inf` and `-inf` spelled out. */
const parseValue = (text: string): number =>
	({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY })[text] ??
	Number(text);
/** A SQL metric value back as a number: NaN from is_nan, ±Infinity from ±max double. */
const sqlValue = (row: Row): number => {
	if (row['is_nan'] === 1) return Number.NaN;
	const value = Number(row['value']);
	return Math.abs(value) === Number.MAX_VALUE ? Math.sign(value) * Number.POSITIVE_INFINITY : value;
};

describe('writeFileStore', () => {
	let folder = '';
	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'mlpages-demo-fs-'));
		const { store } = await buildDemoStore();
		writeFileStore(store, join(folder, 'a'));
		writeFileStore(store, join(folder, 'b'));
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));
	const root = (): string => join(folder, 'a');
	const yaml = (path: string): Record<string, unknown> =>
		parse(readFileSync(join(root(), path), 'utf8'), { version: '1.1' }) as Record<string, unknown>;

	it('is reproducible byte for byte', () => {
		const files = listFiles(join(folder, 'a'));
		expect(files).toEqual(listFiles(join(folder, 'b')));
		for (const file of files.filter((f) => !f.endsWith('.png'))) {
			expect(
				readFileSync(join(folder, 'a', file)).equals(readFileSync(join(folder, 'b', file))),
				file,
			).toBe(true);
		}
	});

	it('writes experiments and runs with the file store meta.yaml keys and integer statuses', () => {
		expect(yaml('0/meta.yaml')).toEqual({
			artifact_location: 'mlflow-artifacts:/0',
			creation_time: expect.any(Number),
			experiment_id: '0',
			last_update_time: expect.any(Number),
			lifecycle_stage: 'active',
			name: 'Default',
		});
		const statuses: Record<string, number> = { FINISHED: 3, FAILED: 4 };
		for (const run of all('SELECT * FROM runs')) {
			const meta = yaml(`${String(run['experiment_id'])}/${String(run['run_uuid'])}/meta.yaml`);
			expect(meta).toEqual({
				artifact_uri: run['artifact_uri'],
				deleted_time: null,
				end_time: run['end_time'],
				entry_point_name: '',
				experiment_id: String(run['experiment_id']),
				lifecycle_stage: 'active',
				run_id: run['run_uuid'],
				run_name: run['name'],
				source_name: '',
				source_type: 4,
				source_version: '',
				start_time: run['start_time'],
				status: statuses[String(run['status'])],
				tags: [],
				user_id: run['user_id'],
			});
		}
		expect(readFileSync(join(root(), '1/tags/mlflow.note.content'), 'utf8')).toMatch(
			/^# MLP sweep/,
		);
	});

	it('holds the same params, tags and metric histories as the SQLite store', () => {
		for (const run of all('SELECT run_uuid, experiment_id FROM runs')) {
			const folder = join(root(), String(run['experiment_id']), String(run['run_uuid']));
			for (const kind of ['params', 'tags'] as const) {
				const rows = all(
					`SELECT key, value FROM ${kind} WHERE run_uuid = ? ORDER BY key`,
					String(run['run_uuid']),
				);
				expect(readdirSync(join(folder, kind)).sort()).toEqual(rows.map((r) => r['key']));
				for (const r of rows)
					expect(readFileSync(join(folder, kind, String(r['key'])), 'utf8')).toBe(r['value']);
			}
			const rows = all(
				'SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_uuid = ? ORDER BY key, timestamp, step',
				String(run['run_uuid']),
			);
			const fromFiles = readdirSync(join(folder, 'metrics'))
				.sort()
				.flatMap((key) =>
					readFileSync(join(folder, 'metrics', key), 'utf8')
						.trimEnd()
						.split('\n')
						.map((line) => {
							const [timestamp, value, step] = line.split(' ');
							return {
								key,
								value: parseValue(value ?? ''),
								timestamp: Number(timestamp),
								step: Number(step),
							};
						}),
				);
			expect(fromFiles).toEqual(
				rows.map((r) => ({
					key: r['key'],
					value: sqlValue(r),
					timestamp: r['timestamp'],
					step: r['step'],
				})),
			);
		}
		const failed = all(`SELECT run_uuid FROM runs WHERE status = 'FAILED'`)[0];
		expect(
			readFileSync(join(root(), '1', String(failed?.['run_uuid']), 'metrics/train_loss'), 'utf8'),
		).toMatch(/ nan 1\n$/);
	});

	it('writes dataset inputs and model outputs with MLflow ids and its destination_id quirk', () => {
		for (const input of all(
			`SELECT i.destination_id AS run_id, d.name, d.digest, d.experiment_id, t.value AS context FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id JOIN input_tags t ON t.input_uuid = i.input_uuid WHERE i.source_type = 'DATASET'`,
		)) {
			const datasetId = fileStoreDatasetId(String(input['name']), String(input['digest']));
			const base = `${String(input['experiment_id'])}`;
			expect(yaml(`${base}/datasets/${datasetId}/meta.yaml`)['digest']).toBe(input['digest']);
			const inputFolder = `${base}/${String(input['run_id'])}/inputs`;
			const metas = readdirSync(join(root(), inputFolder)).map((id) =>
				yaml(`${inputFolder}/${id}/meta.yaml`),
			);
			expect(metas).toContainEqual({
				destination_id: datasetId,
				destination_type: 'RUN',
				source_id: datasetId,
				source_type: 'DATASET',
				tags: { 'mlflow.data.context': input['context'] },
			});
		}
		for (const output of all(
			`SELECT i.source_id AS run_id, i.destination_id AS model_id, m.experiment_id FROM inputs i JOIN logged_models m ON m.model_id = i.destination_id WHERE i.source_type = 'RUN_OUTPUT'`,
		)) {
			const base = String(output['experiment_id']);
			expect(
				yaml(`${base}/${String(output['run_id'])}/outputs/${String(output['model_id'])}/meta.yaml`),
			).toEqual({
				destination_id: output['model_id'],
				destination_type: 'MODEL_OUTPUT',
				source_id: output['model_id'],
				source_type: 'RUN_OUTPUT',
				step: 0,
				tags: {},
			});
			expect(yaml(`${base}/models/${String(output['model_id'])}/meta.yaml`)['status']).toBe(2);
			const metric = readFileSync(
				join(root(), base, 'models', String(output['model_id']), 'metrics/val_f1_macro'),
				'utf8',
			);
			expect(metric.trimEnd().split(' ')).toHaveLength(6);
			expect(
				readFileSync(
					join(root(), base, 'models', String(output['model_id']), 'artifacts/MLmodel'),
					'utf8',
				),
			).toContain(`model_id: ${String(output['model_id'])}`);
		}
	});

	it('writes the registry with aliases files and keeps a deleted version unredacted', () => {
		expect(readdirSync(join(root(), 'models')).sort()).toEqual([
			'penguins-baseline',
			'penguins-classifier',
		]);
		expect(readFileSync(join(root(), 'models/penguins-classifier/aliases/champion'), 'utf8')).toBe(
			'3',
		);
		expect(
			readFileSync(join(root(), 'models/penguins-classifier/aliases/challenger'), 'utf8'),
		).toBe('2');
		expect(yaml('models/penguins-baseline/meta.yaml')['aliases']).toEqual({});
		for (const v of all(`SELECT * FROM model_versions WHERE current_stage != 'Deleted_Internal'`)) {
			const meta = yaml(`models/${String(v['name'])}/version-${String(v['version'])}/meta.yaml`);
			expect(meta).toMatchObject({
				version: v['version'],
				source: v['source'],
				run_id: v['run_id'],
				current_stage: 'None',
				status: 'READY',
				description: v['description'],
			});
			expect(meta['model_id']).toBe(String(v['source']).replace('models:/', ''));
		}
		const deleted = yaml('models/penguins-classifier/version-4/meta.yaml');
		expect(deleted['current_stage']).toBe('Deleted_Internal');
		expect(deleted['source']).toMatch(/^models:\/m-/);
	});

	it('spells floats as Python str(float) does', () => {
		expect(
			[400, 1e-5, 1.5e20, 0.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(
				pythonFloat,
			),
		).toEqual(['400.0', '1e-05', '1.5e+20', '0.25', 'nan', 'inf', '-inf']);
	});
});
