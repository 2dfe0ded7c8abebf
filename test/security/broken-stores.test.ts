/**
 * §4.5 and §4.4 #57 of the security reference: broken stores. A truncated or missing meta.yaml,
 * binary data in a metric file, an empty or foreign SQLite file, a database locked by a writer,
 * and a newer schema: a clear message, the broken record skipped, the rest exported, and the
 * previous snapshot left as it was when nothing can be read.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from '../../src/cli/export-command.ts';
import { loadMlpagesConfig } from '../../src/cli/load-config.ts';
import { makeModernStore, RUN_A } from '../export/helpers/make-sqlite-store.ts';

const root = join(import.meta.dirname, '../..');

/** Runs `npm run export -- <source> --out <out>` in-process; returns status, log and manifest. */
async function exportTo(source: string, out: string) {
	const lines: string[] = [];
	const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn: ${m}`), error: (m: string) => lines.push(`error: ${m}`) };
	const status = await runExportCommand([source, '--out', out], { logger, env: {}, cwd: root, now: () => 0, loadConfig: () => loadMlpagesConfig(root) });
	let manifest: { counts: Record<string, number>; warnings: string[] } | null = null;
	try {
		manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
	} catch {
		manifest = null;
	}
	return { status, log: lines.join('\n'), manifest };
}

const runId = (n: number) => n.toString(16).padStart(32, '0');
const runMeta = (id: string, name: string) =>
	`artifact_uri: file:///nowhere/mlruns/1/${id}/artifacts\nend_time: 1700000001000\nentry_point_name: ''\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: ${name}\nrun_uuid: ${id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: ada\n`;

/** A file store with three good runs, then whatever `spoil` does to it. */
function fileStore(spoil: (store: string) => void): string {
	const store = join(mkdtempSync(join(tmpdir(), 'mlpages-broken-')), 'mlruns');
	const write = (path: string, data: string | Buffer) => {
		mkdirSync(join(store, path, '..'), { recursive: true });
		writeFileSync(join(store, path), data);
	};
	write('0/meta.yaml', "artifact_location: file:///nowhere/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n");
	write('1/meta.yaml', "artifact_location: file:///nowhere/mlruns/1\nexperiment_id: '1'\nlifecycle_stage: active\nname: broken\n");
	for (let n = 1; n <= 4; n++) {
		const id = runId(n);
		write(`1/${id}/meta.yaml`, runMeta(id, `run-${n}`));
		write(`1/${id}/metrics/loss`, '1700000000000 0.5 0\n1700000000001 0.25 1\n');
		write(`1/${id}/params/lr`, '0.1');
		write(`1/${id}/tags/mlflow.runName`, `run-${n}`);
	}
	spoil(store);
	return store;
}

const outDir = () => join(mkdtempSync(join(tmpdir(), 'mlpages-broken-out-')), 'content');

describe('file store (#57, #64, #67)', () => {
	it('skips a run whose meta.yaml is truncated mid-write, with a warning naming it, and exports the rest', async () => {
		const store = fileStore((s) => writeFileSync(join(s, '1', runId(2), 'meta.yaml'), runMeta(runId(2), 'run-2').slice(0, 60)));
		const { status, manifest } = await exportTo(store, outDir());
		expect(status).toBe(0);
		expect(manifest!.counts['runs']).toBe(3);
		expect(manifest!.warnings.join('\n')).toContain(runId(2));
	});

	it('skips a run directory without meta.yaml and exports the rest', async () => {
		const store = fileStore((s) => writeFileSync(join(s, '1', runId(3), 'meta.yaml'), '') );
		const { status, manifest } = await exportTo(store, outDir());
		expect(status).toBe(0);
		expect(manifest!.counts['runs']).toBe(3);
		expect(manifest!.warnings.join('\n')).toContain(runId(3));
	});

	it('skips a metric file holding binary data with a warning naming it, and keeps the run', async () => {
		const binary = Buffer.concat([Buffer.from('1700000000000 0.5 0\n'), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81, 0x0a]), Buffer.from('1700000000002 0.125 2\n')]);
		const store = fileStore((s) => writeFileSync(join(s, '1', runId(1), 'metrics', 'loss'), binary));
		const out = outDir();
		const { status, manifest } = await exportTo(store, out);
		expect(status).toBe(0);
		expect(manifest!.counts['runs']).toBe(4);
		expect(manifest!.warnings.join('\n')).toContain(`${runId(1)}/metrics/loss: it holds binary data`);
		const run = JSON.parse(readFileSync(join(out, 'runs', `${runId(1)}.json`), 'utf8'));
		expect(run.metrics).toEqual({});
		expect(run.params).toEqual({ lr: '0.1' });
		expect(JSON.parse(readFileSync(join(out, 'runs', `${runId(2)}.json`), 'utf8')).metrics.loss).toMatchObject({ count: 2, last: 0.25 });
	});

	it('reads invalid UTF-8 in a param as U+FFFD instead of failing', async () => {
		const store = fileStore((s) => writeFileSync(join(s, '1', runId(4), 'params', 'lr'), Buffer.from([0x30, 0x2e, 0x80, 0x81])));
		const out = outDir();
		expect((await exportTo(store, out)).status).toBe(0);
		expect(JSON.parse(readFileSync(join(out, 'runs', `${runId(4)}.json`), 'utf8')).params.lr).toBe('0.\uFFFD\uFFFD');
	});
});

