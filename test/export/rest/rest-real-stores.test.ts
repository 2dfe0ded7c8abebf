/**
 * Real stores through MLflow's REST API: a store is read with its own reader, served by the fake
 * tracking server, and read back with the REST reader; both reads must be equal. The stores are
 * in ../shared/fixtures (see its INDEX.md); a missing fixture fails the test. The last test
 * exports a store both ways and requires byte-identical snapshots.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../../src/export/export.ts';
import { openFileStoreReader } from '../../../src/export/file-store/file-store-reader.ts';
import { openRestReader } from '../../../src/export/rest/rest-reader.ts';
import { openSqliteReader } from '../../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../../src/schemas/config.ts';
import type { SourceReader } from '../../../src/export/source-reader.ts';
import { fixture } from '../helpers/shared-fixtures.ts';
import { loadFromReader, startMlflowServer, type MlflowServerOptions, type MlflowStoreData, type MlflowTestServer } from '../../support/mlflow-server.ts';


let server: MlflowTestServer | undefined;
const tempDirs: string[] = [];
afterEach(async () => {
	await server?.close();
	server = undefined;
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** JSON-comparable form: non-finite numbers and bytes as text, lists sorted, empty histories dropped. */
function comparable(data: MlflowStoreData, withLatest: boolean) {
	const text = (value: unknown) =>
		JSON.parse(
			JSON.stringify(value, (_, v: unknown) =>
				typeof v === 'number' && !Number.isFinite(v) ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
			),
		) as unknown;
	const sorted = (list: unknown[]) => list.map((x) => JSON.stringify(text(x))).sort();
	const metrics = Object.entries(data.metrics)
		.filter(([, points]) => points.length > 0)
		.map(([id, points]) => [id, sorted(points)] as const)
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		experiments: sorted(data.experiments),
		runs: sorted(withLatest ? data.runs : data.runs.map((r) => ({ ...r, latestMetrics: null }))),
		metrics,
		datasets: sorted(data.datasets),
		loggedModels: sorted(data.loggedModels),
		registeredModels: sorted(data.registeredModels),
		modelVersions: sorted(data.modelVersions),
		artifacts: text(data.artifacts),
	};
}

async function roundTrip(
	path: string,
	serverOptions: Omit<MlflowServerOptions, 'data'> = {},
	select: (data: MlflowStoreData) => MlflowStoreData = (data) => data,
) {
	const warnings: string[] = [];
	const options = { warn: (m: string) => warnings.push(m), displayUri: path };
	const source = path.endsWith('.db') ? await openSqliteReader(path, options) : await openFileStoreReader(path, options);
	const original = select(await loadFromReader(source));
	await source.close();
	server = await startMlflowServer({ ...serverOptions, data: original });
	const rest = await openRestReader(server.uri, { ...options, env: {}, sleep: async () => {} });
	const back = await loadFromReader(rest);
	await rest.close();
	return { original, back, warnings, server };
}

describe('real stores read back through the REST API', () => {
	it('SQLite store (Ghaith-Saidani__MLflow/mlflow.db): equal, latest-metric summaries included', async () => {
		const { original, back } = await roundTrip(fixture('Ghaith-Saidani__MLflow/mlflow.db'));
		expect(original.runs).toHaveLength(143);
		expect(isDeepStrictEqual(comparable(back, true), comparable(original, true))).toBe(true);
	});

	it('file store with datasets and artifacts, through pages of 3 that overlap (PRE-12-mlflow-evaluacion)', async () => {
		const { original, back, server } = await roundTrip(fixture('2025-1-productos-de-datos__PRE-12-mlflow-evaluacion-alvelezp/mlruns'), { pageSize: 3, pageOverlap: 1 });
		expect(original.runs).toHaveLength(7);
		expect(original.datasets.length).toBeGreaterThan(0);
		expect(Object.keys(original.artifacts)).toHaveLength(7);
		// The file store keeps no latest-metric summary; REST always sends one.
		expect(comparable(back, false)).toEqual(comparable(original, false));
		expect(server.requests.filter((r) => r.route === 'metrics/get-history').every((r) => r.query['max_results']?.[0] === '25000')).toBe(true);
	});

	it('file store with inf and nan values (Toma0916__GlobalWheatDetection, the runs holding them)', async () => {
		// The whole store is 3000+ requests; its runs with non-finite values are the interesting part.
		const nonFinite = (data: MlflowStoreData): MlflowStoreData => {
			const ids = new Set(Object.entries(data.metrics).filter(([, points]) => points.some((p) => !Number.isFinite(p.value))).map(([id]) => id));
			const runs = data.runs.filter((r) => ids.has(r.id)).slice(0, 6);
			const experimentIds = new Set(runs.map((r) => r.experimentId));
			return {
				...data,
				experiments: data.experiments.filter((e) => experimentIds.has(e.id)),
				runs,
				metrics: Object.fromEntries(runs.map((r) => [r.id, data.metrics[r.id] ?? []])),
				artifacts: Object.fromEntries(runs.flatMap((r) => (data.artifacts[r.id] === undefined ? [] : [[r.id, data.artifacts[r.id]!]]))),
			};
		};
		const { original, back } = await roundTrip(fixture('Toma0916__GlobalWheatDetection/mlruns'), {}, nonFinite);
		expect(original.runs.length).toBeGreaterThan(0);
		const values = Object.values(original.metrics).flat().map((p) => p.value);
		expect(values.some((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
		expect(values.some((v) => Number.isNaN(v))).toBe(true);
		expect(isDeepStrictEqual(comparable(back, false), comparable(original, false))).toBe(true);
	});

	it('exports a SQLite store to the same snapshot directly and through the REST API (PatrickCmd 02-experiment-tracking)', async () => {
		const path = fixture('PatrickCmd__mlops-zoomcamp/02-experiment-tracking/mlflow.db');
		const options = { warn: () => {}, displayUri: 'mlflow.db' };
		const direct = await openSqliteReader(path, options);
		const viaSqlite = await exportTo(direct);
		server = await startMlflowServer({ data: await loadFromReader(await openSqliteReader(path, options)) });
		const viaRest = await exportTo(await openRestReader(server.uri, { ...options, env: {} }));
		const a = files(viaSqlite);
		const b = files(viaRest);
		expect(Object.keys(b)).toEqual(Object.keys(a));
		expect(Object.keys(a).filter((f) => f.startsWith('runs/')).length).toBeGreaterThan(40);
		const manifest = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), source: null });
		for (const [file, text] of Object.entries(a)) {
			if (file === 'manifest.json') expect(manifest(b[file] ?? '')).toEqual(manifest(text));
			else expect(b[file], file).toBe(text);
		}
		expect(JSON.parse(b['manifest.json'] ?? '{}').source).toEqual({ kind: 'rest', uri: server.uri });
	});
});

async function exportTo(reader: SourceReader): Promise<string> {
	const temp = mkdtempSync(join(tmpdir(), 'mlpages-rest-export-'));
	tempDirs.push(temp);
	const outDir = join(temp, 'content');
	await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}) });
	await reader.close();
	return outDir;
}

/** Every file of a folder by relative path, as text. */
function files(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = join(entry.parentPath, entry.name);
		out[full.slice(dir.length + 1)] = readFileSync(full, 'utf8');
	}
	return Object.fromEntries(Object.entries(out).sort(([x], [y]) => (x < y ? -1 : 1)));
}
