/**
 * Removes credentials from a URI before it is shown or written: the user-info part
 * (`https://user:token@host/…` → `https://host/…`) and query parameters that carry secrets
 * (`token`, `access_token`, `password`, `sig`, `X-Amz-*`, ...). Anything that is not a URL with
 * an authority is returned as it is.
 */
export function stripCredentials(uri: string): string {
	const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(uri);
	if (!m) return uri;
	const [, scheme, , rest, query = '', hash = ''] = m;
	const kept = query
		.slice(1)
		.split('&')
		.filter((p) => p && !SECRET_PARAM.test(decodeSafe(p.split('=')[0]!)));
	return `${scheme}${rest}${kept.length ? `?${kept.join('&')}` : ''}${hash}`;
}

const SECRET_PARAM = /^(?:.*token|.*secret|password|passwd|pwd|key|api[-_]?key|sig|signature|credential|x-amz-.*|x-goog-.*|se|sp|sv|sr)$/i;

function decodeSafe(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}
