import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportError, OutputUnwritable } from '../../src/errors.ts';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { openSnapshotWriter } from '../../src/export/write-snapshot.ts';
import { skippedBadRecord } from '../../src/messages.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { RUN_DELETED, RUN_TRASHED, quirksStore } from '../support/quirks-store.ts';
import { writeQuirksStore } from '../support/write-quirks-store.ts';
import { readTree, statTree } from './helpers/snapshot-tree.ts';
import { tempDir } from './helpers/temp-dir.ts';

const config = MlpagesConfigSchema.parse({});
/** The quirks store with its registry (model seismic-picker), as MLflow 2.13 wrote it. */
const STORE_A = writeQuirksStore({ sqlite: '5b0e9adcef9c' }).path;
/** The example store: 29 runs, other experiments and models. */
const STORE_B = 'examples/mlflow.db';

async function run(store: string, outDir: string, write?: (path: string, data: Uint8Array) => Promise<void>) {
	const reader = await openSqliteReader(store, { warn: () => {}, displayUri: store });
	try {
		return await exportSnapshot({ reader, outDir, config, effects: write ? { writeFile: write } : {} });
	} finally {
		await reader.close();
	}
}

/** A content folder with an exported snapshot and the files people write. */
async function contentWithPeoplesFiles() {
	const root = tempDir('mlpages-write-');
	const outDir = join(root, 'content');
	await run(STORE_A, outDir);
	mkdirSync(join(outDir, 'reports'), { recursive: true });
	mkdirSync(join(outDir, 'model-cards'), { recursive: true });
	writeFileSync(join(outDir, 'reports', 'q3.mdx'), '# Q3 report\n');
	writeFileSync(join(outDir, 'model-cards', 'seismic-picker.md'), '---\nlicense: mit\n---\n');
	return { root, outDir };
}

describe('writing the snapshot', () => {
	it('leaves the previous snapshot and people’s files untouched when a write fails half-way', async () => {
		const { root, outDir } = await contentWithPeoplesFiles();
		const before = readTree(outDir);
		let calls = 0;
		const failing = async (path: string, data: Uint8Array) => {
			if (++calls === 20) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
			await writeFile(path, data);
		};
		const error = await run(STORE_B, outDir, failing).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ExportError);
		expect((error as ExportError).code).toBe(OutputUnwritable.name);
		expect((error as ExportError).message).toBe(OutputUnwritable.message(outDir, 'ENOSPC: no space left on device'));
		expect(calls).toBe(20);
		expect(readTree(outDir)).toEqual(before);
		expect(readdirSync(root)).toEqual(['content']);
	});

	it('rewrites no file when the store has not changed (same inodes and mtimes)', async () => {
		const { outDir } = await contentWithPeoplesFiles();
		const before = statTree(outDir);
		let writes = 0;
		const result = await run(STORE_A, outDir, async (p, d) => {
			writes++;
			await writeFile(p, d);
		});
		expect(writes).toBe(0);
		expect(result.files).toEqual({ written: 0, unchanged: Object.keys(before).length - 2, removed: 0 });
		expect(statTree(outDir)).toEqual(before);
	});

	it('replaces the exported folders, drops stale files and keeps reports and model cards', async () => {
		const { outDir } = await contentWithPeoplesFiles();
		const oldRuns = readdirSync(join(outDir, 'runs'));
		const result = await run(STORE_B, outDir);
		const tree = readTree(outDir);
		expect(tree['reports/q3.mdx']).toBe('# Q3 report\n');
		expect(tree['model-cards/seismic-picker.md']).toBe('---\nlicense: mit\n---\n');
		for (const f of oldRuns) expect(tree[`runs/${f}`]).toBeUndefined();
		expect(Object.keys(tree).filter((f) => f.startsWith('runs/'))).toHaveLength(29);
		expect(tree['models/seismic-picker.json']).toBeUndefined();
		expect(result.files.removed).toBeGreaterThan(0);
	});

	it('keeps the mtime of unchanged files when others change', async () => {
		const { outDir } = await contentWithPeoplesFiles();
		const before = statTree(outDir);
		// Make one run file differ so that the snapshot must be swapped.
		const someRun = readdirSync(join(outDir, 'runs'))[0]!;
		writeFileSync(join(outDir, 'runs', someRun), '{}\n');
		const edited = statTree(outDir)[`runs/${someRun}`];
		const result = await run(STORE_A, outDir);
		const after = statTree(outDir);
		expect(result.files.written).toBe(1);
		// The file written again replaced its old version: nothing was removed.
		expect(result.files.removed).toBe(0);
		expect(after[`runs/${someRun}`]).not.toBe(edited);
		for (const [f, stat] of Object.entries(before)) if (f !== `runs/${someRun}`) expect(after[f]).toBe(stat);
	});

	it('restores the previous snapshot after a crash in the middle of a swap', async () => {
		const { root, outDir } = await contentWithPeoplesFiles();
		const before = readTree(outDir);
		// What a crash after moving the old manifest and runs/ aside, and one new folder in, leaves.
		const backup = join(root, '.content.mlpages-old');
		mkdirSync(backup);
		renameSync(join(outDir, 'manifest.json'), join(backup, 'manifest.json'));
		renameSync(join(outDir, 'runs'), join(backup, 'runs'));
		mkdirSync(join(outDir, 'runs'));
		writeFileSync(join(outDir, 'runs', 'half.json'), '{');
		const writer = await openSnapshotWriter(outDir, { writeFile: (p, d) => writeFile(p, d) });
		await writer.abort();
		expect(readTree(outDir)).toEqual(before);
		expect(existsSync(backup)).toBe(false);
	});

	it('refuses paths that would leave the content folder', async () => {
		const outDir = join(tempDir('mlpages-write-'), 'content');
		const writer = await openSnapshotWriter(outDir, { writeFile: (p, d) => writeFile(p, d) });
		for (const rel of ['../x.json', 'runs/../../x', '/etc/passwd', 'a//b', 'a\\b', 'a\0b']) {
			await expect(writer.write(rel, 'x')).rejects.toThrow();
		}
		await writer.abort();
	});
});

