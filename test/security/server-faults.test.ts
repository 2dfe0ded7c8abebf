/**
 * §4.6 of the security reference, at the level of a whole export (the REST client's own retry
 * arithmetic is tested in test/export/rest-faults.test.ts): a local fake server misbehaves, and
 * the export either completes with the same snapshot as a clean one, or fails with a clear
 * message and exit status 1, never printing the token, and leaves the previous snapshot intact.
 * Waits go through a recording `sleep`, so no test really waits for a backoff.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportError } from '../../src/errors.ts';
import { runExportCommand } from '../../src/cli/export-command.ts';
import { exportSnapshot } from '../../src/export/export.ts';
import { loadMlpagesConfig } from '../../src/cli/load-config.ts';
import { openRestReader } from '../../src/export/rest/rest-reader.ts';
import { warningCollector } from '../../src/export/warnings.ts';
import { noopLogger } from '../../src/lib/logger.ts';
import { gitlabStore, mlflowStore } from '../fixtures/mlflow-rest/stores.ts';
import { startMlflowServer, type FaultRule, type MlflowServerOptions, type MlflowTestServer } from '../support/mlflow-server.ts';
import { readTree } from '../export/helpers/snapshot-tree.ts';

const root = join(import.meta.dirname, '../..');
const TOKEN = 'glpat-SECRETtoken-0123456789';

let server: MlflowTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options: MlflowServerOptions = {}) {
	server = await startMlflowServer({ data: mlflowStore, auth: { token: TOKEN }, ...options });
	return server;
}

/** The snapshot files under `out`, with the server's address and host (a random port) replaced. */
const snapshotTree = (out: string, s: MlflowTestServer) =>
	Object.fromEntries(Object.entries(readTree(out)).map(([file, text]) => [file, text.replaceAll(s.uri, '<server>').replaceAll(new URL(s.uri).host, '<host>')]));

const newOut = () => join(mkdtempSync(join(tmpdir(), 'mlpages-faults-')), 'content');

/** Exports from the server into `out` with recorded waits; resolves to the export or its failure. */
async function exportFrom(s: MlflowTestServer, out: string, extra: { timeoutMs?: number } = {}) {
	const waits: number[] = [];
	const warnings = warningCollector(noopLogger);
	try {
		const reader = await openRestReader(s.uri, {
			warn: warnings.warn,
			displayUri: s.uri,
			env: { MLFLOW_TRACKING_TOKEN: TOKEN },
			sleep: async (ms) => void waits.push(ms),
			random: () => 0.5,
			now: () => Date.parse('2026-01-05T12:00:00Z'),
			timeoutMs: extra.timeoutMs ?? 10_000,
		});
		try {
			const result = await exportSnapshot({ reader, outDir: out, config: await loadMlpagesConfig(root), warnings });
			return { ok: true as const, result, waits };
		} finally {
			await reader.close();
		}
	} catch (error) {
		if (!(error instanceof ExportError)) throw error;
		expect(`${error.message}\n${error.hint}`).not.toContain(TOKEN);
		return { ok: false as const, error, waits };
	}
}

/** The snapshot a fault-free server gives, to compare against. */
async function cleanSnapshot() {
	const s = await startMlflowServer({ data: mlflowStore, auth: { token: TOKEN } });
	const out = newOut();
	const done = await exportFrom(s, out);
	await s.close();
	expect(done.ok).toBe(true);
	return snapshotTree(out, s);
}

