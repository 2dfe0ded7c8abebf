/**
 * Reads an `http(s)://` tracking URI: which server dialect it names, where its REST API lives,
 * and how to show it without credentials.
 */
import { decodeUriOrNull } from '../../lib/decode-uri.ts';

/** Query parameters whose values are secrets and never appear in messages or the manifest. */
const SECRET_PARAM =
	/^(key|code|(.*[_-])?(token|secret|password|passwd|pwd|api_?key|sig|signature|auth|authorization|credentials?|session))$/i;

/** GitLab's MLflow endpoint: `<gitlab>/api/v4/projects/<id or url-encoded path>/ml/mlflow`. */
const GITLAB_PATH = /\/api\/v4\/projects\/[^/]+\/ml\/mlflow\/?$/;

export interface TrackingUri {
	/** `gitlab` for GitLab's MLflow-compatible API, `rest` for an MLflow tracking server. */
	kind: 'rest' | 'gitlab';
	/** Base of every request, credentials and query removed, ending in `/`. */
	base: string;
	/** The URI for messages and the manifest: credentials and secret query parameters removed. */
	displayUri: string;
	/** `user:password@` from the URI, used for Basic auth when no variable sets credentials. */
	userInfo: { username: string; password: string } | null;
}

/**
 * Splits a tracking URI into its parts.
 * @throws TypeError when `uri` is not an absolute http(s) URL.
 */
export function parseTrackingUri(uri: string): TrackingUri {
	const url = new URL(uri);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new TypeError(`${redactUrl(url)} is not an http(s) URL`);
	}
	const userInfo =
		url.username === '' && url.password === ''
			? null
			: {
					username: decodeUriOrNull(url.username) ?? url.username,
					password: decodeUriOrNull(url.password) ?? url.password,
				};
	const path = url.pathname.replace(/\/+$/, '');
	return {
		kind: GITLAB_PATH.test(url.pathname) ? 'gitlab' : 'rest',
		base: `${url.origin}${path}/`,
		displayUri: redactUrl(url).replace(/\/+(?=$|\?)/, ''),
		userInfo,
	};
}

/** A URL as text without `user:password@`, secret query parameters or fragment. */
export function redactUrl(input: URL | string): string {
	const url = new URL(input);
	url.username = '';
	url.password = '';
	url.hash = '';
	for (const name of [...url.searchParams.keys()]) {
		if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
	}
	return url.href;
}
