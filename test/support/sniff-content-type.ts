/**
 * The Content-Type a static host that sniffs gives a file, as gitlab-pages does
 * (`internal/serving/disk/helpers.go`): Go's `mime.TypeByExtension` with only its built-in table
 * (a gitlab-pages image without `/etc/mime.types` knows no other extension: not `.txt`, `.md`,
 * `.csv`, `.yaml`), else `http.DetectContentType` on the first 512 bytes, which follows the
 * WHATWG MIME sniffing rules for unknown types with the scriptable types included. The worst
 * case mlpages must survive: every file it publishes is typed by this function and opened in a
 * browser.
 */

/** Go's `builtinTypesLower` (`mime/type.go`). */
const BUILTIN: Record<string, string> = {
	'.avif': 'image/avif',
	'.css': 'text/css; charset=utf-8',
	'.gif': 'image/gif',
	'.htm': 'text/html; charset=utf-8',
	'.html': 'text/html; charset=utf-8',
	'.jpeg': 'image/jpeg',
	'.jpg': 'image/jpeg',
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.mjs': 'text/javascript; charset=utf-8',
	'.pdf': 'application/pdf',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.wasm': 'application/wasm',
	'.webp': 'image/webp',
	'.xml': 'text/xml; charset=utf-8',
};

/** Tags whose start makes `http.DetectContentType` answer `text/html` (case-insensitive, then space or `>`). */
const HTML_TAGS = ['<!DOCTYPE HTML', '<HTML', '<HEAD', '<SCRIPT', '<IFRAME', '<H1', '<DIV', '<FONT', '<TABLE', '<A', '<STYLE', '<TITLE', '<B', '<BODY', '<BR', '<P'];

const isWs = (b: number) => b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20;
const startsWith = (data: Uint8Array, at: number, text: string, ignoreCase = false) => {
	if (data.length - at < text.length) return false;
	for (let i = 0; i < text.length; i++) {
		let b = data[at + i]!;
		if (ignoreCase && b >= 0x61 && b <= 0x7a) b -= 0x20;
		if (b !== text.charCodeAt(i)) return false;
	}
	return true;
};

/** `http.DetectContentType`: the type a sniffing host or browser gives bytes with no known type. */
export function detectContentType(bytes: Uint8Array): string {
	const data = bytes.subarray(0, 512);
	let first = 0;
	while (first < data.length && isWs(data[first]!)) first++;
	for (const tag of HTML_TAGS) {
		if (startsWith(data, first, tag, true)) {
			const next = data[first + tag.length];
			if (next === 0x20 || next === 0x3e) return 'text/html; charset=utf-8';
		}
	}
	if (startsWith(data, first, '<!--')) return 'text/html; charset=utf-8';
	if (startsWith(data, first, '<?xml')) return 'text/xml; charset=utf-8';
	if (startsWith(data, 0, '%PDF-')) return 'application/pdf';
	if (startsWith(data, 0, '%!PS-Adobe-')) return 'application/postscript';
	if (data[0] === 0xfe && data[1] === 0xff) return 'text/plain; charset=utf-16be';
	if (data[0] === 0xff && data[1] === 0xfe) return 'text/plain; charset=utf-16le';
	if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return 'text/plain; charset=utf-8';
	if (startsWith(data, 0, 'GIF87a') || startsWith(data, 0, 'GIF89a')) return 'image/gif';
	if (startsWith(data, 0, '\u0089PNG\r\n\u001a\n')) return 'image/png';
	if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
	if (startsWith(data, 0, 'RIFF') && startsWith(data, 8, 'WEBPVP')) return 'image/webp';
	if (startsWith(data, 0, 'BM')) return 'image/bmp';
	if (startsWith(data, 0, '\u0000\u0000\u0001\u0000')) return 'image/x-icon';
	if (startsWith(data, 0, '\u0000asm')) return 'application/wasm';
	if (startsWith(data, 0, 'PK\u0003\u0004')) return 'application/zip';
	if (startsWith(data, 0, '\u001f\u008b\u0008')) return 'application/x-gzip';
	const binary = data.some((b) => b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f));
	return binary ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}

/** The type gitlab-pages (without `/etc/mime.types`) serves a file with: by extension, else sniffed. */
export function gitlabPagesContentType(path: string, bytes: Uint8Array): string {
	const slash = path.lastIndexOf('/');
	const dot = path.lastIndexOf('.');
	const ext = dot > slash ? path.slice(dot).toLowerCase() : '';
	return BUILTIN[ext] ?? detectContentType(bytes);
}

/** Types a browser never runs script in when it opens them: data a site may publish from a store. */
export const INERT_TYPES = /^(?:text\/plain|application\/json|text\/csv|image\/(?:png|jpeg|gif|webp)|application\/octet-stream)(?:;|$)/;
