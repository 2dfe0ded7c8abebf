/** How a file's bytes were read as text, so that changed text can be written back the same way. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface DecodedText {
	text: string;
	encoding: TextEncodingName;
	/** The file started with a byte order mark (not part of `text`). */
	bom: boolean;
	/** A last odd byte of UTF-16, kept as it was. */
	tail: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads bytes as text: UTF-8 or UTF-16 by their byte order mark, UTF-16 without one when every
 * other byte of the start is NUL (ASCII text written as UTF-16), UTF-8 when the bytes are valid
 * UTF-8, else Latin-1 (every byte one character, so binary data reads and writes back unchanged).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	const none = new Uint8Array(0);
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		const text = tryUtf8(bytes.subarray(3));
		if (text !== null) return { text, encoding: 'utf-8', bom: true, tail: none };
	}
	const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : utf16WithoutBom(bytes);
	if (utf16) {
		const bom = bytes[0] === 0xff || bytes[0] === 0xfe;
		const body = bytes.subarray(bom ? 2 : 0);
		const even = body.length - (body.length % 2);
		return { text: decodeUtf16(body.subarray(0, even), utf16), encoding: utf16, bom, tail: body.subarray(even) };
	}
	const text = tryUtf8(bytes);
	if (text !== null) return { text, encoding: 'utf-8', bom: false, tail: none };
	return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'latin1', bom: false, tail: none };
}

/** Text back to bytes as decodeText read them. */
export function encodeText(decoded: Omit<DecodedText, 'text'>, text: string): Uint8Array {
	const parts: Uint8Array[] = [];
	if (decoded.encoding === 'utf-8') {
		if (decoded.bom) parts.push(Uint8Array.of(0xef, 0xbb, 0xbf));
		parts.push(Buffer.from(text, 'utf8'));
	} else if (decoded.encoding === 'latin1') {
		parts.push(Buffer.from(text, 'latin1'));
	} else {
		const le = Buffer.from(text, 'utf16le');
		if (decoded.encoding === 'utf-16be') le.swap16();
		if (decoded.bom) parts.push(decoded.encoding === 'utf-16le' ? Uint8Array.of(0xff, 0xfe) : Uint8Array.of(0xfe, 0xff));
		parts.push(le, decoded.tail);
	}
	return Buffer.concat(parts);
}

/** UTF-16 text from bytes of one byte order (an odd last byte is ignored). */
export function decodeUtf16(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be'): string {
	const even = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % 2));
	if (order === 'utf-16le') return even.toString('utf16le');
	return Buffer.from(even).swap16().toString('utf16le');
}

function tryUtf8(bytes: Uint8Array): string | null {
	try {
		return utf8.decode(bytes);
	} catch {
		return null;
	}
}

/** UTF-16 without a byte order mark: in the first 512 bytes, NUL on one side of most pairs and not on the other. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(bytes.length, 512) & ~1;
	if (n < 4) return null;
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenNul++;
		if (bytes[i + 1] === 0) oddNul++;
	}
	const pairs = n / 2;
	if (oddNul >= pairs * 0.6 && evenNul <= pairs * 0.1) return 'utf-16le';
	if (evenNul >= pairs * 0.6 && oddNul <= pairs * 0.1) return 'utf-16be';
	return null;
}