describe('SQLite (#69)', () => {
	it('refuses an empty file as not an MLflow store, naming it, and writes nothing', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-empty-'));
		writeFileSync(join(dir, 'mlflow.db'), '');
		const out = outDir();
		const { status, log, manifest } = await exportTo(join(dir, 'mlflow.db'), out);
		expect(status).toBe(1);
		expect(log).toMatch(/mlflow\.db/);
		expect(log).toMatch(/MlflowSource(?:NotMlflow|Unreadable)/);
		expect(manifest).toBeNull();
	});

	it('refuses a foreign SQLite database (no MLflow tables) with a clear message', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-foreign-'));
		const db = new DatabaseSync(join(dir, 'app.db'));
		db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'ada');");
		db.close();
		const { status, log } = await exportTo(join(dir, 'app.db'), outDir());
		expect(status).toBe(1);
		expect(log).toContain('MlflowSourceNotMlflow');
		expect(log).toContain('app.db');
	});

	it('reports a database locked by a writer as unreadable and keeps the previous snapshot', async () => {
		const { db: path } = makeModernStore();
		const out = outDir();
		expect((await exportTo(path, out)).status).toBe(0);
		const before = readFileSync(join(out, 'manifest.json'));
		const writer = new DatabaseSync(path);
		writer.exec("BEGIN EXCLUSIVE; UPDATE runs SET name = 'changing' WHERE run_uuid = '" + RUN_A + "';");
		try {
			const { status, log } = await exportTo(path, out);
			expect(status).toBe(1);
			expect(log).toContain('MlflowSourceUnreadable');
			expect(log).toMatch(/locked|busy/i);
		} finally {
			writer.exec('ROLLBACK');
			writer.close();
		}
		expect(readFileSync(join(out, 'manifest.json'))).toEqual(before);
	});

	it('exports a newer schema (unknown alembic revision, extra tables and columns) completely', async () => {
		const { db: path } = makeModernStore();
		const reference = outDir();
		const expected = (await exportTo(path, reference)).manifest!.counts;
		const db = new DatabaseSync(path);
		db.exec("UPDATE alembic_version SET version_num = 'ffffffffffff'; CREATE TABLE future_things (id INTEGER); ALTER TABLE runs ADD COLUMN future_column TEXT; ALTER TABLE metrics ADD COLUMN future_flag INTEGER;");
		db.close();
		const { status, manifest } = await exportTo(path, outDir());
		expect(status).toBe(0);
		expect(manifest!.counts).toEqual(expected);
	});
});
