import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/shared-fixtures.ts';

const example = new DatabaseSync(new URL('../../../examples/mlflow.db', import.meta.url).pathname, { readOnly: true });

describe('examples/mlflow.db schema against real MLflow 3.x stores', () => {
	it('contains every column of real MLflow 3.x SQLite stores with the same type', () => {
		for (const rel of ['KhuzaimahAziz__thesis_seismology/mlruns.db', 'Yeabtssega__Credit-risk-model/mlflow.db']) {
			const real = new DatabaseSync(fixture(rel), { readOnly: true });
			for (const { name } of real.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()) {
				const ours = new Map(example.prepare(`PRAGMA table_xinfo(${String(name)})`).all().map((c) => [String(c['name']), `${String(c['type'])} ${String(c['notnull'])}`]));
				for (const column of real.prepare(`PRAGMA table_info(${String(name)})`).all()) {
					expect(ours.get(String(column['name'])), `${rel}: ${String(name)}.${String(column['name'])}`).toBe(`${String(column['type'])} ${String(column['notnull'])}`);
				}
			}
			real.close();
		}
	});
});
