import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MLFLOW_TABLES } from '../../scripts/demo/mlflow-schema.ts';
import { MLFLOW_REVISION_CHAIN, SQLITE_GENERATIONS, sqliteSchemaStatements } from '../../scripts/demo/mlflow-schema-generations.ts';
import { writeQuirksStore } from '../support/write-quirks-store.ts';

/** `table → column names` of the schema written at a revision. */
function schemaAt(revision: string): Record<string, string[]> {
	const db = new DatabaseSync(':memory:');
	for (const statement of sqliteSchemaStatements(revision)) db.exec(statement);
	const out: Record<string, string[]> = {};
	for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) {
		out[String(name)] = db.prepare(`PRAGMA table_info(${String(name)})`).all().map((c) => `${String(c['name'])} ${String(c['type'])}`);
	}
	db.close();
	return out;
}

describe('sqliteSchemaStatements', () => {
	it('lists the generations oldest first, each in the migration chain', () => {
		const positions = SQLITE_GENERATIONS.map((g) => MLFLOW_REVISION_CHAIN.indexOf(g.revision));
		expect(positions.every((p) => p >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('writes MLflow 1.14 without deleted_time, experiment times, aliases, datasets or logged models, params up to 250 characters', () => {
		const schema = schemaAt('a8c4a736bde6');
		expect(Object.keys(schema)).toEqual(['alembic_version', 'experiment_tags', 'experiments', 'latest_metrics', 'metrics', 'model_version_tags', 'model_versions', 'params', 'registered_model_tags', 'registered_models', 'runs', 'tags']);
		expect(schema['runs']).not.toContain('deleted_time BIGINT');
		expect(schema['experiments']).toEqual(['experiment_id INTEGER', 'name VARCHAR(256)', 'artifact_location VARCHAR(256)', 'lifecycle_stage VARCHAR(32)']);
		expect(schema['params']).toContain('value VARCHAR(250)');
		expect(schema['tags']).toContain('value VARCHAR(5000)');
		expect(schema['model_versions']).toContain('run_link VARCHAR(500)');
		expect(schema['model_versions']).not.toContain('storage_location VARCHAR(500)');
	});

	it('adds each table and column at the revision the format reference gives', () => {
		const at = (revision: string) => schemaAt(revision);
		expect(at('5b0e9adcef9c')['runs']).toContain('deleted_time BIGINT');
		expect(at('5b0e9adcef9c')['experiments']).toContain('creation_time BIGINT');
		expect(Object.keys(at('5b0e9adcef9c'))).toEqual(expect.arrayContaining(['registered_model_aliases', 'datasets', 'inputs', 'input_tags']));
		expect(at('5b0e9adcef9c')['inputs']).not.toContain('step BIGINT');
		expect(at('5b0e9adcef9c')['tags']).toContain('value VARCHAR(5000)');
		expect(at('0584bdc529eb')['tags']).toContain('value VARCHAR(8000)');
		expect(Object.keys(at('0584bdc529eb'))).not.toContain('logged_models');
		expect(Object.keys(at('bda7b8c39065'))).toEqual(expect.arrayContaining(['logged_models', 'logged_model_metrics', 'logged_model_params', 'logged_model_tags']));
		expect(at('bda7b8c39065')['inputs']).toContain('step BIGINT');
		expect(at('bda7b8c39065')['model_version_tags']).toContain('value TEXT');
		expect(at('71994744cf8e')['experiments']).not.toContain('workspace VARCHAR(63)');
	});

	it('writes the complete MLflow 3.14 schema at the head', () => {
		expect(Object.keys(schemaAt('b7e4c1a90f23')).sort()).toEqual([...MLFLOW_TABLES].sort());
	});

	it('refuses a revision it does not know', () => {
		expect(() => sqliteSchemaStatements('0000deadbeef')).toThrow('Unknown MLflow schema revision "0000deadbeef".');
	});

	it('records the revision in alembic_version of a written store', () => {
		for (const { revision } of SQLITE_GENERATIONS) {
			const db = new DatabaseSync(writeQuirksStore({ sqlite: revision }).path, { readOnly: true });
			expect(db.prepare('SELECT version_num FROM alembic_version').all().map((r) => r['version_num'])).toEqual([revision]);
			expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
			db.close();
		}
	});
});
