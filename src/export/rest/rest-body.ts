/**
 * Reading response bodies of a tracking server defensively: bounded in size, checked for
 * completeness, and parsed as JSON only when they are JSON.
 */
import { MlflowResponseError, type RequestInfo } from './http-errors.ts';

/** A body that exceeded the size limit; reading stopped there. */
export class ResponseTooLarge extends Error {
	override name = 'ResponseTooLarge' as const;
	constructor(limit: number) {
		super(`The response body exceeded ${limit} bytes.`);
	}
}

/**
 * Reads the whole body, at most `maxBytes`.
 * @throws ResponseTooLarge beyond `maxBytes`.
 * @throws Error when fewer bytes arrive than `Content-Length` announced (a cut connection,
 *   which the caller retries like any network error).
 */
export async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
	if (response.body === null) return new Uint8Array(0);
	const announced = Number(response.headers.get('content-length') ?? Number.NaN);
	if (Number.isFinite(announced) && announced > maxBytes) {
		await response.body.cancel();
		throw new ResponseTooLarge(maxBytes);
	}
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > maxBytes) {
			await reader.cancel();
			throw new ResponseTooLarge(maxBytes);
		}
		chunks.push(value);
	}
	if (Number.isFinite(announced) && total < announced) {
		throw new Error(`the body ended after ${total} of ${announced} bytes`);
	}
	return Buffer.concat(chunks);
}

const looksLikeHtml = (response: Response, text: string) =>
	/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text);

/**
 * What an error response says: MLflow's `{error_code, message}`, GitLab's `{message}` or
 * Grape's `{error}`, an HTML page from a proxy, or plain text (shortened).
 */
export function describeErrorBody(
	response: Response,
	bytes: Uint8Array,
): { errorCode: string | null; explanation: string | null } {
	const text = new TextDecoder().decode(bytes);
	if (text.trim() === '') return { errorCode: null, explanation: null };
	if (looksLikeHtml(response, text)) {
		return {
			errorCode: null,
			explanation: 'the server answered with an HTML page, not MLflow JSON (a proxy, load balancer or login page in between?)',
		};
	}
	try {
		const body = JSON.parse(text) as Record<string, unknown>;
		const code = typeof body['error_code'] === 'string' ? body['error_code'] : null;
		const said = [body['message'], body['error']].find((v) => typeof v === 'string') as string | undefined;
		const explanation = [code, said === undefined ? null : shorten(said)].filter((s) => s !== null).join(': ');
		return { errorCode: code, explanation: explanation === '' ? null : explanation };
	} catch {
		return { errorCode: null, explanation: `the server said: ${shorten(text)}` };
	}
}

/**
 * Parses a successful body as a JSON object.
 * @throws MlflowResponseError for an HTML page (login proxy), a cut-off or malformed body, or
 *   JSON that is not an object; the message names the request and what to check.
 */
export function parseJsonBody(
	response: Response,
	bytes: Uint8Array,
	info: RequestInfo,
): Record<string, unknown> {
	const text = new TextDecoder().decode(bytes);
	if (looksLikeHtml(response, text)) {
		throw new MlflowResponseError(
			info,
			response.status,
			`an HTML page instead of JSON (content type ${response.headers.get('content-type') ?? 'not given'})`,
			'Are you behind a login page (SSO) or proxy? Is MLFLOW_TRACKING_URI the address of the tracking server (for GitLab: https://<gitlab>/api/v4/projects/<id>/ml/mlflow)?',
		);
	}
	let body: unknown;
	try {
		body = text.trim() === '' ? {} : JSON.parse(text);
	} catch (error) {
		throw new MlflowResponseError(
			info,
			response.status,
			`a body that is not valid JSON (${bytes.byteLength} bytes, cut off or malformed)`,
			'The server or a proxy in between sent an incomplete answer; run the export again, and check the server logs if it keeps happening.',
			{ cause: error },
		);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new MlflowResponseError(
			info,
			response.status,
			'JSON that is not an object',
			'Check that MLFLOW_TRACKING_URI is the address of an MLflow tracking server.',
		);
	}
	return body as Record<string, unknown>;
}

/** One line of at most 200 characters. */
function shorten(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
