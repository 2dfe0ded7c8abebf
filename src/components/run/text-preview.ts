import { decodeText } from '../../lib/text-encoding.ts';

/** Control characters other than tab and newline (C0, DEL, C1): never written into a page. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * The text of a text artifact's first bytes for its preview: UTF-8 or UTF-16 (by byte order mark,
 * or ASCII written as UTF-16), CRLF as LF, and every other control character (NUL included) as
 * U+FFFD, so that no NUL or terminal escape reaches the HTML. A cut inside a character becomes
 * U+FFFD, never an error.
 */
export function previewText(head: Uint8Array): string {
	const decoded = decodeText(head);
	// decodeText falls back to Latin-1 for bytes that are not valid UTF-8, such as UTF-8 cut
	// inside a character at the preview's end: read those as UTF-8 with replacement instead.
	const text = decoded.encoding === 'latin1' ? new TextDecoder('utf-8').decode(head) : decoded.text;
	return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(CONTROL, '\uFFFD').toWellFormed();
}
