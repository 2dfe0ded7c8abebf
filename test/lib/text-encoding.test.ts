/** Reading bytes as text and writing changed text back the same way (src/lib/text-encoding.ts). */
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from '../../src/lib/text-encoding.ts';

const samples: Array<[string, Buffer, string]> = [
	['UTF-8', Buffer.from('naïve token'), 'utf-8'],
	['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('naïve token')]), 'utf-8'],
	['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naïve token', 'utf16le')]), 'utf-16le'],
	['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('naïve token', 'utf16le').swap16()]), 'utf-16be'],
	['UTF-16LE without a BOM', Buffer.from('plain ascii token', 'utf16le'), 'utf-16le'],
	['UTF-16BE without a BOM, odd length', Buffer.concat([Buffer.from('plain ascii token', 'utf16le').swap16(), Buffer.from([0x41])]), 'utf-16be'],
	['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0x80, 0x41]), 'latin1'],
];

describe('decodeText() and encodeText()', () => {
	it.each(samples)('read %s and write it back byte for byte', (_, bytes, encoding) => {
		const decoded = decodeText(bytes);
		expect(decoded.encoding).toBe(encoding);
		expect(Buffer.from(encodeText(decoded, decoded.text)).equals(bytes)).toBe(true);
	});

	it('writes changed text in the encoding it was read in', () => {
		const decoded = decodeText(samples[3]![1]);
		const out = Buffer.from(encodeText(decoded, decoded.text.replace('token', '[redacted]')));
		expect(out.subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
		expect(Buffer.from(out.subarray(2)).swap16().toString('utf16le')).toBe('naïve [redacted]');
	});
});
