import { afterEach, describe, expect, it } from 'vitest';
import { openRestReader, type RestReaderOptions } from '../../../src/export/rest/rest-reader.ts';
import type { RawMetricPoint } from '../../../src/export/source-reader.ts';
import { skippedBadRecord } from '../../../src/messages.ts';
import { gitlabStore, mlflowStore } from '../../fixtures/mlflow-rest/stores.ts';
import { loadFromReader, startMlflowServer, type MlflowServerOptions, type MlflowStoreData, type MlflowTestServer } from '../../support/mlflow-server.ts';

let server: MlflowTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function open(options: MlflowServerOptions, reader: Partial<RestReaderOptions> = {}) {
	server = await startMlflowServer(options);
	const warnings: string[] = [];
	const waits: number[] = [];
	const source = await openRestReader(server.uri, {
		warn: (m) => warnings.push(m),
		displayUri: server.uri,
		env: {},
		sleep: async (ms) => {
			waits.push(ms);
		},
		random: () => 0.5,
		...reader,
	});
	return { reader: source, server, warnings, waits };
}

/** Sorts every list so stores compare regardless of listing order; drops empty histories. */
function normalise(data: MlflowStoreData): MlflowStoreData {
	const by = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
	const metrics: Record<string, RawMetricPoint[]> = {};
	for (const [id, points] of Object.entries(data.metrics)) {
		if (points.length > 0) metrics[id] = [...points].sort(by((p) => p.key));
	}
	return {
		experiments: [...data.experiments].sort(by((e) => e.id)),
		runs: [...data.runs].sort(by((r) => r.id)),
		metrics,
		datasets: [...data.datasets].sort(by((d) => d.id)),
		loggedModels: [...data.loggedModels].sort(by((m) => m.id)),
		registeredModels: [...data.registeredModels].sort(by((m) => m.name)),
		modelVersions: [...data.modelVersions].sort(by((v) => `${v.name}/${v.version}`)),
		artifacts: Object.fromEntries(
			Object.entries(data.artifacts).map(([id, files]) => [
				id,
				Object.fromEntries(Object.entries(files).map(([p, c]) => [p, typeof c === 'string' ? new TextEncoder().encode(c) : new Uint8Array(c)])),
			]),
		),
	};
}

