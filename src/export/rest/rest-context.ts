import { ExportError, RestRequestFailed } from '../../errors.ts';
import { skippedBadRecord } from '../../messages.ts';
import { isMlflowRequestError, MlflowHttpError } from './http-errors.ts';
import type { JsonObject, MlflowHttpClient } from './mlflow-http-client.ts';
import { paginate } from './rest-paginate.ts';
import { array, RestDecodeError } from './rest-json-values.ts';

/** What the parts of the REST reader share: the client, the dialect and the warning sink. */
export interface RestContext {
	client: MlflowHttpClient;
	dialect: 'rest' | 'gitlab';
	warn(message: string): void;
}

/** MLflow's REST API lives under this path of the tracking URI. */
export const API = 'api/2.0/mlflow/';

/**
 * Every item of a paginated listing, each once (by `idOf`).
 * @param field The response field holding the items (`runs`, `experiments`, ...).
 */
export function listAll(
	ctx: RestContext,
	method: 'GET' | 'POST',
	path: string,
	params: JsonObject,
	field: string,
	idOf?: (item: unknown) => string,
): AsyncGenerator<unknown> {
	return paginate(
		ctx.client.describe(method, path),
		async (token) => {
			const body = await ctx.client.json(method, path, token === null ? params : { ...params, page_token: token });
			const next = body['next_page_token'];
			return { items: array(body[field], field), next: typeof next === 'string' ? next : null };
		},
		idOf,
	);
}

/** The id of a raw JSON record for de-duplication; a record without one keeps a unique key. */
export function idField(...path: string[]): (item: unknown) => string {
	let anonymous = 0;
	return (item) => {
		let value: unknown = item;
		for (const key of path) value = (value as Record<string, unknown> | null)?.[key];
		return typeof value === 'string' || typeof value === 'number' ? String(value) : `\u0000${anonymous++}`;
	};
}

/** Decodes one record, or warns (naming the request) and returns null when it cannot be read. */
export function decodeOrWarn<T>(ctx: RestContext, what: string, where: string, decode: () => T): T | null {
	try {
		return decode();
	} catch (error) {
		if (!(error instanceof RestDecodeError)) throw error;
		ctx.warn(skippedBadRecord(what, where, error.message));
		return null;
	}
}

/** True for an answer that concerns one record (a 4xx other than auth and rate limits), not the server. */
export function isRecordFailure(error: unknown): error is MlflowHttpError {
	return error instanceof MlflowHttpError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/** True for a 404/501 meaning the endpoint does not exist on this server (older MLflow, GitLab). */
export function isMissingEndpoint(error: unknown): boolean {
	return (
		error instanceof MlflowHttpError &&
		(error.status === 501 || (error.status === 404 && error.errorCode !== 'RESOURCE_DOES_NOT_EXIST'))
	);
}

/** Re-throws request failures as the command line's `ExportError`, keeping them as `cause`. */
export async function* guarded<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
	try {
		yield* source;
	} catch (error) {
		if (isMlflowRequestError(error)) {
			throw new ExportError(RestRequestFailed, RestRequestFailed.message(error.message), { cause: error });
		}
		throw error;
	}
}
