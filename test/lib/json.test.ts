import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/lib/json.ts';

describe('stableStringify', () => {
	it('sorts keys recursively, indents with 2 spaces and ends with a newline', () => {
		expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
			'{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
		);
	});

	it('writes an array of numbers on one line and other arrays one item per line', () => {
		expect(stableStringify({ step: [0, 1, 2], value: [0.5, -1e-7, 3], tags: ['a'], empty: [], none: {} })).toBe(
			'{\n  "empty": [],\n  "none": {},\n  "step": [0,1,2],\n  "tags": [\n    "a"\n  ],\n  "value": [0.5,-1e-7,3]\n}\n',
		);
	});

	it('writes what JSON.parse reads back equal, for nested values', () => {
		const value = { z: [{ b: [1, 2], a: 'x' }, null, [[1], ['y']]], a: { s: 'é"\\', t: true, n: -0.25 } };
		expect(JSON.parse(stableStringify(value))).toEqual(value);
		expect(stableStringify(value)).toBe(stableStringify(JSON.parse(stableStringify(value))));
	});

	it('gives the same bytes whatever the insertion order', () => {
		expect(stableStringify({ x: 1, y: { b: 2, a: 1 } })).toBe(stableStringify({ y: { a: 1, b: 2 }, x: 1 }));
	});

	it('drops undefined properties and keeps unicode as is', () => {
		expect(stableStringify({ a: undefined, é: 'ü' })).toBe('{\n  "é": "ü"\n}\n');
	});

	it('refuses non-finite numbers instead of writing null', () => {
		expect(() => stableStringify({ runs: [{ value: NaN }] })).toThrow('Non-finite number NaN at $.runs[0].value');
		expect(() => stableStringify(Infinity)).toThrow(TypeError);
		expect(() => stableStringify({ value: [1, NaN] })).toThrow('Non-finite number NaN at $.value[1]');
		expect(() => stableStringify({ n: 1n })).toThrow(TypeError);
	});

	it('keeps data that looks like its number-array stand-ins, and a key named __proto__, as data', () => {
		const record: Record<string, unknown> = Object.create(null);
		record['__proto__'] = { polluted: true };
		record['text'] = '\u00000';
		record['columns'] = [[1, 2], '\u00001'];
		expect(stableStringify(record)).toBe(
			'{\n  "__proto__": {\n    "polluted": true\n  },\n  "columns": [\n    [1,2],\n    "\ufffd1"\n  ],\n  "text": "\ufffd0"\n}\n',
		);
		expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
	});
});