describe('openRestReader on an MLflow tracking server', () => {
	it('reads back exactly the store the server holds, deleted records included', async () => {
		const { reader, warnings } = await open({ data: mlflowStore });
		expect(reader.source).toEqual({ kind: 'rest', uri: server?.uri });
		expect(normalise(await loadFromReader(reader))).toEqual(normalise(mlflowStore));
		expect(warnings).toEqual([]);
	});

	it('reads the same store through tiny pages that overlap, each record once', async () => {
		const { reader, server } = await open({ data: mlflowStore, pageSize: 2, pageOverlap: 1 });
		const data = await loadFromReader(reader);
		expect(normalise(data)).toEqual(normalise(mlflowStore));
		const runPages = server.requests.filter((r) => r.route === 'runs/search' && (r.body as { experiment_ids: string[] }).experiment_ids[0] === '853099972095872099');
		// 10 runs, 2 per page, each next page starting one back: 9 pages.
		expect(runPages).toHaveLength(9);
		expect(new Set(data.runs.map((r) => r.id)).size).toBe(10);
	});

	it('decodes int64 fields sent as strings and non-finite values sent as "NaN"/"Infinity"', async () => {
		const { reader } = await open({ data: mlflowStore, int64AsStrings: true });
		expect(normalise(await loadFromReader(reader))).toEqual(normalise(mlflowStore));
		const raw = await fetch(`${server?.uri}/api/2.0/mlflow/metrics/get-history?run_id=1c00447556424067ae62fe39e167bb34&metric_key=loss&max_results=10`);
		const text = await raw.text();
		expect(text).toContain('"value":"NaN"');
		expect(text).toContain('"value":"-Infinity"');
		expect(text).toContain('"step":"1"');
	});

	it('asks for everything: view_type and run_view_type ALL, max_results on every page', async () => {
		const { reader, server } = await open({ data: mlflowStore });
		await loadFromReader(reader);
		const searches = server.requests.filter((r) => r.route === 'experiments/search');
		expect(searches.every((r) => (r.body as Record<string, unknown>)['view_type'] === 'ALL')).toBe(true);
		const runs = server.requests.filter((r) => r.route === 'runs/search');
		expect(runs.every((r) => (r.body as Record<string, unknown>)['run_view_type'] === 'ALL' && (r.body as Record<string, unknown>)['max_results'] === 1000)).toBe(true);
		const histories = server.requests.filter((r) => r.route === 'metrics/get-history');
		expect(histories.length).toBeGreaterThan(0);
		expect(histories.every((r) => r.query['max_results']?.[0] === '25000')).toBe(true);
		const versions = server.requests.filter((r) => r.route === 'model-versions/search');
		expect(versions.map((r) => r.query['filter']?.[0]).sort()).toEqual([`name="o'neil"`, `name='iris-classifier'`]);
		expect(server.requests.every((r) => r.authorization === null)).toBe(true);
	});

	it('follows history page tokens with max_results kept', async () => {
		const { reader, server } = await open({ data: mlflowStore, pageSize: 2 });
		const run = mlflowStore.runs[0]!;
		const points: RawMetricPoint[] = [];
		for await (const p of reader.metricPoints(run)) points.push(p);
		expect(points.filter((p) => p.key === 'loss').map((p) => p.value)).toEqual([0.9, Number.NaN, 0.4, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.2]);
		const loss = server.requests.filter((r) => r.route === 'metrics/get-history' && r.query['metric_key']?.[0] === 'loss');
		expect(loss).toHaveLength(3);
		expect(loss.map((r) => r.query['max_results']?.[0])).toEqual(['25000', '25000', '25000']);
		expect(loss.slice(1).every((r) => r.query['page_token']?.[0] !== undefined)).toBe(true);
	});

	it('skips a metric the server no longer knows with a warning, and reads the others', async () => {
		const { reader, server, warnings } = await open({ data: mlflowStore });
		const gone = JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Metric loss not found' });
		server.fault({ route: 'metrics/get-history', match: (r) => r.query['metric_key']?.[0] === 'loss', fault: { kind: 'status', status: 404, body: gone, contentType: 'application/json' } });
		const run = mlflowStore.runs[0]!;
		const keys = new Set<string>();
		for await (const p of reader.metricPoints(run)) keys.add(p.key);
		expect([...keys]).toEqual(['AVG AUC overall', 'val/acc']);
		const url = `${server.uri}/api/2.0/mlflow/metrics/get-history?run_id=${run.id}&metric_key=loss`;
		expect(warnings).toEqual([skippedBadRecord(`metric "loss" of run ${run.id}`, `GET ${url}`, `MLflow request failed with status 404: GET ${url}&max_results=25000; RESOURCE_DOES_NOT_EXIST: Metric loss not found`)]);
	});

	it('fetches the first pages of at most `concurrency` keys ahead', async () => {
		const many = { ...mlflowStore.runs[0]!, id: 'feedfacefeedfacefeedfacefeedface', latestMetrics: {} as Record<string, RawMetricPoint> };
		const points = Array.from({ length: 12 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: i, timestamp: 1, step: 0 }));
		for (const p of points) many.latestMetrics[p.key] = p;
		let inFlight = 0;
		let most = 0;
		const counting: typeof fetch = async (input, init) => {
			inFlight += 1;
			most = Math.max(most, inFlight);
			try {
				return await fetch(input, init);
			} finally {
				inFlight -= 1;
			}
		};
		const { reader } = await open({ data: { ...mlflowStore, runs: [many], metrics: { [many.id]: points } }, faults: [{ route: 'metrics/get-history', times: 12, fault: { kind: 'delay', ms: 10 } }] }, { concurrency: 3, fetch: counting });
		const read: RawMetricPoint[] = [];
		for await (const p of reader.metricPoints(many)) read.push(p);
		expect(read).toEqual(points);
		expect(most).toBe(3);
	});

	it('finds datasets before runs are read, without paging through runs/search twice', async () => {
		const { reader, server } = await open({ data: mlflowStore });
		const iris = mlflowStore.experiments[1]!;
		const datasets = [];
		for await (const d of reader.datasets(iris)) datasets.push(d);
		expect(datasets).toEqual(mlflowStore.datasets);
		const runs = [];
		for await (const r of reader.runs(iris)) runs.push(r);
		expect(runs).toHaveLength(10);
		expect(server.requests.filter((r) => r.route === 'runs/search')).toHaveLength(1);
		// A second listing asks the server again.
		for await (const _ of reader.runs(iris));
		expect(server.requests.filter((r) => r.route === 'runs/search')).toHaveLength(2);
	});

	it('reads no logged models from an MLflow 2 server (404 on logged-models/search), asking once', async () => {
		const { reader, server } = await open({ data: mlflowStore, loggedModels: false });
		const data = await loadFromReader(reader);
		expect(data.loggedModels).toEqual([]);
		expect(server.requests.filter((r) => r.route === 'logged-models/search')).toHaveLength(1);
	});

	it('skips artifact paths that leave the artifact folder, and files over the byte budget', async () => {
		const { reader, warnings, server } = await open({ data: mlflowStore }, { maxArtifactBytes: 50 });
		const run = mlflowStore.runs[0]!;
		server.fault({ route: 'artifacts/list', fault: { kind: 'status', status: 200, body: JSON.stringify({ files: [{ path: '../../.ssh/id_rsa', is_dir: false, file_size: 10 }, { path: 'metrics.json', is_dir: false, file_size: 12 }, { path: 'model', is_dir: true }] }), contentType: 'application/json' } });
		const files: Array<[string, string]> = [];
		for await (const a of reader.artifacts(run)) files.push([a.path, new TextDecoder().decode(await a.read())]);
		expect(files).toEqual([['metrics.json', '{"auc": 0.9}'], ['model/MLmodel', 'artifact_path: model\nflavors: {}\n']]);
		expect(warnings[0]).toBe(skippedBadRecord(`artifact of run ${run.id}`, '"../../.ssh/id_rsa"', "the path leaves the run's artifact folder"));
		expect(warnings[1]).toContain('artifact model/nested/conda.yaml of run');
		expect(warnings).toHaveLength(2);
	});

	it('removes credentials from the source URI', async () => {
		server = await startMlflowServer({ data: mlflowStore, auth: { username: 'ana', password: 's3cret-pass' } });
		const uri = server.uri.replace('http://', 'http://ana:s3cret-pass@');
		const reader = await openRestReader(`${uri}/?access_token=abcd1234&x=1`, { warn: () => {}, displayUri: '', env: {} });
		expect(reader.source.uri).toBe(`${server.uri}?x=1`);
		expect(server.requests[0]?.authorization).toBe(`Basic ${Buffer.from('ana:s3cret-pass').toString('base64')}`);
	});
});

