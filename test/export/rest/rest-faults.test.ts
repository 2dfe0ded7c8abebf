/**
 * Server faults against the REST client and reader (security reference §3.1, §3.2, §4.6), on a
 * fake server at 127.0.0.1. Waits go through an injected `sleep` that only records, so no test
 * really waits for a backoff; only the timeout cases spend a few hundred milliseconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExportError } from '../../../src/errors.ts';
import {
	MlflowHttpError,
	MlflowNetworkError,
	MlflowPaginationError,
	MlflowResponseError,
	MlflowTimeoutError,
} from '../../../src/export/rest/http-errors.ts';
import { createMlflowHttpClient, type MlflowHttpClientOptions } from '../../../src/export/rest/mlflow-http-client.ts';
import { restCredentials } from '../../../src/export/rest/rest-auth.ts';
import { openRestReader, type RestReaderOptions } from '../../../src/export/rest/rest-reader.ts';
import { gitlabStore, mlflowStore } from '../../fixtures/mlflow-rest/stores.ts';
import { startMlflowServer, type Fault, type MlflowServerOptions, type MlflowTestServer } from '../../support/mlflow-server.ts';

const TOKEN = 'glpat-TOPSECRET-token-4242';
const NOW = Date.parse('2026-01-05T12:00:00Z');
const SEARCH = 'api/2.0/mlflow/experiments/search';

let server: MlflowTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options: MlflowServerOptions = {}) {
	server = await startMlflowServer({ data: mlflowStore, auth: { token: TOKEN }, ...options });
	return server;
}

function clientFor(s: MlflowTestServer, over: Partial<MlflowHttpClientOptions> = {}) {
	const waits: number[] = [];
	const client = createMlflowHttpClient({
		base: `${s.uri}/`,
		dialect: s.uri.includes('/ml/mlflow') ? 'gitlab' : 'rest',
		credentials: restCredentials({ MLFLOW_TRACKING_TOKEN: TOKEN }, null),
		fetch: globalThis.fetch,
		sleep: async (ms) => {
			waits.push(ms);
		},
		random: () => 0.5,
		now: () => NOW,
		timeoutMs: 10_000,
		maxRetries: 7,
		retryAfterCapMs: 60_000,
		concurrency: 4,
		maxResponseBytes: 1024 * 1024,
		...over,
	});
	return { client, waits };
}

const attemptsOf = (s: MlflowTestServer, route = 'experiments/search') => s.requests.filter((r) => r.route === route).length;

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		expect(String((error as Error).message)).not.toContain(TOKEN);
		return error as Error;
	}
	throw new Error('expected a failure');
}

const status = (code: number, extra: Partial<Extract<Fault, { kind: 'status' }>> = {}): Fault => ({ kind: 'status', status: code, ...extra });

describe('retries', () => {
	it('waits as long as Retry-After says (seconds), then succeeds on the second attempt', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: status(429, { headers: { 'retry-after': '3' } }) }] });
		const { client, waits } = clientFor(s);
		const body = await client.json('POST', SEARCH, { max_results: 10 });
		expect((body['experiments'] as unknown[]).length).toBe(2);
		expect(waits).toEqual([3000]);
		expect(attemptsOf(s)).toBe(2);
	});

	it.each([
		['a date 30 s ahead', new Date(NOW + 30_000).toUTCString(), 30_000],
		['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
		['garbage (backoff instead)', 'abc', 500],
		['a negative number (backoff instead)', '-1', 500],
	])('reads Retry-After as %s', async (_, header, wait) => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: status(503, { headers: { 'retry-after': header } }) }] });
		const { client, waits } = clientFor(s);
		await client.json('POST', SEARCH, {});
		expect(waits).toEqual([wait]);
	});

	it('fails at once when Retry-After asks for longer than the cap', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: status(429, { headers: { 'retry-after': '99999' } }) }] });
		const { client, waits } = clientFor(s);
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error).toBeInstanceOf(MlflowHttpError);
		expect(error.message).toContain('the server asked to wait 99999 s before retrying, longer than the limit of 60 s');
		expect(waits).toEqual([]);
		expect(attemptsOf(s)).toBe(1);
	});

	it('backs off with full jitter on a GitLab 429 without Retry-After and with an HTML body', async () => {
		const s = await start({ dialect: 'gitlab', data: gitlabStore, faults: [{ route: 'experiments/search', times: 2, fault: status(429, { body: '<html><body>Retry later</body></html>' }) }] });
		const { client, waits } = clientFor(s);
		await client.json('POST', SEARCH, {});
		// random() = 0.5: half of 1 s, then half of 2 s.
		expect(waits).toEqual([500, 1000]);
		expect(attemptsOf(s)).toBe(3);
	});

	it('retries 503, 502, 504, 500, 500 with an exponential schedule, then succeeds', async () => {
		const s = await start();
		for (const code of [503, 502, 504, 500, 500]) s.fault({ route: 'experiments/search', fault: status(code) });
		const { client, waits } = clientFor(s);
		await client.json('POST', SEARCH, {});
		expect(waits).toEqual([500, 1000, 2000, 4000, 8000]);
		expect(attemptsOf(s)).toBe(6);
	});

	it('gives up after the retry budget with the status, the request and the attempts', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', times: Number.POSITIVE_INFINITY, fault: status(500, { body: JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'db down' }), contentType: 'application/json' }) }] });
		const { client, waits } = clientFor(s);
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error).toBeInstanceOf(MlflowHttpError);
		expect(error.name).toBe('MlflowHttpError');
		expect(error.message).toBe(`MLflow request failed with status 500: POST ${s.uri}/${SEARCH} (after 8 attempts); INTERNAL_ERROR: db down`);
		expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000]);
		expect(attemptsOf(s)).toBe(8);
	});

	it('does not retry a 404 or 400', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: status(400, { body: '{"error_code":"INVALID_PARAMETER_VALUE","message":"bad"}', contentType: 'application/json' }) }] });
		const { client } = clientFor(s);
		const error = await failure(client.json('POST', SEARCH, {}));
		expect((error as MlflowHttpError).errorCode).toBe('INVALID_PARAMETER_VALUE');
		expect(attemptsOf(s)).toBe(1);
	});

	it('retries a body cut off before its Content-Length', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: { kind: 'truncate' } }] });
		const { client, waits } = clientFor(s);
		const body = await client.json('POST', SEARCH, {});
		expect((body['experiments'] as unknown[]).length).toBe(2);
		expect(waits).toEqual([500]);
		expect(attemptsOf(s)).toBe(2);
	});

	it('retries a request that takes longer than the timeout, then reports the timeout', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', times: 1, fault: { kind: 'delay', ms: 5000 } }] });
		const { client } = clientFor(s, { timeoutMs: 150, maxRetries: 2 });
		await client.json('POST', SEARCH, {});
		expect(attemptsOf(s)).toBe(2);
		s.fault({ route: 'experiments/search', times: 3, fault: { kind: 'hang' } });
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error).toBeInstanceOf(MlflowTimeoutError);
		expect(error.message).toBe(`MLflow request timed out after 150 ms: POST ${s.uri}/${SEARCH} (after 3 attempts)`);
	});

	it('reports an unreachable server as a network error after its retries', async () => {
		const s = await start();
		const { client, waits } = clientFor(s, { maxRetries: 2 });
		await s.close();
		server = undefined;
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error).toBeInstanceOf(MlflowNetworkError);
		expect(error.message).toMatch(/could not be completed: POST http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/mlflow\/experiments\/search \(after 3 attempts\): ECONNREFUSED/);
		expect(waits).toEqual([500, 1000]);
	});

	it('keeps at most `concurrency` requests in flight', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', times: 8, fault: { kind: 'delay', ms: 20 } }] });
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
		const { client } = clientFor(s, { concurrency: 2, fetch: counting });
		await Promise.all(Array.from({ length: 8 }, () => client.json('POST', SEARCH, {})));
		expect(most).toBe(2);
		expect(attemptsOf(s)).toBe(8);
	});
});

describe('bodies that are not MLflow JSON', () => {
	it('names the request and suggests SSO or a wrong URI for an HTML page with status 200, without retrying', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: status(200, { body: '<!doctype html><title>Sign in</title>' }) }] });
		const { client } = clientFor(s);
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error).toBeInstanceOf(MlflowResponseError);
		expect(error.message).toContain(`MLflow request returned an HTML page instead of JSON (content type text/html; charset=utf-8) (status 200): POST ${s.uri}/${SEARCH}.`);
		expect(error.message).toContain('Are you behind a login page (SSO) or proxy? Is MLFLOW_TRACKING_URI the address of the tracking server');
		expect(attemptsOf(s)).toBe(1);
	});

	it('explains an HTML error page from a proxy once retries are spent', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', times: 3, fault: status(502, { body: '<html><h1>502 Bad Gateway</h1></html>' }) }] });
		const { client } = clientFor(s, { maxRetries: 2 });
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error.message).toBe(`MLflow request failed with status 502: POST ${s.uri}/${SEARCH} (after 3 attempts); the server answered with an HTML page, not MLflow JSON (a proxy, load balancer or login page in between?)`);
	});

	it('reports cut-off JSON with a matching Content-Length as invalid JSON', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: { kind: 'badJson' } }] });
		const { client } = clientFor(s);
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error).toBeInstanceOf(MlflowResponseError);
		expect(error.message).toMatch(/^MLflow request returned a body that is not valid JSON \(\d+ bytes, cut off or malformed\) \(status 200\): POST http/);
		expect(error.cause).toBeInstanceOf(SyntaxError);
	});

	it('refuses a body over the size limit', async () => {
		const s = await start();
		const { client } = clientFor(s, { maxResponseBytes: 100 });
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error.message).toContain('a body larger than');
		expect(attemptsOf(s)).toBe(1);
	});

	it('does not follow a redirect, and says where it pointed', async () => {
		const s = await start({ faults: [{ route: 'experiments/search', fault: status(302, { headers: { location: 'https://sso.example/login?token=abc123' }, body: '' }) }] });
		const { client } = clientFor(s);
		const error = await failure(client.json('POST', SEARCH, {}));
		expect(error.message).toContain('the server redirects to https://sso.example/login; set MLFLOW_TRACKING_URI to that address');
		expect(error.message).not.toContain('abc123');
	});
});

describe('authentication', () => {
	const open = (s: MlflowTestServer, env: NonNullable<RestReaderOptions['env']>) =>
		openRestReader(s.uri, { warn: () => {}, displayUri: s.uri, env, sleep: async () => {}, random: () => 0.5 });

	it('stops at once on 401 and names the variables to set, never the token', async () => {
		const s = await start();
		const error = await failure(open(s, { MLFLOW_TRACKING_TOKEN: 'wrong-token-987654' }));
		expect(error).toBeInstanceOf(ExportError);
		expect((error as ExportError).code).toBe('MlflowRestUnauthorized');
		expect(error.message).toBe(`POST ${s.uri}/${SEARCH} was refused with status 401 (token from MLFLOW_TRACKING_TOKEN sent). Set MLFLOW_TRACKING_TOKEN to an access token the server accepts, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD to an account of the server.`);
		expect(error.message).not.toContain('wrong-token-987654');
		expect(JSON.stringify(error.cause, Object.getOwnPropertyNames(error.cause))).not.toContain('wrong-token-987654');
		expect(s.requests).toHaveLength(1);
		expect(s.requests[0]?.authorization).toBe('Bearer wrong-token-987654');
	});

	it('sends Basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD before a token', async () => {
		const s = await start({ auth: { username: 'ana', password: 'pw-55555' } });
		await open(s, { MLFLOW_TRACKING_USERNAME: 'ana', MLFLOW_TRACKING_PASSWORD: 'pw-55555', MLFLOW_TRACKING_TOKEN: TOKEN });
		expect(s.requests[0]?.authorization).toBe(`Basic ${Buffer.from('ana:pw-55555').toString('base64')}`);
		const error = await failure(open(s, {}));
		expect(error.message).toContain('(no credentials sent)');
	});

	it('on GitLab, stops at once on 403 and asks for a read_api token with the Developer role', async () => {
		const s = await start({ dialect: 'gitlab', data: gitlabStore, faults: [{ route: '*', times: 10, fault: status(403, { body: '{"message":"403 Forbidden - insufficient_scope"}', contentType: 'application/json' }) }] });
		const error = await failure(open(s, { MLFLOW_TRACKING_TOKEN: TOKEN }));
		expect((error as ExportError).code).toBe('MlflowGitlabUnauthorized');
		expect(error.message).toContain('was refused with status 403 (token from MLFLOW_TRACKING_TOKEN sent). Set MLFLOW_TRACKING_TOKEN to a personal, project or group access token with the read_api (or api) scope, from an account with at least the Developer role in the project.');
		expect(s.requests).toHaveLength(1);
	});

	it('on GitLab, says that 404 may mean no permission', async () => {
		const s = await start({ dialect: 'gitlab', data: gitlabStore, faults: [{ route: 'experiments/search', fault: status(404, { body: '{"message":"404 Project Not Found"}', contentType: 'application/json' }) }] });
		const error = await failure(open(s, { MLFLOW_TRACKING_TOKEN: TOKEN }));
		expect((error as ExportError).code).toBe('MlflowRestNotFound');
		expect(error.message).toContain('GitLab answers 404 for all three');
	});
});

describe('pagination', () => {
	const open = (s: MlflowTestServer) =>
		openRestReader(s.uri, { warn: () => {}, displayUri: s.uri, env: { MLFLOW_TRACKING_TOKEN: TOKEN }, sleep: async () => {} });

	it('stops with a clear error when runs/search repeats its page token', async () => {
		const s = await start({ pageSize: 2, faults: [{ route: 'runs/search', times: Number.POSITIVE_INFINITY, fault: { kind: 'repeatToken' } }] });
		const reader = await open(s);
		const iris = mlflowStore.experiments[1]!;
		const ids: string[] = [];
		const error = await failure((async () => {
			for await (const run of reader.runs(iris)) ids.push(run.id);
		})());
		expect(error).toBeInstanceOf(ExportError);
		expect((error as ExportError).code).toBe('MlflowRestRequestFailed');
		expect(error.cause).toBeInstanceOf(MlflowPaginationError);
		expect(error.message).toBe(`MLflow pagination loop detected at page 2: POST ${s.uri}/api/2.0/mlflow/runs/search returned a page token it had already returned; the server has a paging bug, so the listing was stopped rather than read forever.`);
		// Page 2 repeats page 1's items and token: its runs are not yielded twice.
		expect(ids).toHaveLength(2);
		expect(attemptsOf(s, 'runs/search')).toBe(2);
	});

	it('turns a request failure during a listing into an ExportError that keeps the cause', async () => {
		const s = await start();
		const reader = await open(s);
		s.fault({ route: 'registered-models/search', times: 8, fault: status(503) });
		const error = await failure((async () => {
			for await (const _ of reader.registeredModels());
		})());
		expect((error as ExportError).code).toBe('MlflowRestRequestFailed');
		expect(error.cause).toBeInstanceOf(MlflowHttpError);
		expect((error as ExportError).hint).toContain('MLFLOW_TRACKING_URI');
	});
});

describe('artifacts', () => {
	it('stops listing artifacts for the rest of the export once the server cannot reach the artifact store', async () => {
		const s = await start({ faults: [{ route: 'artifacts/list', times: Number.POSITIVE_INFINITY, fault: status(500, { body: '{"error_code":"INTERNAL_ERROR","message":"NoCredentialsError"}', contentType: 'application/json' }) }] });
		const warnings: string[] = [];
		const reader = await openRestReader(s.uri, { warn: (m) => warnings.push(m), displayUri: s.uri, env: { MLFLOW_TRACKING_TOKEN: TOKEN }, sleep: async () => {}, maxRetries: 2 });
		for (const run of mlflowStore.runs.slice(0, 3)) {
			for await (const _ of reader.artifacts(run));
		}
		expect(attemptsOf(s, 'artifacts/list')).toBe(3);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain(`Skipped artifacts of run ${mlflowStore.runs[0]!.id} and of the runs after it`);
		expect(warnings[0]).toContain('INTERNAL_ERROR: NoCredentialsError');
	});

	it('refuses an artifact larger than its listed size', async () => {
		const s = await start();
		const reader = await openRestReader(s.uri, { warn: () => {}, displayUri: s.uri, env: { MLFLOW_TRACKING_TOKEN: TOKEN } });
		s.fault({ route: 'artifacts/list', fault: status(200, { body: JSON.stringify({ files: [{ path: 'metrics.json', is_dir: false, file_size: 3 }] }), contentType: 'application/json' }) });
		const artifacts = [];
		for await (const a of reader.artifacts(mlflowStore.runs[0]!)) artifacts.push(a);
		expect(artifacts.map((a) => [a.path, a.size])).toEqual([['metrics.json', 3]]);
		const error = await failure(artifacts[0]!.read());
		expect(error.message).toContain('a body larger than');
	});
});
