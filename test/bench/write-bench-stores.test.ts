import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { METRICS_PER_RUN, PARAMS_PER_RUN, runCounts, runKind, syntheticRun } from '../../scripts/bench/synthetic-run.ts';
import { appendBenchRun, FILE_STORE, SQLITE_STORE, writeBenchStores } from '../../scripts/bench/write-bench-stores.ts';

// The --quick size of `npm run bench`.
const RUNS = 100;
// tmpfs when present: the stores are 8,000 small files.
const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mlpages-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** sha256 over every file below `dir` (sorted relative paths and contents). */
function treeDigest(dir: string): string {
	const hash = createHash('sha256');
	for (const rel of (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
		hash.update(rel);
		try {
			hash.update(readFileSync(join(dir, rel)));
		} catch {
			// a folder
		}
	}
	return hash.digest('hex');
}

function metricRows(dbPath: string): unknown[] {
	const db = new DatabaseSync(dbPath, { readOnly: true });
	try {
		return db.prepare('SELECT run_uuid, key, step, timestamp, value FROM metrics ORDER BY run_uuid, key, step').all();
	} finally {
		db.close();
	}
}

describe('synthetic runs', () => {
	it('are a function of seed and index', () => {
		expect(syntheticRun(1, RUNS, 7)).toEqual(syntheticRun(1, RUNS, 7));
		expect(syntheticRun(2, RUNS, 7).id).not.toBe(syntheticRun(1, RUNS, 7).id);
		expect(syntheticRun(2, RUNS, 7).metrics[0]!.value).not.toEqual(syntheticRun(1, RUNS, 7).metrics[0]!.value);
	});

	it('mix 1 long, 9 medium, 30 short and 60 final runs in every 100 indexes', () => {
		for (const start of [0, 100, 9_900]) {
			const kinds = Array.from({ length: 100 }, (_, i) => runKind(start + i));
			expect(['long', 'medium', 'short', 'final'].map((k) => kinds.filter((x) => x === k).length)).toEqual([1, 9, 30, 60]);
		}
	});

	it('have 20 metrics, 50 params and the promised history lengths', () => {
		const steps = { long: [10_000], medium: [1_000], short: [20, 100], final: [] } as const;
		for (let i = 0; i < 100; i++) {
			const run = syntheticRun(1, RUNS, i);
			expect(run.metrics).toHaveLength(METRICS_PER_RUN);
			expect(Object.keys(run.params)).toHaveLength(PARAMS_PER_RUN);
			const histories = run.metrics.filter((m) => m.step.length > 1).map((m) => m.step.length);
			const expected = steps[run.kind];
			expect(histories).toHaveLength(run.kind === 'final' ? 0 : run.kind === 'short' ? 2 : 3);
			for (const n of histories) {
				expect(n).toBeGreaterThanOrEqual(expected[0]!);
				expect(n).toBeLessThanOrEqual(expected.at(-1)!);
			}
			expect(runCounts(run).charts).toBe(histories.length);
		}
	});
});

describe('writeBenchStores', () => {
	const a = join(scratch, 'a');
	const b = join(scratch, 'b');
	const counts = writeBenchStores(a, RUNS, 1);

	it('counts what it wrote, identically for the same seed', () => {
		expect(counts).toEqual(writeBenchStores(b, RUNS, 1));
		expect(treeDigest(join(a, FILE_STORE))).toBe(treeDigest(join(b, FILE_STORE)));
		expect(metricRows(join(a, SQLITE_STORE))).toEqual(metricRows(join(b, SQLITE_STORE)));
		expect(metricRows(join(a, SQLITE_STORE))).toHaveLength(counts.points);
		expect(counts).toMatchObject({ runs: RUNS, experiments: 2, charts: 30 * 2 + 10 * 3 });
		expect(counts.points).toBeGreaterThan(10_000 * 3 + 9 * 1_000 * 3);
	});

	it('writes two stores that export to the same snapshot', async () => {
		const config = MlpagesConfigSchema.parse({});
		const opts = { warn: () => {}, displayUri: 'bench' };
		const fromSql = await exportSnapshot({ reader: await openSqliteReader(join(a, SQLITE_STORE), opts), outDir: join(scratch, 'sql'), config });
		const fromFiles = await exportSnapshot({ reader: await openFileStoreReader(join(a, FILE_STORE), opts), outDir: join(scratch, 'files'), config });
		expect(fromSql.manifest.counts).toEqual(fromFiles.manifest.counts);
		expect(fromSql.manifest.counts).toMatchObject({ runs: RUNS, experiments: 2, metricPoints: counts.points, metricSeries: RUNS * METRICS_PER_RUN, params: RUNS * PARAMS_PER_RUN });
		expect(fromSql.manifest.warnings).toEqual([]);
		for (const folder of ['runs', 'series', 'histories', 'experiments']) {
			expect(treeDigest(join(scratch, 'sql', folder)), folder).toBe(treeDigest(join(scratch, 'files', folder)));
		}
	});

	it('appends one short run to both stores', () => {
		const run = appendBenchRun(b, RUNS, 1);
		expect(run.kind).toBe('short');
		expect(metricRows(join(b, SQLITE_STORE))).toHaveLength(counts.points + runCounts(run).points);
		expect(readdirSync(join(b, FILE_STORE, String(run.experimentId)))).toContain(run.id);
	});
});
