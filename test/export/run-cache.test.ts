/**
 * The export cache against a content folder that git shares with it: a project made by
 * `mlpages init` commits the summaries (manifest.json, runs/, …) and ignores series/, histories/
 * and artifacts/, so a checkout can bring summaries the cache did not write, or none of the
 * ignored files. Either way the export must give what a cold export of the store gives.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { readTree } from './helpers/snapshot-tree.ts';
import { tempDir } from './helpers/temp-dir.ts';

const config = MlpagesConfigSchema.parse({});
let temp = '';
let db = '';
beforeAll(() => {
	temp = tempDir('mlpages-run-cache-');
	db = join(temp, 'store', 'mlflow.db');
	cpSync('examples/mlflow.db', db);
	cpSync('examples/mlartifacts', join(temp, 'store', 'mlartifacts'), { recursive: true });
});

/** Exports the store into `outDir` with `cacheFile`; returns the ids of the runs whose history was read. */
async function exportStore(outDir: string, cacheFile?: string): Promise<string[]> {
	const reader = await openSqliteReader(db, { warn: () => {}, displayUri: 'store/mlflow.db' });
	const read: string[] = [];
	const counting: SourceReader = { ...reader, source: reader.source, metricPoints: (run) => (read.push(run.id), reader.metricPoints(run)) };
	try {
		await exportSnapshot({ reader: counting, outDir, config, ...(cacheFile ? { cacheFile } : {}) });
	} finally {
		await reader.close();
	}
	return read;
}

const RUN = '7dd97dbe778374c3ac7a7d6fe8ef3b01'; // logistic-regression, source of penguins-classifier v2

describe('the export cache with a content folder under git', () => {
	it('exports again every run whose series or history is missing: a fresh checkout holds only the committed summaries', async () => {
		const outDir = join(temp, 'checkout', 'content');
		const cacheFile = join(temp, 'cache', 'checkout.json');
		expect(await exportStore(outDir, cacheFile)).toHaveLength(29);
		const complete = readTree(outDir);
		// What git gives back, with the cache of the export that wrote the snapshot still there.
		for (const ignored of ['series', 'histories', 'artifacts']) rmSync(join(outDir, ignored), { recursive: true });
		expect(await exportStore(outDir, cacheFile)).toHaveLength(29);
		expect(readTree(outDir)).toEqual(complete);
		expect(await exportStore(outDir, cacheFile)).toEqual([]);
	});

	it('exports a run again when its summary is not the file the cache recorded: another branch checked out', async () => {
		const outDir = join(temp, 'branches', 'content');
		const cacheFile = join(temp, 'cache', 'branches.json');
		const setTag = (value: string) => {
			const sql = new DatabaseSync(db);
			sql.prepare("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.note.content'").run(value, RUN);
			const changed = sql.prepare("SELECT changes() AS n").get() as { n: number };
			if (changed.n === 0) sql.prepare("INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.note.content', ?, ?)").run(value, RUN);
			sql.close();
		};
		const runFile = join(outDir, 'runs', `${RUN}.json`);
		// Branch "old" committed the run with the first note; the store has the second one since.
		setTag('Baseline for the comparison.');
		await exportStore(outDir, cacheFile);
		const old = readFileSync(runFile, 'utf8');
		setTag('Baseline for the comparison, checked by Ana.');
		await exportStore(outDir, cacheFile);
		const current = readFileSync(runFile, 'utf8');
		expect(current).not.toBe(old);
		// `git checkout old` puts the old summary back; the manifest is the same on both branches.
		writeFileSync(runFile, old);
		expect(await exportStore(outDir, cacheFile)).toEqual([RUN]);
		expect(readFileSync(runFile, 'utf8')).toBe(current);
	});
});
