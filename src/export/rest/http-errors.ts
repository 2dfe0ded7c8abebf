/**
 * Failures of one request to an MLflow (or GitLab) tracking server. Each kind has its own small
 * class; messages name the method, the URL (credentials removed) and what the server said, and
 * the original error is kept in `cause`. The REST reader turns them into an `ExportError` for the
 * command line; authentication failures are `ExportError`s from the start.
 */

/** What every request failure knows about its request. */
export interface RequestInfo {
	method: string;
	/** URL with credentials and secret query parameters removed. */
	url: string;
	/** How many times the request was sent. */
	attempts: number;
}

const tried = (attempts: number) => (attempts > 1 ? ` (after ${attempts} attempts)` : '');

/** The server answered with a status that is not success, and retrying did not help. */
export class MlflowHttpError extends Error {
	override name = 'MlflowHttpError' as const;
	readonly method: string;
	readonly url: string;
	readonly status: number;
	readonly attempts: number;
	/** MLflow `error_code` of the body, when it was JSON. */
	readonly errorCode: string | null;
	constructor(
		request: RequestInfo,
		status: number,
		detail: { errorCode: string | null; explanation: string | null; cause?: unknown },
	) {
		const why = detail.explanation === null ? '' : `; ${detail.explanation}`;
		super(
			`MLflow request failed with status ${status}: ${request.method} ${request.url}${tried(request.attempts)}${why}`,
			{ cause: detail.cause },
		);
		this.method = request.method;
		this.url = request.url;
		this.status = status;
		this.attempts = request.attempts;
		this.errorCode = detail.errorCode;
	}
}

/** No complete answer arrived within the per-request timeout, on any attempt. */
export class MlflowTimeoutError extends Error {
	override name = 'MlflowTimeoutError' as const;
	readonly url: string;
	readonly attempts: number;
	constructor(request: RequestInfo, timeoutMs: number, options?: { cause?: unknown }) {
		super(
			`MLflow request timed out after ${timeoutMs} ms: ${request.method} ${request.url}${tried(request.attempts)}`,
			options,
		);
		this.url = request.url;
		this.attempts = request.attempts;
	}
}

/** The server could not be reached, or the connection broke before the answer was complete. */
export class MlflowNetworkError extends Error {
	override name = 'MlflowNetworkError' as const;
	readonly url: string;
	readonly attempts: number;
	constructor(request: RequestInfo, reason: string, options?: { cause?: unknown }) {
		super(
			`MLflow request could not be completed: ${request.method} ${request.url}${tried(request.attempts)}: ${reason}`,
			options,
		);
		this.url = request.url;
		this.attempts = request.attempts;
	}
}

/** The server answered, but not with the JSON an MLflow server sends (HTML page, cut-off body). */
export class MlflowResponseError extends Error {
	override name = 'MlflowResponseError' as const;
	readonly url: string;
	readonly status: number;
	/** What to check, e.g. the tracking URI or a login proxy. */
	readonly hint: string;
	constructor(
		request: RequestInfo,
		status: number,
		problem: string,
		hint: string,
		options?: { cause?: unknown },
	) {
		super(
			`MLflow request returned ${problem} (status ${status}): ${request.method} ${request.url}. ${hint}`,
			options,
		);
		this.url = request.url;
		this.status = status;
		this.hint = hint;
	}
}

/** A paginated listing would never end: the server sent a page token it had sent before. */
export class MlflowPaginationError extends Error {
	override name = 'MlflowPaginationError' as const;
	readonly url: string;
	readonly page: number;
	constructor(method: string, url: string, page: number, problem: string) {
		super(
			`MLflow pagination loop detected at page ${page}: ${method} ${url} ${problem}; the server has a paging bug, so the listing was stopped rather than read forever.`,
		);
		this.url = url;
		this.page = page;
	}
}

/** Any of the request failures above. */
export type MlflowRequestError =
	| MlflowHttpError
	| MlflowTimeoutError
	| MlflowNetworkError
	| MlflowResponseError
	| MlflowPaginationError;

/** True for the request failures above (not for bugs or `ExportError`s). */
export function isMlflowRequestError(error: unknown): error is MlflowRequestError {
	return (
		error instanceof MlflowHttpError ||
		error instanceof MlflowTimeoutError ||
		error instanceof MlflowNetworkError ||
		error instanceof MlflowResponseError ||
		error instanceof MlflowPaginationError
	);
}