describe('a reader failing during the export', () => {
	it('keeps the previous snapshot when the source becomes unreadable half-way', async () => {
		const { outDir } = await contentWithPeoplesFiles();
		const before = readTree(outDir);
		const reader = await openSqliteReader(STORE_B, { warn: () => {}, displayUri: STORE_B });
		let runs = 0;
		const failing = {
			...reader,
			source: reader.source,
			metricPoints(r: Parameters<typeof reader.metricPoints>[0]) {
				if (++runs === 20) throw new ExportError(OutputUnwritable, 'database is locked');
				return reader.metricPoints(r);
			},
		};
		await expect(exportSnapshot({ reader: failing, outDir, config })).rejects.toThrow('database is locked');
		await reader.close();
		expect(readTree(outDir)).toEqual(before);
	});

	it('skips one run that cannot be read, with a catalogued warning, and exports the rest', async () => {
		const outDir = join(tempDir('mlpages-write-'), 'content');
		const reader = await openSqliteReader(STORE_A, { warn: () => {}, displayUri: STORE_A });
		let bad = '';
		const flaky = {
			...reader,
			source: reader.source,
			metricPoints(r: Parameters<typeof reader.metricPoints>[0]) {
				if (!bad) {
					bad = r.id;
					throw new Error('row 12 has a text timestamp');
				}
				return reader.metricPoints(r);
			},
		};
		const { manifest } = await exportSnapshot({ reader: flaky, outDir, config });
		await reader.close();
		expect(manifest.counts.runs).toBe(5);
		expect(manifest.skipped).toContainEqual({ kind: 'run', reason: 'invalid', count: 1, ids: [bad] });
		expect(manifest.warnings).toContain(skippedBadRecord('run', bad, 'row 12 has a text timestamp'));
	});

	it('exports deleted runs and experiments when asked to', async () => {
		const outDir = join(tempDir('mlpages-write-'), 'content');
		const reader = await openSqliteReader(STORE_A, { warn: () => {}, displayUri: 'x' });
		const { manifest } = await exportSnapshot({ reader, outDir, config, includeDeleted: true });
		await reader.close();
		const store = quirksStore();
		// Every run and every distinct point (the exact duplicate of RUN_SWEEP is one row in SQL).
		expect(manifest.counts.runs).toBe(store.runs.length);
		expect(manifest.counts.experiments).toBe(store.experiments.length);
		expect(manifest.counts.metricPoints).toBe(store.runs.reduce((n, r) => n + r.metrics.length, 0) - 1);
		expect(manifest.skipped.filter((s) => s.kind === 'run' || s.kind === 'experiment')).toEqual([]);
		expect(readdirSync(join(outDir, 'runs'))).toEqual(expect.arrayContaining([`${RUN_DELETED}.json`, `${RUN_TRASHED}.json`]));
	});
});
