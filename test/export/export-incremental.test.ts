/**
 * Incremental export: a re-export of an unchanged store reads no metric history (the runs' files
 * are taken from the previous snapshot, keyed on a digest kept in a cache file outside it) and
 * gives the same bytes; a changed run is exported again. Counted by wrapping the reader, never timed.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import type { RunMemo, SourceReader } from '../../src/export/source-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { warningCollector } from '../../src/export/warnings.ts';
import { noopLogger } from '../../src/lib/logger.ts';
import { demoFileStore } from './helpers/demo-file-store.ts';

let temp = '';
beforeAll(async () => {
	temp = await demoFileStore('mlpages-incremental-');
}, 60_000);

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
		...(reader.useRunMemo ? { useRunMemo: (m: RunMemo) => reader.useRunMemo!(m) } : {}),
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

/** One export; `open` gets the warn of the collector that fills manifest.warnings, as the CLI wires it. */
async function run(open: (warn: (m: string) => void) => Promise<SourceReader>, outDir: string, cacheFile: string, full = false) {
	const warnings = warningCollector(noopLogger);
	const { reader, histories } = counting(await open((m) => warnings.warn(m)));
	try {
		const result = await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}), cacheFile, warnings, full });
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

	it('SQLite: an unchanged run is taken from the memo, unread; every change MLflow makes to a run is seen', async () => {
		const db = join(temp, 'sqlite-memo', 'mlflow.db');
		cpSync('examples/mlflow.db', db);
		cpSync('examples/mlartifacts', join(temp, 'sqlite-memo', 'mlartifacts'), { recursive: true });
		const outDir = join(temp, 'sqlite-memo-content');
		const cacheFile = join(temp, 'cache', 'sqlite-memo.json');
		const open = (warn: (m: string) => void) => openSqliteReader(db, { ...options, warn });
		const cold = await run(open, outDir, cacheFile);
		const warm = await run(open, outDir, cacheFile);
		expect(warm.histories).toEqual([]);
		expect(warm.manifest).toEqual(cold.manifest);
		// Nothing changed, so the cache file is left as it was.
		const cacheStat = statSync(cacheFile);
		expect((await run(open, outDir, cacheFile)).histories).toEqual([]);
		expect(statSync(cacheFile).mtimeMs).toBe(cacheStat.mtimeMs);

		const read = (id: string) => JSON.parse(readFileSync(join(outDir, 'runs', `${id}.json`), 'utf8'));
		const sql = new DatabaseSync(db);
		const ids = (sql.prepare("SELECT run_uuid FROM runs WHERE lifecycle_stage = 'active' ORDER BY run_uuid").all() as Array<{ run_uuid: string }>).map((r) => r.run_uuid);
		const [untouched, point, param, tagSet, tagDeleted, ended, renamed, deleted] = ids;
		// Proof that an unchanged run is not read: a param value edited by hand (MLflow refuses to
		// change a param) is not seen while nothing MLflow changes in the run changes.
		const edited = sql.prepare('SELECT key, value FROM params WHERE run_uuid = ? ORDER BY key LIMIT 1').get(untouched!) as { key: string; value: string };
		sql.prepare('UPDATE params SET value = ? WHERE run_uuid = ? AND key = ?').run('edited by hand', untouched!, edited.key);
		expect((await run(open, outDir, cacheFile)).histories).toEqual([]);

		// A point logged before the run's latest one: latest_metrics does not move, the new row does.
		const metric = sql.prepare('SELECT key, min(step) AS step, min(timestamp) AS ts FROM metrics WHERE run_uuid = ? GROUP BY key ORDER BY key LIMIT 1').get(point!) as { key: string; step: number; ts: number };
		sql.prepare('INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, 0.5, ?, ?, ?, 0)').run(metric.key, metric.ts - 1, point!, metric.step - 1);
		sql.prepare("INSERT INTO params (key, value, run_uuid) VALUES ('added_later', '42', ?)").run(param!);
		sql.prepare("INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.note.content', 'first', ?) ON CONFLICT DO UPDATE SET value = 'first'").run(tagSet!);
		const before = read(point!).metrics[metric.key].count as number;
		const first = await run(open, outDir, cacheFile);
		expect(first.histories.sort()).toEqual([point!, param!, tagSet!].sort());
		expect(read(point!).metrics[metric.key].count).toBe(before + 1);
		expect(read(param!).params['added_later']).toBe('42');
		sql.prepare("UPDATE tags SET value = 'Set again after the run ended' WHERE run_uuid = ? AND key = 'mlflow.note.content'").run(tagSet!);
		const droppedTag = sql.prepare("SELECT key FROM tags WHERE run_uuid = ? AND key NOT LIKE 'mlflow.%' ORDER BY key LIMIT 1").get(tagDeleted!) as { key: string } | undefined;
		const tagKey = droppedTag?.key ?? 'mlflow.user';
		sql.prepare('DELETE FROM tags WHERE run_uuid = ? AND key = ?').run(tagDeleted!, tagKey);
		sql.prepare("UPDATE runs SET status = 'FAILED', end_time = end_time + 1000 WHERE run_uuid = ?").run(ended!);
		sql.prepare("UPDATE runs SET name = 'renamed-run' WHERE run_uuid = ?").run(renamed!);
		sql.prepare("UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_uuid = ?").run(deleted!);
		sql.close();
		const changed = await run(open, outDir, cacheFile);
		expect(changed.histories.sort()).toEqual([tagSet!, tagDeleted!, ended!, renamed!].sort());
		expect(read(tagSet!).tags['mlflow.note.content']).toBe('Set again after the run ended');
		expect(Object.keys(read(tagDeleted!).tags)).not.toContain(tagKey);
		expect(read(ended!).status).toBe('FAILED');
		expect(read(renamed!).name).toBe('renamed-run');
		expect(files(outDir)[join('runs', `${deleted!}.json`)]).toBeUndefined();

		// With the hand edit put back, the incremental result equals a cold export of the changed store.
		const restore = new DatabaseSync(db);
		restore.prepare('UPDATE params SET value = ? WHERE run_uuid = ? AND key = ?').run(edited.value, untouched!, edited.key);
		restore.close();
		const coldAgain = join(temp, 'sqlite-memo-cold');
		await run(open, coldAgain, join(temp, 'cache', 'sqlite-memo-other.json'));
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
		appendFileSync(metric, '1772600000000 0.125 9999\n');
		const changed = await run(open, outDir, cacheFile);
		expect(changed.histories).toEqual([runDir.name]);
	}, 60_000);

	it('file store: an unchanged run is taken from the memo, unread; tags set in place, new params and a new status are read', async () => {
		const store = join(temp, 'mlruns-memo');
		cpSync(join(temp, 'mlruns'), store, { recursive: true });
		const runs = readdirSync(store, { withFileTypes: true, recursive: true })
			.filter((e) => e.isDirectory() && /^[0-9a-f]{32}$/.test(e.name) && /^\d+$/.test(e.parentPath.slice(store.length + 1)))
			.map((e) => join(e.parentPath, e.name))
			.sort();
		const [tagged, param, status, untouched] = runs.map((dir) => ({ dir, id: dir.slice(-32) }));
		// A link in a tag folder is skipped with a warning; the warning must come back with the memo.
		symlinkSync('/etc/hostname', join(untouched!.dir, 'tags', 'linked'));
		const outDir = join(temp, 'memo-content');
		const cacheFile = join(temp, 'cache', 'memo.json');
		const open = (warn: (m: string) => void) => openFileStoreReader(store, { ...options, warn });
		const cold = await run(open, outDir, cacheFile);
		expect(cold.manifest.warnings.some((w) => w.includes('linked'))).toBe(true);
		const warm = await run(open, outDir, cacheFile);
		expect(warm.histories).toEqual([]);
		expect(warm.manifest).toEqual(cold.manifest);

		// Proof that an unchanged run is not read: a param file rewritten in place by hand (which
		// MLflow never does: it writes a param once), keeping its folder's mtime, is not seen.
		const paramFile = join(untouched!.dir, 'params', readdirSync(join(untouched!.dir, 'params'))[0]!);
		const old = readFileSync(paramFile, 'utf8');
		const { atime, mtime } = statSync(paramFile);
		writeFileSync(paramFile, 'x'.repeat(Buffer.byteLength(old)));
		utimesSync(paramFile, atime, mtime);
		const memo = await run(open, outDir, cacheFile);
		expect(memo.histories).toEqual([]);
		expect(memo.files.written).toBe(0);

		// What MLflow does change is read again: set_tag overwrites in place, log_param adds a file,
		// the end of a run rewrites meta.yaml.
		writeFileSync(join(tagged!.dir, 'tags', 'mlflow.note.content'), 'Added after the run ended');
		writeFileSync(join(param!.dir, 'params', 'added_later'), '42');
		const meta = join(status!.dir, 'meta.yaml');
		writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^status: \d+$/m, 'status: 4'));
		const changed = await run(open, outDir, cacheFile);
		expect(changed.histories.sort()).toEqual([tagged!.id, param!.id, status!.id].sort());
		const read = (id: string) => JSON.parse(readFileSync(join(outDir, 'runs', `${id}.json`), 'utf8'));
		expect(read(tagged!.id).tags['mlflow.note.content']).toBe('Added after the run ended');
		expect(read(param!.id).params['added_later']).toBe('42');
		expect(read(status!.id).status).toBe('FAILED');
		expect(changed.manifest.warnings).toEqual(cold.manifest.warnings);
		// With that param put back, the incremental result equals a cold export of the changed store.
		writeFileSync(paramFile, old);
		const coldAgain = join(temp, 'memo-cold');
		await run(open, coldAgain, join(temp, 'cache', 'memo-other.json'));
		const differs = Object.entries(files(coldAgain)).filter(([f, text]) => files(outDir)[f] !== text).map(([f]) => f);
		expect(Object.keys(files(outDir)).sort()).toEqual(Object.keys(files(coldAgain)).sort());
		expect(differs).toEqual([]);

		// `--full` reads every run again, the hand-edited param included, and refreshes the cache.
		writeFileSync(paramFile, 'x'.repeat(Buffer.byteLength(old)));
		const full = await run(open, outDir, cacheFile, true);
		expect(full.histories).toHaveLength(cold.histories.length);
		expect(Object.values(read(untouched!.id).params)).toContain('x'.repeat(Buffer.byteLength(old)));
		expect((await run(open, outDir, cacheFile)).histories).toEqual([]);
	}, 60_000);

	it('file store: a run that holds the tracking token is never written to the cache, and its redaction is counted every time', async () => {
		const store = join(temp, 'mlruns-token');
		cpSync(join(temp, 'mlruns'), store, { recursive: true });
		const token = 'glpat-TOKENVALUEtokenvalue12345';
		const runDir = readdirSync(store, { withFileTypes: true, recursive: true }).find((e) => e.isDirectory() && /^[0-9a-f]{32}$/.test(e.name) && /^\d+$/.test(e.parentPath.slice(store.length + 1)))!;
		writeFileSync(join(runDir.parentPath, runDir.name, 'params', 'endpoint'), `https://ci:${token}@gitlab.example.com`);
		const outDir = join(temp, 'token-content');
		const cacheFile = join(temp, 'cache', 'token.json');
		const exportOnce = async () => {
			const reader = await openFileStoreReader(store, options);
			try {
				return await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}), cacheFile, secrets: [token] });
			} finally {
				await reader.close();
			}
		};
		const first = await exportOnce();
		const second = await exportOnce();
		expect(readFileSync(cacheFile, 'utf8')).not.toContain(token);
		expect(readFileSync(cacheFile, 'utf8')).not.toContain('TOKENVALUE');
		const redacted = (m: typeof first.manifest) => m.skipped.filter((s) => s.reason === 'redacted').reduce((n, s) => n + s.count, 0);
		expect(redacted(first.manifest)).toBeGreaterThan(0);
		expect(second.manifest).toEqual(first.manifest);
	}, 60_000);

	it('file store: a damaged cache is ignored, never a reason to fail', async () => {
		const store = join(temp, 'mlruns');
		const outDir = join(temp, 'damaged-content');
		const cacheFile = join(temp, 'cache', 'damaged.json');
		const open = (warn: (m: string) => void) => openFileStoreReader(store, { ...options, warn });
		const cold = await run(open, outDir, cacheFile);
		// One record a line (run-cache.ts): raw runs are `raw<TAB>{header}<TAB><the run as JSON>`.
		const lines = readFileSync(cacheFile, 'utf8').split('\n');
		const raws = lines.map((line, i) => ({ line, i })).filter(({ line }) => line.startsWith('raw\t'));
		const damage = (n: number, raw: string) => {
			const { line, i } = raws[n]!;
			lines[i] = `${line.slice(0, line.lastIndexOf('\t'))}\t${raw}`;
		};
		damage(0, '{"not json');
		damage(1, '7');
		damage(2, JSON.stringify({ id: 'another-run' }));
		lines[raws[3]!.i] = 'raw\t{"id": "cut short';
		lines.splice(lines.findIndex((line) => line.startsWith('run\t')), 1, 'run\t{]');
		writeFileSync(cacheFile, lines.join('\n'));
		const again = await run(open, outDir, cacheFile);
		expect(again.manifest).toEqual(cold.manifest);
		expect(again.files.written).toBe(0);
		writeFileSync(cacheFile, '{"version": 3, "raws": 7');
		expect((await run(open, outDir, cacheFile)).manifest).toEqual(cold.manifest);
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
