/**
 * The text preview of a run's text artifact (src/components/run/text-preview.ts): UTF-8 and
 * UTF-16 files read as text, and no NUL or other control character reaches the page.
 */
import { describe, expect, it } from 'vitest';
import { previewText } from '../../src/components/run/text-preview.ts';

const utf16 = (s: string, order: 'le' | 'be', bom: boolean) => {
	const le = Buffer.from(s, 'utf16le');
	const body = order === 'le' ? le : Buffer.from(le).swap16();
	return bom ? Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
};

describe('previewText()', () => {
	it.each([
		['UTF-8', Buffer.from('lr: 0.1\nepochs: 10\n')],
		['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('lr: 0.1\nepochs: 10\n')])],
		['UTF-16LE with a BOM', utf16('lr: 0.1\nepochs: 10\n', 'le', true)],
		['UTF-16BE with a BOM', utf16('lr: 0.1\nepochs: 10\n', 'be', true)],
		['UTF-16LE without a BOM', utf16('lr: 0.1\nepochs: 10\n', 'le', false)],
		['CRLF line ends', Buffer.from('lr: 0.1\r\nepochs: 10\r\n')],
	])('reads %s as text', (_, bytes) => {
		expect(previewText(bytes)).toBe('lr: 0.1\nepochs: 10\n');
	});

	it('shows NUL, terminal escapes and other control characters as U+FFFD, keeping tabs and newlines', () => {
		expect(previewText(Buffer.from('a\u0000b\u0007c\u001b[31md\u007f\u0085e\tf\ng'))).toBe('a\uFFFDb\uFFFDc\uFFFD[31md\uFFFD\uFFFDe\tf\ng');
	});

	it('turns a character cut at the end of the preview into U+FFFD', () => {
		expect(previewText(Buffer.from('café').subarray(0, 4))).toBe('caf\uFFFD');
	});
});