describe('faults the export rides out with the same snapshot (#73, #75, #76, #79, #80)', () => {
	const cases: Array<[string, FaultRule[], (waits: number[]) => void]> = [
		['429 with Retry-After: 3', [{ route: 'runs/search', fault: { kind: 'status', status: 429, headers: { 'Retry-After': '3' } } }], (w) => expect(w).toContain(3000)],
		['429 with no Retry-After and an HTML body (GitLab)', [{ route: 'runs/search', fault: { kind: 'status', status: 429, body: '<html>Too Many Requests</html>', contentType: 'text/html' } }], (w) => expect(w.length).toBeGreaterThan(0)],
		['503, 502, 504, then 500 twice', [{ route: 'metrics/get-history', times: 5, fault: { kind: 'status', status: 503 } }], (w) => expect(w).toHaveLength(5)],
		['an HTML 502 page from a proxy', [{ route: 'experiments/search', fault: { kind: 'status', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>', contentType: 'text/html' } }], (w) => expect(w).toHaveLength(1)],
		['a body cut off before its Content-Length', [{ route: 'runs/search', fault: { kind: 'truncate' } }], (w) => expect(w).toHaveLength(1)],
		['a request that never answers (timeout)', [{ route: 'runs/search', fault: { kind: 'hang' } }], (w) => expect(w).toHaveLength(1)],
	];

	it.each(cases)('%s', async (_, faults, checkWaits) => {
		const expected = await cleanSnapshot();
		const s = await start({ faults });
		const out = newOut();
		const done = await exportFrom(s, out, { timeoutMs: 300 });
		expect(done.ok, done.ok ? '' : done.error.message).toBe(true);
		checkWaits(done.waits);
		expect(snapshotTree(out, s)).toEqual(expected);
	});
});

describe('faults that stop the export with a clear message, keeping the previous snapshot (#77, #78, #81-#83)', () => {
	async function failsKeepingSnapshot(faults: FaultRule[], options: MlflowServerOptions = {}) {
		const out = newOut();
		const first = await start(options);
		expect((await exportFrom(first, out)).ok).toBe(true);
		const before = readTree(out);
		await first.close();
		const s = await start({ ...options, faults });
		const done = await exportFrom(s, out, { timeoutMs: 300 });
		expect(done.ok).toBe(false);
		expect(readTree(out)).toEqual(before);
		return (done as { error: ExportError }).error;
	}

	it('500 forever: fails after the retry budget naming status, request and attempts', async () => {
		const error = await failsKeepingSnapshot([{ route: 'runs/search', times: Infinity, fault: { kind: 'status', status: 500 } }]);
		expect(error.code).toBe('MlflowRestRequestFailed');
		expect(error.message).toMatch(/500/);
		expect(error.message).toMatch(/runs\/search/);
		expect(error.message).toMatch(/8 attempts|attempt/);
	});

	it('an HTML login page with status 200: names the request and suggests SSO, without retrying', async () => {
		const error = await failsKeepingSnapshot([{ route: 'runs/search', times: Infinity, fault: { kind: 'status', status: 200, body: '<html><form>Sign in</form></html>', contentType: 'text/html' } }]);
		expect(error.message).toMatch(/text\/html/);
		expect(`${error.message} ${error.hint}`).toMatch(/SSO|proxy|MLFLOW_TRACKING_URI/);
	});

	it('truncated JSON with a matching Content-Length: reported as invalid JSON', async () => {
		const error = await failsKeepingSnapshot([{ route: 'runs/search', times: Infinity, fault: { kind: 'badJson' } }]);
		expect(error.message).toMatch(/JSON/);
	});

	it('a page token that repeats forever: stops with "pagination loop"', async () => {
		const error = await failsKeepingSnapshot([{ route: 'runs/search', times: Infinity, fault: { kind: 'repeatToken' } }], { pageSize: 2 });
		expect(error.message).toMatch(/pagination loop detected/);
	});

	it('429 asking to wait longer than the cap: fails naming the wait instead of sleeping', async () => {
		const error = await failsKeepingSnapshot([{ route: 'runs/search', times: Infinity, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '99999' } } }]);
		expect(error.message).toMatch(/99999/);
	});
});

describe('authentication failures at the command level (#81, #82)', () => {
	async function command(uri: string, token: string) {
		const lines: string[] = [];
		const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
		const status = await runExportCommand([uri, '--out', newOut()], { logger, env: { MLFLOW_TRACKING_TOKEN: token }, cwd: root, now: () => 0, loadConfig: () => loadMlpagesConfig(root) });
		return { status, log: lines.join('\n') };
	}

	it('401: exits 1 at once with a hint naming MLFLOW_TRACKING_TOKEN, never printing the token', async () => {
		const s = await start();
		const wrong = 'glpat-WRONGtoken-0123456789';
		const { status, log } = await command(s.uri, wrong);
		expect(status).toBe(1);
		expect(log).toContain('MLFLOW_TRACKING_TOKEN');
		expect(log).not.toContain(wrong);
		expect(s.requests.filter((r) => r.status === 401)).toHaveLength(1);
	});

	it('GitLab 403: exits 1 at once asking for a token with the right role, never printing the token', async () => {
		const s = await start({ dialect: 'gitlab', data: gitlabStore, faults: [{ route: '*', times: Infinity, fault: { kind: 'status', status: 403, body: '{"message":"403 Forbidden"}' } }] });
		const { status, log } = await command(s.uri, TOKEN);
		expect(status).toBe(1);
		expect(log).toMatch(/Developer|read_api|api/);
		expect(log).not.toContain(TOKEN);
		expect(s.requests).toHaveLength(1);
	});

	it('GitLab 404: exits 1 saying it may mean no permission', async () => {
		const s = await start({ dialect: 'gitlab', data: gitlabStore, faults: [{ route: '*', times: Infinity, fault: { kind: 'status', status: 404, body: '{"message":"404 Project Not Found"}' } }] });
		const { status, log } = await command(s.uri, TOKEN);
		expect(status).toBe(1);
		expect(log).toMatch(/cannot read it \(GitLab answers 404 for all three\)/);
	});
});

describe('manifest after a ridden-out fault', () => {
	it('names the server without credentials and counts every run', async () => {
		const s = await start({ faults: [{ route: 'runs/search', fault: { kind: 'status', status: 503 } }] });
		const out = newOut();
		const done = await exportFrom(s, out);
		expect(done.ok).toBe(true);
		const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
		expect(manifest).not.toContain(TOKEN);
		expect(JSON.parse(manifest).counts.runs).toBe(mlflowStore.runs.filter((r) => r.lifecycleStage === 'active').length);
	});
});
