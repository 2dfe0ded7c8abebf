import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openValidatedFiles, sameJson } from '../../src/lib/validated-files.ts';

const temp = mkdtempSync(join(tmpdir(), 'mlpages-validated-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('sameJson', () => {
	it('compares objects by keys in any order and arrays in order', () => {
		expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
		expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
		expect(sameJson({ a: 1, x: 2 }, { a: 1 })).toBe(false);
		expect(sameJson([1, 2], [2, 1])).toBe(false);
		expect(sameJson([], {})).toBe(false);
		expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
		expect(sameJson(null, {})).toBe(false);
		expect(sameJson(JSON.parse('{"__proto__":{"x":1}}'), JSON.parse('{"__proto__":{"x":2}}'))).toBe(false);
	});
});

describe('openValidatedFiles', () => {
	it('remembers the files kept by one build for the next, in the same scope only, and forgets the rest', () => {
		const file = join(temp, 'memo', 'validated.txt');
		const first = openValidatedFiles(file, 'schema 1');
		const a = first.key('aa');
		const b = first.key('bb');
		expect(first.known(a)).toBe(false);
		first.keep(a);
		first.keep(b);
		first.save();
		const second = openValidatedFiles(file, 'schema 1');
		expect(second.key('aa')).toBe(a);
		expect([second.known(a), second.known(b)]).toEqual([true, true]);
		// Only a was read this time: b is forgotten.
		second.keep(a);
		second.save();
		expect(readFileSync(file, 'utf8').split('\n')).toEqual([a]);
		// Another schema: the same bytes have another key.
		expect(openValidatedFiles(file, 'schema 2').key('aa')).not.toBe(a);
		// --full: nothing is taken from the memo, and what it validates is written anew.
		expect(openValidatedFiles(file, 'schema 1', true).known(a)).toBe(false);
	});

	it('reads a damaged memo as far as its lines are keys, and a missing one as empty', () => {
		const file = join(temp, 'damaged.txt');
		const memo = openValidatedFiles(file, 's');
		const key = memo.key('xx');
		writeFileSync(file, `garbage\n${key}\n${key.slice(0, 40)}`);
		expect(openValidatedFiles(file, 's').known(key)).toBe(true);
		expect(openValidatedFiles(join(temp, 'none.txt'), 's').known(key)).toBe(false);
		// Nothing kept: nothing written.
		openValidatedFiles(join(temp, 'empty.txt'), 's').save();
		expect(() => readFileSync(join(temp, 'empty.txt'))).toThrow();
	});
});
