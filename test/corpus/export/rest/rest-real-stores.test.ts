/**
 * Real stores through MLflow's REST API: a store is read with its own reader, served by the fake
 * tracking server, and read back with the REST reader; both reads must be equal. The stores are
 * in ../shared/fixtures (see its INDEX.md); a missing fixture fails the test. The last test
 * exports a store both ways and requires byte-identical snapshots.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openRestReader } from '../../../../src/export/rest/rest-reader.ts';
import { openSqliteReader } from '../../../../src/export/sqlite/sqlite-reader.ts';
import { tempDir } from '../../../export/helpers/temp-dir.ts';
import { loadFromReader, startMlflowServer, type MlflowStoreData, type MlflowTestServer } from '../../../support/mlflow-server.ts';
import { comparable, exportTo, restRoundTrip, snapshotFiles } from '../../../support/rest-round-trip.ts';
import { fixture } from '../../helpers/shared-fixtures.ts';

let server: MlflowTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('real stores read back through the REST API', () => {
	it('SQLite store (Ghaith-Saidani__MLflow/mlflow.db): equal, latest-metric summaries included', async () => {
		const trip = await restRoundTrip(fixture('Ghaith-Saidani__MLflow/mlflow.db'));
		server = trip.server;
		expect(trip.original.runs).toHaveLength(143);
		expect(isDeepStrictEqual(comparable(trip.back, true), comparable(trip.original, true))).toBe(true);
	});

	it('file store with datasets and artifacts, through pages of 3 that overlap (PRE-12-mlflow-evaluacion)', async () => {
		const trip = await restRoundTrip(fixture('2025-1-productos-de-datos__PRE-12-mlflow-evaluacion-alvelezp/mlruns'), { pageSize: 3, pageOverlap: 1 });
		server = trip.server;
		expect(trip.original.runs).toHaveLength(7);
		expect(trip.original.datasets.length).toBeGreaterThan(0);
		expect(Object.keys(trip.original.artifacts)).toHaveLength(7);
		// The file store keeps no latest-metric summary; REST always sends one.
		expect(comparable(trip.back, false)).toEqual(comparable(trip.original, false));
		expect(trip.server.requests.filter((r) => r.route === 'metrics/get-history').every((r) => r.query['max_results']?.[0] === '25000')).toBe(true);
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
		const trip = await restRoundTrip(fixture('Toma0916__GlobalWheatDetection/mlruns'), {}, nonFinite);
		server = trip.server;
		expect(trip.original.runs.length).toBeGreaterThan(0);
		const values = Object.values(trip.original.metrics).flat().map((p) => p.value);
		expect(values.some((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
		expect(values.some((v) => Number.isNaN(v))).toBe(true);
		expect(isDeepStrictEqual(comparable(trip.back, false), comparable(trip.original, false))).toBe(true);
	});

	it('exports a SQLite store to the same snapshot directly and through the REST API (PatrickCmd 02-experiment-tracking)', async () => {
		const path = fixture('PatrickCmd__mlops-zoomcamp/02-experiment-tracking/mlflow.db');
		const options = { warn: () => {}, displayUri: 'mlflow.db' };
		const a = snapshotFiles(await exportTo(await openSqliteReader(path, options), tempDir('mlpages-rest-export-')));
		server = await startMlflowServer({ data: await loadFromReader(await openSqliteReader(path, options)) });
		const b = snapshotFiles(await exportTo(await openRestReader(server.uri, { ...options, env: {} }), tempDir('mlpages-rest-export-')));
		expect(Object.keys(b)).toEqual(Object.keys(a));
		expect(Object.keys(a).filter((f) => f.startsWith('runs/')).length).toBeGreaterThan(40);
		const manifest = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), source: null });
		for (const [file, text] of Object.entries(a)) {
			if (file === 'manifest.json') expect(manifest(b[file] ?? '')).toEqual(manifest(text));
			else expect(b[file], file).toBe(text);
		}
		expect(JSON.parse(b['manifest.json'] ?? '{}').source).toEqual({ kind: 'rest', label: `rest · ${new URL(server.uri).host}` });
	});
});
