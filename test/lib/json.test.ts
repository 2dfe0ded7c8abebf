import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/lib/json.ts';

describe('stableStringify', () => {
	it('sorts keys recursively, indents with 2 spaces and ends with a newline', () => {
		expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
			'{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
		);
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
		expect(() => stableStringify({ n: 1n })).toThrow(TypeError);
	});
});
