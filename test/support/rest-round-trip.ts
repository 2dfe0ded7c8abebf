import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportSnapshot } from '../../src/export/export.ts';
import { datasetId } from '../../src/export/normalise-dataset.ts';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { openRestReader } from '../../src/export/rest/rest-reader.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { loadFromReader, startMlflowServer, type MlflowServerOptions, type MlflowStoreData, type MlflowTestServer } from './mlflow-server.ts';

/**
 * JSON-comparable form of a store read by a reader: non-finite numbers and bytes as text, lists
 * sorted, empty histories dropped; `withLatest: false` drops the latest-metric summaries, which
 * a file store does not keep and REST always sends. Two differences of definition are set aside:
 * dataset ids are the snapshot's md5(name + digest) (a SQLite store has its own uuids, REST has
 * none), and `Deleted_Internal` versions are dropped (MLflow's REST API never returns them).
 */
export function comparable(data: MlflowStoreData, withLatest: boolean) {
	const text = (value: unknown) =>
		JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))) as unknown;
	const ids = new Map(data.datasets.map((d) => [d.id, datasetId(d.name, d.digest)]));
	const datasets = data.datasets.map((d) => ({ ...d, id: ids.get(d.id) }));
	const runs = data.runs.map((r) => ({
		...r,
		inputs: r.inputs.map((i) => ({ ...i, datasetId: ids.get(i.datasetId) ?? i.datasetId })),
		latestMetrics: withLatest ? r.latestMetrics : null,
	}));
	const artifacts = Object.fromEntries(
		Object.entries(data.artifacts).map(([run, files]) => [
			run,
			Object.fromEntries(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? content : Buffer.from(content).toString('base64')])),
		]),
	);
	const sorted = (list: unknown[]) => list.map((x) => JSON.stringify(text(x))).sort();
	const metrics = Object.entries(data.metrics)
		.filter(([, points]) => points.length > 0)
		.map(([id, points]) => [id, sorted(points)] as const)
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		experiments: sorted(data.experiments),
		runs: sorted(runs),
		metrics,
		datasets: sorted(datasets),
		loggedModels: sorted(data.loggedModels),
		registeredModels: sorted(data.registeredModels),
		modelVersions: sorted(data.modelVersions.filter((v) => v.stage !== 'Deleted_Internal')),
		artifacts,
	};
}

/**
 * Reads a store (`*.db`: SQLite, else a file store) with its own reader, serves what it read
 * with the fake tracking server, and reads it back with the REST reader. The caller closes
 * `server`.
 */
export async function restRoundTrip(
	path: string,
	serverOptions: Omit<MlflowServerOptions, 'data'> = {},
	select: (data: MlflowStoreData) => MlflowStoreData = (data) => data,
): Promise<{ original: MlflowStoreData; back: MlflowStoreData; warnings: string[]; server: MlflowTestServer }> {
	const warnings: string[] = [];
	const options = { warn: (m: string) => warnings.push(m), displayUri: path };
	const source = path.endsWith('.db') ? await openSqliteReader(path, options) : await openFileStoreReader(path, options);
	const original = select(await loadFromReader(source));
	await source.close();
	const server = await startMlflowServer({ ...serverOptions, data: original });
	const rest = await openRestReader(server.uri, { ...options, env: {}, sleep: async () => {} });
	const back = await loadFromReader(rest);
	await rest.close();
	return { original, back, warnings, server };
}

/** Exports through `reader` into `<folder>/content`, closes the reader, and returns that folder. */
export async function exportTo(reader: SourceReader, folder: string): Promise<string> {
	const outDir = join(folder, 'content');
	await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}) });
	await reader.close();
	return outDir;
}

/** Every file of a folder by relative path, as text, paths sorted. */
export function snapshotFiles(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = join(entry.parentPath, entry.name);
		out[full.slice(dir.length + 1)] = readFileSync(full, 'utf8');
	}
	return Object.fromEntries(Object.entries(out).sort(([x], [y]) => (x < y ? -1 : 1)));
}
