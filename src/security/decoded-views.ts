import { gunzipSync } from 'node:zlib';
import { decodeUtf16 } from '../lib/text-encoding.ts';

/** One way of reading a file's bytes as text, for the scan. */
export interface TextView {
	text: string;
	/** How the text was decoded; absent for the bytes as they are (escapes decoded). */
	encoding?: 'utf-16' | 'gzip';
}

/** Largest decompressed size of a gzip file that is scanned (Pagefind's index chunks are far smaller). */
const MAX_GUNZIPPED_BYTES = 64 * 1024 * 1024;

/**
 * The texts a secret can hide in within a file's bytes:
 * - the bytes as Latin-1, one character each (ASCII secrets in UTF-8 text and in binary files),
 *   with JSON, JavaScript and HTML escapes decoded (`\u002d`, `\x2d`, `\/`, `\"`, `&#x2d;`,
 *   `&#45;`, `&quot;`, `&amp;` …): decoding only turns an escape into the character it stands
 *   for, so a secret written plainly is still there, and one written escaped appears;
 * - UTF-16 at both byte alignments, when the file has NUL bytes (UTF-16LE and BE, with or
 *   without a byte order mark: for ASCII, big-endian is little-endian one byte on);
 * - the same views of a gzip file's content (Pagefind's index).
 */
export function decodedViews(bytes: Uint8Array): TextView[] {
	const views: TextView[] = [];
	addViews(views, bytes, undefined);
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
		let inflated: Uint8Array | null = null;
		try {
			inflated = gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
		} catch {
			inflated = null;
		}
		if (inflated) addViews(views, inflated, 'gzip');
	}
	return views;
}

function addViews(views: TextView[], bytes: Uint8Array, encoding: TextView['encoding']): void {
	const text = unescapeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
	views.push(encoding ? { text, encoding } : { text });
	if (bytes.includes(0)) {
		// An odd last byte is the low byte of a last character whose high byte is NUL (ASCII in big-endian order read one byte on).
		for (const offset of [0, 1]) {
			const body = bytes.subarray(offset);
			views.push({ text: decodeUtf16(body.length % 2 === 0 ? body : Buffer.concat([body, Uint8Array.of(0)]), 'utf-16le'), encoding: encoding ?? 'utf-16' });
		}
	}
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', bsol: '\\', colon: ':', equals: '=', period: '.', lowbar: '_', hyphen: '-', dash: '-', num: '#', commat: '@', plus: '+', percnt: '%', nbsp: ' ' };

/** A cheap test that a text may hold an escape. */
const MAY_ESCAPE = /\\[ux/"'\\]|&(?:#|[a-z]+;)/i;
/** Escapes a secret can be written with; see unescapeText. */
const ESCAPE = /\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([/"'\\])|&#[xX]([0-9a-fA-F]{1,6});?|&#([0-9]{1,7});?|&([a-zA-Z]{2,8});/g;

/**
 * The text with escapes decoded: JSON and JavaScript (`\u` with four hex digits, `\u{…}`, `\x` with two, `\/`, `\"`,
 * `\'`, `\\`) and HTML character references (`&#x2d;`, `&#45;`, with or without `;`, and the
 * named ones a secret's characters can take). Newline escapes are left alone, so that line
 * numbers stay those of the file. Returns the same string when there is nothing to decode.
 */
export function unescapeText(text: string): string {
	if (!MAY_ESCAPE.test(text)) return text;
	return text.replace(ESCAPE, (...m) => decodeEscape(m as unknown as RegExpExecArray) ?? m[0]);
}

/**
 * unescapeText with, for each character of the decoded text (and one past its end), the offset
 * in `text` it came from; null when there is nothing to decode.
 */
export function unescapeWithOffsets(text: string): { text: string; offsets: Int32Array } | null {
	if (!MAY_ESCAPE.test(text)) return null;
	let out = '';
	const offsets: number[] = [];
	let last = 0;
	ESCAPE.lastIndex = 0;
	for (let m = ESCAPE.exec(text); m !== null; m = ESCAPE.exec(text)) {
		const decoded = decodeEscape(m);
		if (decoded === null) continue;
		for (let i = last; i < m.index; i++) offsets.push(i);
		out += text.slice(last, m.index);
		for (let i = 0; i < decoded.length; i++) offsets.push(m.index);
		out += decoded;
		last = m.index + m[0].length;
	}
	if (out === '' && last === 0) return null;
	for (let i = last; i <= text.length; i++) offsets.push(i);
	out += text.slice(last);
	return { text: out, offsets: Int32Array.from(offsets) };
}

function decodeEscape(m: RegExpExecArray): string | null {
	const [, brace, u4, x2, char, hex, dec, name] = m;
	if (char !== undefined) return char;
	if (name !== undefined) return NAMED[name.toLowerCase()] ?? null;
	const code = parseInt((brace ?? u4 ?? x2 ?? hex ?? dec)!, brace || u4 || x2 || hex ? 16 : 10);
	// Newlines stay escaped (line numbers), and no code point beyond Unicode.
	return code === 10 || code === 13 || code > 0x10ffff ? null : String.fromCodePoint(code);
}
