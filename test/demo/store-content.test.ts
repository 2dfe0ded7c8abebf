import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { latestMetric } from '../../scripts/demo/sql-metric.ts';

const db = new DatabaseSync(new URL('../../examples/mlflow.db', import.meta.url).pathname, {
	readOnly: true,
});
type Row = Record<string, unknown>;
const all = (sql: string, ...params: Array<string | number>): Row[] =>
	db.prepare(sql).all(...params) as Row[];
const one = (sql: string, ...params: Array<string | number>): Row =>
	db.prepare(sql).get(...params) as Row;

describe('examples/mlflow.db content', () => {
	it('has the Default experiment and the two demo experiments with Markdown notes', () => {
		expect(
			all(
				'SELECT experiment_id, name, artifact_location, lifecycle_stage FROM experiments ORDER BY experiment_id',
			),
		).toEqual([
			{
				experiment_id: 0,
				name: 'Default',
				artifact_location: 'mlflow-artifacts:/0',
				lifecycle_stage: 'active',
			},
			{
				experiment_id: 1,
				name: 'penguins-mlp-sweep',
				artifact_location: 'mlflow-artifacts:/1',
				lifecycle_stage: 'active',
			},
			{
				experiment_id: 2,
				name: 'penguins-model-comparison',
				artifact_location: 'mlflow-artifacts:/2',
				lifecycle_stage: 'active',
			},
		]);
		const notes = all(
			`SELECT experiment_id, value FROM experiment_tags WHERE key = 'mlflow.note.content'`,
		);
		expect(notes.map((n) => n['experiment_id'])).toEqual([1, 2]);
		expect(String(notes[0]?.['value'])).toMatch(/^# MLP sweep/);
	});

	it('nests at least 24 sweep trials under one parent run, one of them FAILED with a NaN loss', () => {
		const parent = one(`SELECT run_uuid FROM runs WHERE name = 'mlp-sweep'`);
		const children = all(
			`SELECT r.run_uuid, r.status, r.end_time FROM runs r JOIN tags t ON t.run_uuid = r.run_uuid AND t.key = 'mlflow.parentRunId' WHERE t.value = ?`,
			String(parent['run_uuid']),
		);
		expect(children.length).toBeGreaterThanOrEqual(24);
		const failed = children.filter((c) => c['status'] === 'FAILED');
		expect(failed).toHaveLength(1);
		expect(failed[0]?.['end_time']).toEqual(expect.any(Number));
		const nan = all(
			`SELECT key, value FROM metrics WHERE is_nan = 1 AND run_uuid = ?`,
			String(failed[0]?.['run_uuid']),
		);
		expect(nan).toEqual(expect.arrayContaining([{ key: 'train_loss', value: 0 }]));
		const latest = one(
			`SELECT value, is_nan FROM latest_metrics WHERE key = 'train_loss' AND run_uuid = ?`,
			String(failed[0]?.['run_uuid']),
		);
		expect(latest).toEqual({ value: 0, is_nan: 1 });
	});

	it('has groups of runs that differ only by seed', () => {
		const params = all(
			`SELECT run_uuid, key, value FROM params WHERE run_uuid IN (SELECT run_uuid FROM tags WHERE key = 'mlflow.parentRunId')`,
		);
		const byRun = new Map<string, Record<string, string>>();
		for (const p of params)
			byRun.set(String(p['run_uuid']), {
				...byRun.get(String(p['run_uuid'])),
				[String(p['key'])]: String(p['value']),
			});
		const groups = new Map<string, string[]>();
		for (const values of byRun.values()) {
			const { seed, ...rest } = values;
			const key = JSON.stringify(Object.entries(rest).sort());
			groups.set(key, [...(groups.get(key) ?? []), seed ?? '']);
		}
		const seeded = [...groups.values()].filter((seeds) => seeds.length >= 2);
		expect(seeded.length).toBeGreaterThanOrEqual(12);
	});

	it('logs per-epoch histories of at least 200 steps in the comparison experiment', () => {
		const longest = one(
			`SELECT MAX(n) AS n FROM (SELECT COUNT(*) AS n FROM metrics m JOIN runs r ON r.run_uuid = m.run_uuid WHERE r.experiment_id = 2 AND m.key = 'val_loss' GROUP BY m.run_uuid)`,
		);
		expect(Number(longest['n'])).toBeGreaterThanOrEqual(200);
		const keys = all(`SELECT DISTINCT key FROM metrics ORDER BY key`).map((r) => r['key']);
		expect(keys).toEqual(
			expect.arrayContaining([
				'train_loss',
				'val_loss',
				'train_accuracy',
				'val_accuracy',
				'learning_rate',
				'val_f1_macro',
			]),
		);
	});

	it('keeps latest_metrics equal to the max (step, timestamp, value) of each history', () => {
		const rows = all('SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics');
		const groups = new Map<
			string,
			Array<{ key: string; value: number; timestamp: number; step: number }>
		>();
		for (const r of rows) {
			const id = `${String(r['run_uuid'])}/${String(r['key'])}`;
			const value = r['is_nan'] === 1 ? Number.NaN : Number(r['value']);
			groups.set(id, [
				...(groups.get(id) ?? []),
				{
					key: String(r['key']),
					value,
					timestamp: Number(r['timestamp']),
					step: Number(r['step']),
				},
			]);
		}
		const latest = all('SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics');
		expect(latest).toHaveLength(groups.size);
		for (const row of latest) {
			const expected = latestMetric(
				groups.get(`${String(row['run_uuid'])}/${String(row['key'])}`) ?? [],
			);
			expect(row['step']).toBe(expected?.step);
			expect(row['timestamp']).toBe(expected?.timestamp);
			expect(row['is_nan'] === 1 ? Number.NaN : row['value']).toEqual(expected?.value);
		}
	});

	it('tags every run like the MLflow client, some with GitLab CI ids and notes', () => {
		const runs = all('SELECT run_uuid FROM runs');
		for (const key of [
			'mlflow.runName',
			'mlflow.user',
			'mlflow.source.name',
			'mlflow.source.type',
			'mlflow.source.git.commit',
			'mlflow.source.git.repoURL',
		]) {
			expect(one('SELECT COUNT(*) AS n FROM tags WHERE key = ?', key)['n'], key).toBe(runs.length);
		}
		expect(
			all(`SELECT DISTINCT value FROM tags WHERE key = 'mlflow.source.git.commit'`)[0]?.['value'],
		).toMatch(/^[0-9a-f]{40}$/);
		expect(
			all(`SELECT DISTINCT value FROM tags WHERE key = 'mlflow.source.git.repoURL'`)[0]?.['value'],
		).toMatch(/^https:\/\/gitlab\.com\//);
		for (const key of [
			'gitlab.CI_JOB_ID',
			'gitlab.CI_PIPELINE_ID',
			'gitlab.CI_MERGE_REQUEST_IID',
		]) {
			expect(Number(one('SELECT COUNT(*) AS n FROM tags WHERE key = ?', key)['n'])).toBeGreaterThan(
				0,
			);
		}
		expect(
			Number(one(`SELECT COUNT(*) AS n FROM tags WHERE key = 'mlflow.note.content'`)['n']),
		).toBeGreaterThanOrEqual(2);
		expect(
			all(
				`SELECT run_uuid FROM runs WHERE run_uuid NOT GLOB '[0-9a-f]*' OR length(run_uuid) != 32`,
			),
		).toEqual([]);
		expect(
			all(
				`SELECT artifact_uri FROM runs WHERE artifact_uri != 'mlflow-artifacts:/' || experiment_id || '/' || run_uuid || '/artifacts'`,
			),
		).toEqual([]);
	});

	it('links train and eval datasets to runs, and runs to their logged models', () => {
		const contexts = all(
			`SELECT t.value, COUNT(*) AS n FROM inputs i JOIN input_tags t ON t.input_uuid = i.input_uuid WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND t.name = 'mlflow.data.context' GROUP BY t.value ORDER BY t.value`,
		);
		expect(contexts.map((c) => c['value'])).toEqual(['eval', 'train']);
		expect(
			Number(
				one(
					`SELECT COUNT(*) AS n FROM inputs i LEFT JOIN datasets d ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' AND d.dataset_uuid IS NULL`,
				)['n'],
			),
		).toBe(0);
		const outputs = all(
			`SELECT i.source_id, m.source_run_id, m.model_id FROM inputs i JOIN logged_models m ON m.model_id = i.destination_id WHERE i.source_type = 'RUN_OUTPUT' AND i.destination_type = 'MODEL_OUTPUT'`,
		);
		expect(outputs.length).toBe(Number(one('SELECT COUNT(*) AS n FROM logged_models')['n']));
		for (const o of outputs) {
			expect(o['source_id']).toBe(o['source_run_id']);
			expect(o['model_id']).toMatch(/^m-[0-9a-f]{32}$/);
		}
	});

	it('registers penguins-classifier with aliases, tags, Markdown and one deleted version', () => {
		const versions = all(
			`SELECT version, current_stage, source, run_id, run_link, description, user_id, status FROM model_versions WHERE name = 'penguins-classifier' ORDER BY version`,
		);
		const live = versions.filter((v) => v['current_stage'] !== 'Deleted_Internal');
		expect(live.length).toBeGreaterThanOrEqual(3);
		for (const v of live) {
			expect(v['source']).toMatch(/^models:\/m-[0-9a-f]{32}$/);
			expect(v['run_id']).toMatch(/^[0-9a-f]{32}$/);
			expect(v['status']).toBe('READY');
		}
		expect(versions.find((v) => v['current_stage'] === 'Deleted_Internal')).toEqual({
			version: 4,
			current_stage: 'Deleted_Internal',
			source: 'REDACTED-SOURCE-PATH',
			run_id: 'REDACTED-RUN-ID',
			run_link: 'REDACTED-RUN-LINK',
			description: null,
			user_id: null,
			status: 'READY',
		});
		expect(
			all(
				`SELECT alias, version FROM registered_model_aliases WHERE name = 'penguins-classifier' ORDER BY alias`,
			),
		).toEqual([
			{ alias: 'challenger', version: 2 },
			{ alias: 'champion', version: 3 },
		]);
		expect(
			String(
				one(`SELECT description FROM registered_models WHERE name = 'penguins-classifier'`)[
					'description'
				],
			),
		).toMatch(/^# Penguin species classifier/);
		expect(
			Number(
				one(`SELECT COUNT(*) AS n FROM registered_model_tags WHERE name = 'penguins-classifier'`)[
					'n'
				],
			),
		).toBeGreaterThan(0);
		expect(
			Number(
				one(`SELECT COUNT(*) AS n FROM model_version_tags WHERE name = 'penguins-classifier'`)['n'],
			),
		).toBeGreaterThan(0);
		const champion = one(
			`SELECT m.tag_value FROM logged_model_tags m JOIN model_versions v ON v.source = 'models:/' || m.model_id WHERE v.name = 'penguins-classifier' AND v.version = 3 AND m.tag_key = 'mlflow.modelVersions'`,
		);
		expect(champion['tag_value']).toBe('[{"name": "penguins-classifier", "version": 3}]');
	});

	it('holds models that really learned: the best MLP reaches over 90 % validation accuracy', () => {
		const best = one(
			`SELECT MAX(l.value) AS accuracy FROM latest_metrics l JOIN params p ON p.run_uuid = l.run_uuid AND p.key = 'model_type' AND p.value = 'mlp' WHERE l.key = 'val_accuracy'`,
		);
		expect(Number(best['accuracy'])).toBeGreaterThan(0.9);
		const baseline = one(
			`SELECT l.value FROM latest_metrics l JOIN runs r ON r.run_uuid = l.run_uuid WHERE r.name = 'majority-baseline' AND l.key = 'val_accuracy'`,
		);
		expect(Number(baseline['value'])).toBeLessThan(0.5);
	});
});
