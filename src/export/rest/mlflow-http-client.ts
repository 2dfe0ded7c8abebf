import { ExportError, GitlabUnauthorized, RestUnauthorized } from '../../errors.ts';
import {
	MlflowHttpError,
	MlflowNetworkError,
	MlflowResponseError,
	MlflowTimeoutError,
	type RequestInfo,
} from './http-errors.ts';
import { scrubSecrets, type RestCredentials } from './rest-auth.ts';
import { describeErrorBody, parseJsonBody, readBody, ResponseTooLarge } from './rest-body.ts';
import { backoffDelay, parseRetryAfter, TRANSIENT_STATUSES } from './rest-retry.ts';
import { createSemaphore } from './rest-semaphore.ts';
import { redactUrl } from './rest-tracking-uri.ts';

/** A JSON object as the server sent it, to be decoded by the caller. */
export type JsonObject = Record<string, unknown>;

export interface MlflowHttpClientOptions {
	/** Base of every request path, ending in `/` (the tracking URI without credentials). */
	base: string;
	/** GitLab answers 403 for a token without the right scope: an authentication failure there. */
	dialect: 'rest' | 'gitlab';
	credentials: RestCredentials;
	fetch: typeof globalThis.fetch;
	/** Waits between attempts; tests pass a recorder that returns at once. */
	sleep: (ms: number) => Promise<void>;
	/** Uniform in [0, 1), for backoff jitter. */
	random: () => number;
	/** Epoch milliseconds, to read `Retry-After` dates. */
	now: () => number;
	/** Limit of one attempt, from sending to the last body byte. */
	timeoutMs: number;
	/** Retries after the first attempt, for network errors, timeouts and transient statuses. */
	maxRetries: number;
	/** Longest `Retry-After` honoured; a longer one fails the request at once. */
	retryAfterCapMs: number;
	/** Requests in flight at once. */
	concurrency: number;
	/** Largest JSON body accepted. */
	maxResponseBytes: number;
}

export interface MlflowHttpClient {
	/**
	 * Sends a GET with `params` as query (arrays repeat the key) or a POST with `params` as JSON,
	 * retrying transient failures.
	 * @returns The response body, a JSON object.
	 * @throws ExportError at once for 401 (and 403), naming the variable to set.
	 * @throws MlflowHttpError, MlflowTimeoutError, MlflowNetworkError, MlflowResponseError.
	 */
	json(method: 'GET' | 'POST', path: string, params: JsonObject): Promise<JsonObject>;
	/** Downloads a file with GET, failing when it is larger than `maxBytes`. */
	bytes(path: string, query: JsonObject, maxBytes: number): Promise<Uint8Array>;
	/** `METHOD url` as messages show it, credentials removed. */
	describe(method: string, path: string, query?: JsonObject): string;
}

