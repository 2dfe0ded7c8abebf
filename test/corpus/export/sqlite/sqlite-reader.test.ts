import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSqliteReader } from '../../../../src/export/sqlite/sqlite-reader.ts';
import { readAll } from '../../../export/helpers/read-all.ts';
import { SQLITE_STORES, fixture } from '../../helpers/shared-fixtures.ts';

const options = (displayUri: string) => ({ warn: () => {}, displayUri });
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('openSqliteReader on the real SQLite stores (../shared/fixtures)', () => {
	for (const store of SQLITE_STORES) {
		it(`reads ${store.path} (alembic ${store.alembic}) as INDEX.md counts it, without changing the file`, async () => {
			const path = fixture(store.path);
			const before = sha256(path);
			const reader = await openSqliteReader(path, options(store.path));
			const { experiments, runs, points, models } = await readAll(reader);
			await reader.close();
			await reader.close();
			expect(experiments).toHaveLength(store.experiments);
			expect(runs).toHaveLength(store.runs);
			expect(runs.filter((r) => r.lifecycleStage === 'deleted')).toHaveLength(store.deletedRuns);
			expect(runs.reduce((n, r) => n + Object.keys(r.params).length, 0)).toBe(store.params);
			expect(runs.reduce((n, r) => n + Object.keys(r.tags).length, 0)).toBe(store.tags);
			// Every metric row is one point: SQL's primary key makes exact duplicates impossible.
			expect([...points.values()].reduce((n, p) => n + p.length, 0)).toBe(store.metricRows);
			expect(models).toHaveLength(store.registeredModels);
			expect(models.reduce((n, m) => n + m.versions.length, 0)).toBe(store.modelVersions);
			for (const list of points.values()) {
				for (let i = 1; i < list.length; i++) {
					const [a, b] = [list[i - 1]!, list[i]!];
					const order = a.key < b.key ? -1 : a.key > b.key ? 1 : a.timestamp - b.timestamp || a.step - b.step || a.value - b.value;
					expect(order).toBeLessThanOrEqual(0);
				}
			}
			expect(sha256(path)).toBe(before);
		});
	}

	it('reads the registry of 1412010 with its hyphenated aliases and its dataset inputs', async () => {
		const reader = await openSqliteReader(fixture('1412010__nda-mlops-zoomcamp-2024/week-02/mlflow.db'), options('x'));
		const { runs, models } = await readAll(reader);
		await reader.close();
		expect(models[0]!.model.aliases).toEqual({ 'in-preview': '1', staging: '1' });
		expect(runs.reduce((n, r) => n + r.inputs.length, 0)).toBe(4);
		expect(runs.every((r) => r.latestMetrics !== null)).toBe(true);
	});

	it('reads the registry stages of PatrickCmd (MLflow 1.26, no aliases table)', async () => {
		const reader = await openSqliteReader(fixture('PatrickCmd__mlops-zoomcamp/02-experiment-tracking/mlflow.db'), options('x'));
		const { models } = await readAll(reader);
		await reader.close();
		expect(models[0]!.model.aliases).toEqual({});
		expect(models[0]!.versions.map((v) => `${v.version}:${v.stage}`)).toEqual(['1:Production', '2:Archived', '3:None']);
	});
});
