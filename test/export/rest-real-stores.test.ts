/**
 * Real stores through MLflow's REST API: a store is read with its own reader, served by the fake
 * tracking server, and read back with the REST reader; both reads must be equal. The stores are
 * in ../shared/fixtures (see its INDEX.md); a missing fixture fails the test.
 */
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStoreReader } from '../../src/export/file-store-reader.ts';
import { openRestReader } from '../../src/export/rest-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite-reader.ts';
import { loadFromReader, startMlflowServer, type MlflowServerOptions, type MlflowStoreData, type MlflowTestServer } from '../support/mlflow-server.ts';

const FIXTURES = '../shared/fixtures/mlflow';

let server: MlflowTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
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
	expect(existsSync(path), `fixture ${path} is missing (see ../shared/fixtures/INDEX.md)`).toBe(true);
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
		const { original, back } = await roundTrip(`${FIXTURES}/Ghaith-Saidani__MLflow/mlflow.db`);
		expect(original.runs).toHaveLength(143);
		expect(isDeepStrictEqual(comparable(back, true), comparable(original, true))).toBe(true);
	});

	it('file store with datasets and artifacts, through pages of 3 that overlap (PRE-12-mlflow-evaluacion)', async () => {
		const { original, back, server } = await roundTrip(`${FIXTURES}/2025-1-productos-de-datos__PRE-12-mlflow-evaluacion-alvelezp/mlruns`, { pageSize: 3, pageOverlap: 1 });
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
		const { original, back } = await roundTrip(`${FIXTURES}/Toma0916__GlobalWheatDetection/mlruns`, {}, nonFinite);
		expect(original.runs.length).toBeGreaterThan(0);
		const values = Object.values(original.metrics).flat().map((p) => p.value);
		expect(values.some((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
		expect(values.some((v) => Number.isNaN(v))).toBe(true);
		expect(isDeepStrictEqual(comparable(back, false), comparable(original, false))).toBe(true);
	});
});
