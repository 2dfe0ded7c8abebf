import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { MLFLOW_ALEMBIC_REVISION } from '../../scripts/demo/mlflow-schema.ts';
import { SQLITE_GENERATIONS } from '../../scripts/demo/mlflow-schema-generations.ts';
import { scaleRun, scaleRunId } from '../../scripts/bench/scale-run.ts';
import { writeScaleStore } from '../../scripts/bench/write-scale-store.ts';

// Two experiments and a half: the last experiment is short, as at any size not a multiple of 250.
const RUNS = 600;
const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mlpages-scale-store-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function query<T = Record<string, unknown>>(dbPath: string, sql: string): T[] {
	const db = new DatabaseSync(dbPath, { readOnly: true });
	try {
		return db.prepare(sql).all() as T[];
	} finally {
		db.close();
	}
}

describe('writeScaleStore', () => {
	const a = join(scratch, 'a', 'mlflow.db');
	const phases = new Set<string>();
	const counts = writeScaleStore(a, RUNS, 1, (phase) => phases.add(phase));

	it('writes 10 metrics × 20 steps, 20 params and 11 tags per run, 250 runs per experiment', () => {
		expect(counts).toMatchObject({ runs: RUNS, experiments: 3, nested: RUNS / 5, points: RUNS * 200, params: RUNS * 20, tags: RUNS * 11 });
		const [row] = query<{ runs: number; metrics: number; latest: number; params: number; tags: number }>(
			a,
			`SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM metrics) AS metrics, (SELECT count(*) FROM latest_metrics) AS latest,
			 (SELECT count(*) FROM params) AS params, (SELECT count(*) FROM tags) AS tags`,
		);
		expect(row).toEqual({ runs: RUNS, metrics: RUNS * 200, latest: RUNS * 10, params: RUNS * 20, tags: RUNS * 11 });
		const perRun = query<{ keys: number; steps: number }>(a, 'SELECT count(DISTINCT key) AS keys, count(DISTINCT step) AS steps FROM metrics GROUP BY run_uuid');
		expect(new Set(perRun.map((r) => `${r.keys}×${r.steps}`))).toEqual(new Set(['10×20']));
		expect(query(a, 'SELECT experiment_id, count(*) AS n FROM runs GROUP BY experiment_id ORDER BY experiment_id')).toEqual([
			{ experiment_id: 1, n: 250 },
			{ experiment_id: 2, n: 250 },
			{ experiment_id: 3, n: 100 },
		]);
		expect(phases).toEqual(new Set(['runs', 'metrics', 'indexes']));
	});

	it('has MLflow 3.14’s schema revision', () => {
		expect(SQLITE_GENERATIONS.find((g) => g.mlflow === '3.14')?.revision).toBe(MLFLOW_ALEMBIC_REVISION);
		expect(query(a, 'SELECT version_num FROM alembic_version')).toEqual([{ version_num: 'b7e4c1a90f23' }]);
		const indexes = query<{ name: string }>(a, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'metrics' AND name NOT LIKE 'sqlite_%'").map((r) => r.name);
		expect(indexes.sort()).toEqual(['index_metrics_run_uuid', 'index_metrics_run_uuid_key_step']);
	});

	it('nests every fifth run under a run of the same experiment', () => {
		const rows = query<{ child: string; parent: string; childExp: number; parentExp: number; parentParent: string | null }>(
			a,
			`SELECT t.run_uuid AS child, t.value AS parent, c.experiment_id AS childExp, p.experiment_id AS parentExp,
			 (SELECT value FROM tags WHERE run_uuid = p.run_uuid AND key = 'mlflow.parentRunId') AS parentParent
			 FROM tags t JOIN runs c ON c.run_uuid = t.run_uuid LEFT JOIN runs p ON p.run_uuid = t.value WHERE t.key = 'mlflow.parentRunId'`,
		);
		expect(rows).toHaveLength(RUNS / 5);
		for (const r of rows) {
			expect(r.parentExp).toBe(r.childExp);
			expect(r.parentParent).toBeNull();
		}
		const nested = new Set(rows.map((r) => r.child));
		expect(Array.from({ length: 10 }, (_, i) => nested.has(scaleRunId(1, i)))).toEqual([false, false, false, false, true, false, false, false, false, true]);
		expect(scaleRun(1, 9).parentId).toBe(scaleRunId(1, 5));
	});

	it('is the same store for the same seed, and another for another seed', () => {
		const [b, b2, c] = ['b', 'b2', 'c'].map((name) => join(scratch, name, 'mlflow.db')) as [string, string, string];
		writeScaleStore(b, 60, 1);
		writeScaleStore(b2, 60, 1);
		writeScaleStore(c, 60, 2);
		// journal_mode=OFF and no wall-clock value: the files themselves are identical.
		expect(readFileSync(b).equals(readFileSync(b2))).toBe(true);
		// A run does not depend on the size of the store it is in.
		const firstRun = `SELECT key, value, timestamp, step FROM metrics WHERE run_uuid = '${scaleRunId(1, 0)}' ORDER BY key, step`;
		expect(query(b, firstRun)).toEqual(query(a, firstRun));
		expect(query(c, 'SELECT run_uuid FROM runs ORDER BY start_time LIMIT 1')).not.toEqual(query(b, 'SELECT run_uuid FROM runs ORDER BY start_time LIMIT 1'));
	});

	it('exports as MLflow 3.14 data: every run, metric point and parent', async () => {
		const out = join(scratch, 'content');
		const { manifest } = await exportSnapshot({ reader: await openSqliteReader(a, { warn: () => {}, displayUri: 'scale' }), outDir: out, config: MlpagesConfigSchema.parse({}) });
		expect(manifest.warnings).toEqual([]);
		expect(manifest.counts).toMatchObject({ experiments: 3, runs: RUNS, metricSeries: RUNS * 10, metricPoints: RUNS * 200, params: RUNS * 20 });
		const child = JSON.parse(readFileSync(join(out, 'runs', `${scaleRunId(1, 4)}.json`), 'utf8')) as { parentRunId: string | null };
		expect(child.parentRunId).toBe(scaleRunId(1, 0));
	});
});
