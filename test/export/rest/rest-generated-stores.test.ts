/**
 * Generated stores through MLflow's REST API: the quirks store, written at each SQLite schema
 * generation and in each file-store layout, is read with its own reader, served by the fake
 * tracking server, and read back with the REST reader; both reads must be equal. The last test
 * exports one both ways and requires byte-identical snapshots.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileStoreLayout } from '../../../scripts/demo/file-store-meta.ts';
import { SQLITE_GENERATIONS } from '../../../scripts/demo/mlflow-schema-generations.ts';
import { openRestReader } from '../../../src/export/rest/rest-reader.ts';
import { openSqliteReader } from '../../../src/export/sqlite/sqlite-reader.ts';
import { loadFromReader, startMlflowServer, type MlflowTestServer } from '../../support/mlflow-server.ts';
import { RUN_PICKER, RUN_SWEEP } from '../../support/quirks-store.ts';
import { comparable, exportTo, restRoundTrip, snapshotFiles } from '../../support/rest-round-trip.ts';
import { writeQuirksStore } from '../../support/write-quirks-store.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let server: MlflowTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('generated SQLite stores read back through the REST API', () => {
	it.each(SQLITE_GENERATIONS)('$revision (MLflow $mlflow): equal, latest-metric summaries, NaN and ±Infinity included', async ({ revision }) => {
		const trip = await restRoundTrip(writeQuirksStore({ sqlite: revision }).path);
		server = trip.server;
		expect(trip.original.runs).toHaveLength(8);
		const values = trip.back.metrics[RUN_SWEEP]!.map((p) => p.value);
		expect(values).toContain(Number.POSITIVE_INFINITY);
		expect(values).toContain(Number.NEGATIVE_INFINITY);
		expect(values.some((v) => Number.isNaN(v))).toBe(true);
		expect(isDeepStrictEqual(comparable(trip.back, true), comparable(trip.original, true))).toBe(true);
	});
});

describe('generated file stores read back through the REST API, in pages of 3 that overlap', () => {
	it.each<FileStoreLayout>(['1.x', '2.x', '3.x'])('MLflow %s layout: equal, with its datasets (if any), a duplicate value and artifacts', async (layout) => {
		const trip = await restRoundTrip(writeQuirksStore({ file: layout }).path, { pageSize: 3, pageOverlap: 1 });
		server = trip.server;
		expect(trip.original.runs).toHaveLength(8);
		expect(Object.keys(trip.original.artifacts)).toContain(RUN_PICKER);
		expect(trip.original.datasets).toHaveLength(layout === '1.x' ? 0 : 2);
		// The exact duplicate value is passed through both ways.
		expect(trip.back.metrics[RUN_SWEEP]!.filter((p) => p.key === 'val_accuracy')).toHaveLength(2);
		// The file store keeps no latest-metric summary; REST always sends one.
		expect(comparable(trip.back, false)).toEqual(comparable(trip.original, false));
		expect(trip.server.requests.filter((r) => r.route === 'metrics/get-history').every((r) => r.query['max_results']?.[0] === '25000')).toBe(true);
	});
});

describe('a generated store exported directly and through the REST API', () => {
	it('gives the same snapshot, byte for byte except the manifest source and the hidden deleted version (MLflow 1.26 schema)', async () => {
		const { path } = writeQuirksStore({ sqlite: 'bd07f7e963c5' });
		const options = { warn: () => {}, displayUri: 'mlflow.db' };
		const a = snapshotFiles(await exportTo(await openSqliteReader(path, options), tempDir('mlpages-rest-export-')));
		server = await startMlflowServer({ data: await loadFromReader(await openSqliteReader(path, options)) });
		const b = snapshotFiles(await exportTo(await openRestReader(server.uri, { ...options, env: {} }), tempDir('mlpages-rest-export-')));
		expect(Object.keys(b)).toEqual(Object.keys(a));
		expect(Object.keys(a).filter((f) => f.startsWith('runs/'))).toHaveLength(6);
		// Difference of definition: MLflow's REST API never returns a version in the internal
		// deleted stage, so the server's export cannot count it as skipped.
		const manifest = (text: string) => {
			const m = JSON.parse(text) as { skipped: Array<{ kind: string; reason: string }> };
			return { ...m, source: null, skipped: m.skipped.filter((s) => !(s.kind === 'modelVersion' && s.reason === 'deleted')) };
		};
		expect(JSON.parse(a['manifest.json'] ?? '{}').skipped).toContainEqual({ kind: 'modelVersion', reason: 'deleted', count: 1, ids: ['seismic-picker/2'] });
		for (const [file, text] of Object.entries(a)) {
			if (file === 'manifest.json') expect(manifest(b[file] ?? '')).toEqual(manifest(text));
			else expect(b[file], file).toBe(text);
		}
		expect(JSON.parse(b['manifest.json'] ?? '{}').source).toEqual({ kind: 'rest', uri: server.uri });
	});
});