/** Creates the client every REST request of one export goes through. */
export function createMlflowHttpClient(options: MlflowHttpClientOptions): MlflowHttpClient {
	const semaphore = createSemaphore(options.concurrency);
	const { credentials } = options;
	const headers: Record<string, string> = { accept: 'application/json' };
	if (credentials.authorization !== null) headers['authorization'] = credentials.authorization;

	const urlOf = (path: string, query: JsonObject) => {
		const url = new URL(path, options.base);
		for (const [key, value] of Object.entries(query)) {
			for (const item of Array.isArray(value) ? value : [value]) {
				if (item !== undefined && item !== null) url.searchParams.append(key, String(item));
			}
		}
		return url;
	};
	const show = (url: URL) => scrubSecrets(redactUrl(url), credentials.secrets);

	async function attempt(method: string, url: URL, body: string | undefined, maxBytes: number) {
		const release = await semaphore.acquire();
		const signal = AbortSignal.timeout(options.timeoutMs);
		try {
			const init: RequestInit = { method, headers: { ...headers }, signal, redirect: 'manual' };
			if (body !== undefined) {
				init.body = body;
				init.headers = { ...headers, 'content-type': 'application/json' };
			}
			const response = await options.fetch(url, init);
			const bytes = await readBody(response, maxBytes);
			return { response, bytes, timedOut: false };
		} catch (error) {
			if (error instanceof ResponseTooLarge) throw error;
			return { error, timedOut: signal.aborted };
		} finally {
			release();
		}
	}

	async function send(
		method: 'GET' | 'POST',
		url: URL,
		body: string | undefined,
		maxBytes: number,
	): Promise<{ response: Response; bytes: Uint8Array; info: RequestInfo }> {
		const shown = show(url);
		for (let attempts = 1; ; attempts++) {
			const info: RequestInfo = { method, url: shown, attempts };
			const retriesLeft = attempts <= options.maxRetries;
			let result: Awaited<ReturnType<typeof attempt>>;
			try {
				result = await attempt(method, url, body, maxBytes);
			} catch (error) {
				const problem = `a body larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`;
				throw new MlflowResponseError(info, 200, problem, 'The answer is too large to export safely; narrow the export or raise the limit.', { cause: error });
			}
			if (result.response === undefined) {
				const failure = result.timedOut
					? new MlflowTimeoutError(info, options.timeoutMs, { cause: result.error })
					: new MlflowNetworkError(info, networkReason(result.error), { cause: result.error });
				if (!retriesLeft) throw failure;
				await options.sleep(backoffDelay(attempts, options.random));
				continue;
			}
			const { response, bytes } = result;
			const status = response.status;
			if (status >= 200 && status < 300) return { response, bytes, info };
			if (status === 401 || status === 403) throw authFailure(info, response, bytes);
			const detail = describeErrorBody(response, bytes);
			const explanation = detail.explanation === null ? null : scrubSecrets(detail.explanation, credentials.secrets);
			if (status >= 300 && status < 400) {
				const location = response.headers.get('location');
				const target = location === null ? 'another address' : show(new URL(location, url));
				throw new MlflowHttpError(info, status, {
					errorCode: null,
					explanation: `the server redirects to ${target}; set MLFLOW_TRACKING_URI to that address (redirects are not followed, so credentials never go elsewhere)`,
				});
			}
			if (TRANSIENT_STATUSES.has(status) && retriesLeft) {
				const asked = parseRetryAfter(response.headers.get('retry-after'), options.now());
				if (asked !== null && asked > options.retryAfterCapMs) {
					throw new MlflowHttpError(info, status, {
						errorCode: detail.errorCode,
						explanation: `the server asked to wait ${Math.ceil(asked / 1000)} s before retrying, longer than the limit of ${Math.round(options.retryAfterCapMs / 1000)} s; run the export again later`,
					});
				}
				await options.sleep(asked ?? backoffDelay(attempts, options.random));
				continue;
			}
			throw new MlflowHttpError(info, status, { errorCode: detail.errorCode, explanation });
		}
	}

	function authFailure(info: RequestInfo, response: Response, bytes: Uint8Array): ExportError {
		const detail = describeErrorBody(response, bytes);
		const cause = new MlflowHttpError(info, response.status, {
			errorCode: detail.errorCode,
			explanation: detail.explanation === null ? null : scrubSecrets(detail.explanation, credentials.secrets),
		});
		const entry = options.dialect === 'gitlab' ? GitlabUnauthorized : RestUnauthorized;
		const request = `${info.method} ${info.url}`;
		return new ExportError(entry, entry.message(request, response.status, credentials.description), { cause });
	}

	return {
		async json(method, path, params) {
			const url = method === 'GET' ? urlOf(path, params) : urlOf(path, {});
			const body = method === 'POST' ? JSON.stringify(params) : undefined;
			const { response, bytes, info } = await send(method, url, body, options.maxResponseBytes);
			return parseJsonBody(response, bytes, info);
		},
		async bytes(path, query, maxBytes) {
			return (await send('GET', urlOf(path, query), undefined, maxBytes)).bytes;
		},
		describe(method, path, query = {}) {
			return `${method} ${show(urlOf(path, query))}`;
		},
	};
}

/** The most telling part of a fetch failure: undici puts the system error code in `cause`. */
function networkReason(error: unknown): string {
	if (error instanceof Error) {
		const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
		if (typeof cause?.code === 'string') return cause.code;
		if (typeof cause?.message === 'string') return cause.message;
		return error.message;
	}
	return String(error);
}
