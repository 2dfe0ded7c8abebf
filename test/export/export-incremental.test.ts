/**
 * Incremental export: a re-export of an unchanged store reads no metric history (the runs' files
 * are taken from the previous snapshot, keyed on a digest kept in a cache file outside it) and
 * gives the same bytes; a changed run is exported again. Counted by wrapping the reader, never timed.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { exportSnapshot } from '../../src/export/export.ts';
import { openFileStoreReader } from '../../src/export/file-store-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite-reader.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';

let temp = '';
beforeAll(async () => {
	temp = mkdtempSync(join(tmpdir(), 'mlpages-incremental-'));
	await generateDemo({ out: join(temp, 'mlruns'), format: 'file' });
}, 60_000);
afterAll(() => {
	if (temp) rmSync(temp, { recursive: true, force: true });
});

/** The reader, counting the runs whose metric history was asked for. */
function counting(reader: SourceReader): { reader: SourceReader; histories: string[] } {
	const histories: string[] = [];
	const wrapped: SourceReader = {
		source: reader.source,
		experiments: () => reader.experiments(),
		runs: (e) => reader.runs(e),
		metricPoints: (r) => (histories.push(r.id), reader.metricPoints(r)),
		datasets: (e) => reader.datasets(e),
		loggedModels: (e) => reader.loggedModels(e),
		registeredModels: () => reader.registeredModels(),
		modelVersions: (m) => reader.modelVersions(m),
		artifacts: (r) => reader.artifacts(r),
		close: () => reader.close(),
		...(reader.metricsFingerprint ? { metricsFingerprint: (r: Parameters<NonNullable<SourceReader['metricsFingerprint']>>[0]) => reader.metricsFingerprint!(r) } : {}),
	};
	return { reader: wrapped, histories };
}

function files(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(join(e.parentPath, e.name), 'utf8');
	}
	return out;
}

async function run(open: () => Promise<SourceReader>, outDir: string, cacheFile: string) {
	const { reader, histories } = counting(await open());
	try {
		const result = await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}), cacheFile });
		return { ...result, histories };
	} finally {
		await reader.close();
	}
}

const options = { warn: () => {}, displayUri: 'example' };

describe('incremental export', () => {
	it('SQLite: an unchanged re-export reads no history, rewrites no file and writes the same bytes', async () => {
		const db = join(temp, 'sqlite', 'mlflow.db');
		cpSync('examples/mlflow.db', db);
		cpSync('examples/mlartifacts', join(temp, 'sqlite', 'mlartifacts'), { recursive: true });
		const outDir = join(temp, 'sqlite-content');
		const cacheFile = join(temp, 'cache', 'sqlite.json');
		const open = () => openSqliteReader(db, options);
		const cold = await run(open, outDir, cacheFile);
		expect(cold.histories).toHaveLength(29);
		const before = files(outDir);
		const mtime = statSync(join(outDir, 'manifest.json')).mtimeMs;
		const warm = await run(open, outDir, cacheFile);
		expect(warm.histories).toEqual([]);
		expect(warm.files).toEqual({ written: 0, unchanged: cold.files.written, removed: 0 });
		expect(files(outDir)).toEqual(before);
		expect(statSync(join(outDir, 'manifest.json')).mtimeMs).toBe(mtime);

		// A run that gets a new metric point (latest_metrics moves with it) is read again; only it.
		const sql = new DatabaseSync(db);
		const row = sql.prepare("SELECT run_uuid FROM runs WHERE name = 'logistic-regression'").get() as { run_uuid: string };
		sql.prepare("INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ('val_loss', 0.125, 1772600000000, ?, 9999, 0)").run(row.run_uuid);
		sql.prepare("UPDATE latest_metrics SET value = 0.125, timestamp = 1772600000000, step = 9999 WHERE run_uuid = ? AND key = 'val_loss'").run(row.run_uuid);
		sql.close();
		const changed = await run(open, outDir, cacheFile);
		expect(changed.histories).toEqual([row.run_uuid]);
		const run1 = JSON.parse(readFileSync(join(outDir, 'runs', `${row.run_uuid}.json`), 'utf8'));
		expect(run1.metrics.val_loss.lastStep).toBe(9999);
		// And the incremental result equals a cold export of the changed store.
		const coldAgain = join(temp, 'sqlite-cold');
		await run(open, coldAgain, join(temp, 'cache', 'other.json'));
		expect(files(outDir)).toEqual(files(coldAgain));
	}, 60_000);

	it('file store: unchanged runs are known by their metric files; a run with a changed metric file is read again', async () => {
		const store = join(temp, 'mlruns');
		const outDir = join(temp, 'file-content');
		const cacheFile = join(temp, 'cache', 'file.json');
		const open = () => openFileStoreReader(store, options);
		const cold = await run(open, outDir, cacheFile);
		expect(cold.histories).toHaveLength(29);
		const warm = await run(open, outDir, cacheFile);
		expect(warm.histories).toEqual([]);
		expect(warm.files.written).toBe(0);

		const runDir = readdirSync(join(store, '2'), { withFileTypes: true }).find((e) => e.isDirectory() && /^[0-9a-f]{32}$/.test(e.name))!;
		const metric = join(store, '2', runDir.name, 'metrics', 'val_loss');
		const { appendFileSync } = await import('node:fs');
		appendFileSync(metric, '1772600000000 0.125 9999\n');
		const changed = await run(open, outDir, cacheFile);
		expect(changed.histories).toEqual([runDir.name]);
	}, 60_000);

	it('without a cache file every export reads every history', async () => {
		const { reader, histories } = counting(await openSqliteReader('examples/mlflow.db', options));
		const outDir = join(temp, 'no-cache');
		await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}) });
		await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}) });
		await reader.close();
		expect(histories).toHaveLength(58);
	});
});
