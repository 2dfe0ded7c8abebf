/**
 * One snapshot from any source: the bundled example store is exported from its SQLite file
 * (`examples/mlflow.db`), from the same content written by the demo generator as a file store,
 * and from the SQLite store served over MLflow's REST API by the fake tracking server. The three
 * snapshots must be byte-identical, file by file, except `manifest.source` and one difference of
 * definition (below). GitLab's variant of the API has less to give (no datasets, logged models,
 * artifacts, aliases or deleted-version marker; times in seconds), so only what it can carry is
 * compared: the histories, the chart series and the runs without their inputs, outputs and artifacts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { openRestReader } from '../../src/export/rest/rest-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { loadFromReader, startMlflowServer } from '../support/mlflow-server.ts';
import { demoFileStore } from './helpers/demo-file-store.ts';

const options = { warn: () => {}, displayUri: 'example' };
let temp = '';
const snapshots: Record<'sqlite' | 'file' | 'rest' | 'gitlab', Record<string, string>> = { sqlite: {}, file: {}, rest: {}, gitlab: {} };

async function exportTo(reader: SourceReader, name: string): Promise<Record<string, string>> {
	const outDir = join(temp, name);
	await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}) });
	await reader.close();
	return files(outDir);
}

async function served(dialect: 'mlflow' | 'gitlab'): Promise<Record<string, string>> {
	const source = await openSqliteReader('examples/mlflow.db', options);
	const server = await startMlflowServer({ dialect, data: await loadFromReader(source) });
	await source.close();
	try {
		return await exportTo(await openRestReader(server.uri, { ...options, env: {}, sleep: async () => {} }), dialect === 'mlflow' ? 'rest' : 'gitlab');
	} finally {
		await server.close();
	}
}

beforeAll(async () => {
	temp = await demoFileStore('mlpages-three-way-');
	snapshots.sqlite = await exportTo(await openSqliteReader('examples/mlflow.db', options), 'sqlite');
	snapshots.file = await exportTo(await openFileStoreReader(join(temp, 'mlruns'), options), 'file');
	snapshots.rest = await served('mlflow');
	snapshots.gitlab = await served('gitlab');
}, 120_000);

/** Every file of a folder by relative path, as text, paths sorted. */
function files(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = join(entry.parentPath, entry.name);
		out[full.slice(dir.length + 1).split('\\').join('/')] = readFileSync(full, 'utf8');
	}
	return Object.fromEntries(Object.entries(out).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/** The first difference between two snapshots as "file line N: a | b", or null when equal. */
function firstDifference(a: Record<string, string>, b: Record<string, string>): string | null {
	const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
	for (const path of paths) {
		const x = a[path];
		const y = b[path];
		if (x === y) continue;
		if (x === undefined || y === undefined) return `${path}: only in the ${x === undefined ? 'second' : 'first'} snapshot`;
		const xl = x.split('\n');
		const yl = y.split('\n');
		const line = xl.findIndex((l, i) => l !== yl[i]);
		return `${path} line ${line + 1}:\n  ${xl[line] ?? '(end)'}\n  ${yl[line] ?? '(end)'}`;
	}
	return null;
}

/** The snapshot with `manifest.source` (and what `change` does to the manifest) set aside. */
function withoutSource(snapshot: Record<string, string>, change: (m: Record<string, unknown>) => void = () => {}): Record<string, string> {
	const manifest = JSON.parse(snapshot['manifest.json'] ?? '{}') as Record<string, unknown>;
	delete manifest['source'];
	change(manifest);
	return { ...snapshot, 'manifest.json': JSON.stringify(manifest, null, 2) };
}

describe('one snapshot from any source (the example store)', () => {
	it('exports the whole example store', () => {
		const manifest = JSON.parse(snapshots.sqlite['manifest.json'] ?? '{}') as { counts: Record<string, number> };
		expect(manifest.counts).toMatchObject({ experiments: 3, runs: 29, registeredModels: 2, modelVersions: 5, loggedModels: 4, datasets: 2 });
		expect(Object.keys(snapshots.sqlite).filter((f) => f.startsWith('histories/'))).toHaveLength(29);
		expect(Object.keys(snapshots.sqlite).some((f) => f.startsWith('artifacts/'))).toBe(true);
	});

	it('SQLite and file store give byte-identical snapshots except manifest.source', () => {
		expect(firstDifference(withoutSource(snapshots.sqlite), withoutSource(snapshots.file))).toBeNull();
		expect(JSON.parse(snapshots.file['manifest.json'] ?? '{}').source.kind).toBe('file');
	});

	it('SQLite and an MLflow tracking server give byte-identical snapshots except manifest.source and the hidden deleted version', () => {
		// Difference of definition: MLflow's REST API never returns a version in the internal
		// deleted stage, so the server's export cannot count it as skipped; the rest is equal.
		const skippedDeletedVersion = (m: Record<string, unknown>) => {
			m['skipped'] = (m['skipped'] as { kind: string; reason: string }[]).filter((s) => !(s.kind === 'modelVersion' && s.reason === 'deleted'));
		};
		expect(JSON.parse(snapshots.sqlite['manifest.json'] ?? '{}').skipped).toContainEqual({ kind: 'modelVersion', reason: 'deleted', count: 1, ids: ['penguins-classifier/4'] });
		expect(firstDifference(withoutSource(snapshots.sqlite, skippedDeletedVersion), withoutSource(snapshots.rest))).toBeNull();
		expect(JSON.parse(snapshots.rest['manifest.json'] ?? '{}').source.kind).toBe('rest');
	});

	it('GitLab: histories and chart series byte-identical; runs equal but for what GitLab cannot serve', () => {
		const part = (snapshot: Record<string, string>, dirs: string[]) => Object.fromEntries(Object.entries(snapshot).filter(([f]) => dirs.some((d) => f.startsWith(`${d}/`))));
		expect(firstDifference(part(snapshots.sqlite, ['histories', 'series']), part(snapshots.gitlab, ['histories', 'series']))).toBeNull();
		const runs = (snapshot: Record<string, string>) =>
			Object.fromEntries(
				Object.entries(part(snapshot, ['runs'])).map(([f, text]) => {
					const run = JSON.parse(text) as Record<string, unknown>;
					// GitLab has no artifact listing, dataset inputs or logged-model outputs.
					for (const key of ['artifacts', 'inputs', 'loggedModelIds']) delete run[key];
					return [f, JSON.stringify(run, null, 2)];
				}),
			);
		expect(Object.keys(runs(snapshots.gitlab))).toHaveLength(29);
		expect(firstDifference(runs(snapshots.sqlite), runs(snapshots.gitlab))).toBeNull();
	});
});