describe('openRestReader on GitLab', () => {
	it('reads experiments, runs, histories and the registry in GitLab shapes', async () => {
		const { reader, warnings, server } = await open({ dialect: 'gitlab', data: gitlabStore }, { env: { MLFLOW_TRACKING_TOKEN: 'glpat-secret-123' } });
		expect(reader.source).toEqual({ kind: 'gitlab', uri: server.uri });
		const data = await loadFromReader(reader);
		const expected = normalise(gitlabStore);
		// GitLab: run data.metrics lists every logged row; the latest per key is picked.
		expect(normalise(data)).toEqual(expected);
		expect(data.modelVersions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0-rc1']);
		expect(warnings).toEqual([]);
		expect(server.requests.every((r) => r.authorization === 'Bearer glpat-secret-123')).toBe(true);
		const runSearches = server.requests.filter((r) => r.route === 'runs/search');
		expect(runSearches.map((r) => (r.body as { experiment_ids: string[] }).experiment_ids)).toEqual([['1'], ['2']]);
		expect(runSearches.every((r) => (r.body as { max_results: number }).max_results <= 1000)).toBe(true);
		const histories = server.requests.filter((r) => r.route === 'metrics/get-history');
		expect(histories.every((r) => r.query['max_results']?.[0] === '1000')).toBe(true);
		expect(server.requests.some((r) => ['model-versions/search', 'logged-models/search', 'artifacts/list'].includes(r.route))).toBe(false);
	});

	it('reads histories from runs/get where GitLab has no metrics/get-history', async () => {
		const { reader, server } = await open({ dialect: 'gitlab', data: gitlabStore, history: false });
		const run = (await loadFromReader(reader)).runs[0]!;
		const points: RawMetricPoint[] = [];
		for await (const p of reader.metricPoints(run)) points.push(p);
		// The exact repeat of loss at step 2 is dropped; order is as GitLab sent the rows.
		expect(points).toEqual([
			{ key: 'f1', value: 0.6, timestamp: 1731484475675, step: 0 },
			{ key: 'loss', value: 0.7, timestamp: 1731484475675, step: 0 },
			{ key: 'loss', value: 0.5, timestamp: 1731484476675, step: 1 },
			{ key: 'loss', value: 0.3, timestamp: 1731484477675, step: 2 },
		]);
		// Both keys were asked at once before the 404 was known; after that, never again.
		expect(server.requests.filter((r) => r.route === 'metrics/get-history')).toHaveLength(2);
		for await (const _ of reader.metricPoints(run));
		expect(server.requests.filter((r) => r.route === 'metrics/get-history')).toHaveLength(2);
	});

	it('converts registry timestamps from seconds and takes the SemVer from aliases[0]', async () => {
		const { reader, server } = await open({ dialect: 'gitlab', data: gitlabStore });
		const raw = (await (await fetch(`${server.uri}/api/2.0/mlflow/registered-models/search?max_results=5`)).json()) as { registered_models: Array<{ creation_timestamp: number; latest_versions: Array<{ version: string; aliases: string[] }> }> };
		expect(raw.registered_models[0]?.creation_timestamp).toBe(1731484600);
		expect(raw.registered_models[0]?.latest_versions.map((v) => [v.version, v.aliases[0]])).toEqual([['1000', '1.0.0'], ['1001', '1.1.0-rc1']]);
		for await (const model of reader.registeredModels()) {
			expect(model.creationTime).toBe(1731484600000);
			const versions = [];
			for await (const v of reader.modelVersions(model)) versions.push(v);
			expect(versions.map((v) => [v.version, v.creationTime, v.stage])).toEqual([['1.0.0', 1731484600000, 'development'], ['1.1.0-rc1', 1731484650000, 'development']]);
		}
	});
});
