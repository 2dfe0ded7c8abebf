import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { sqliteSchemaStatements, SQLITE_GENERATIONS } from '../../../scripts/demo/mlflow-schema-generations.ts';
import { SQLITE_STORES, fixture } from '../helpers/shared-fixtures.ts';

/** `table → "column TYPE [NOT NULL] [pkN]"` lines of a database, from PRAGMA table_info. */
function columns(db: DatabaseSync): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
		const info = db.prepare(`PRAGMA table_info("${String(name)}")`).all();
		out.set(String(name), info.map((c) => `${String(c['name'])} ${String(c['type'])}${c['notnull'] ? ' NOT NULL' : ''}${c['pk'] ? ` pk${String(c['pk'])}` : ''}`));
	}
	return out;
}

/**
 * The schemas npm test writes for each generation (scripts/demo/mlflow-schema-generations.ts,
 * written from the format reference) checked against the real stores that report the same
 * Alembic revision: every table written exists there with the same columns, types, NOT NULL and
 * primary key, and every table the real store has that mlpages reads is written.
 */
describe('the generated SQLite schema of each generation matches real stores of that revision', () => {
	const read = ['experiments', 'experiment_tags', 'runs', 'metrics', 'latest_metrics', 'params', 'tags', 'datasets', 'inputs', 'input_tags', 'logged_models', 'logged_model_metrics', 'logged_model_params', 'logged_model_tags', 'registered_models', 'model_versions', 'registered_model_tags', 'model_version_tags', 'registered_model_aliases', 'alembic_version'];
	for (const store of SQLITE_STORES) {
		it(`${store.alembic}: ${store.path}`, () => {
			expect(SQLITE_GENERATIONS.map((g) => g.revision)).toContain(store.alembic);
			const real = new DatabaseSync(fixture(store.path), { readOnly: true });
			const ours = new DatabaseSync(':memory:');
			for (const statement of sqliteSchemaStatements(store.alembic)) ours.exec(statement);
			const [theirs, mine] = [columns(real), columns(ours)];
			for (const [table, cols] of mine) expect(theirs.get(table), table).toEqual(cols);
			expect([...theirs.keys()].filter((t) => read.includes(t)).sort()).toEqual([...mine.keys()].sort());
			real.close();
			ours.close();
		});
	}
});
