import { describe, expect, it } from 'vitest';
import { parseMetricValue } from '../../src/export/parse-metric-value.ts';

describe('parseMetricValue', () => {
	it('reads what Python str(float) writes', () => {
		expect(parseMetricValue('0.9333333333333333')).toBe(0.9333333333333333);
		expect(parseMetricValue('400.0')).toBe(400);
		expect(parseMetricValue('1e-05')).toBe(1e-5);
		expect(parseMetricValue('1.5e+20')).toBe(1.5e20);
		expect(parseMetricValue('-0.0')).toBe(-0);
	});

	it('maps nan, inf, -inf and infinity in any case (Number("inf") would be NaN)', () => {
		expect(Number('inf')).toBeNaN();
		for (const text of ['nan', 'NaN', 'NAN', '-nan', '+nan']) expect(parseMetricValue(text)).toBeNaN();
		for (const text of ['inf', 'Inf', '+inf', 'infinity', 'Infinity', 'INFINITY', '+Infinity']) expect(parseMetricValue(text)).toBe(Infinity);
		for (const text of ['-inf', '-INF', '-infinity', '-Infinity']) expect(parseMetricValue(text)).toBe(-Infinity);
		expect(parseMetricValue('1e999')).toBe(Infinity); // float('1e999') overflows to inf too
	});

	it("accepts the rest of Python float()'s grammar", () => {
		expect(parseMetricValue('5.')).toBe(5);
		expect(parseMetricValue('.5')).toBe(0.5);
		expect(parseMetricValue('+.5e1')).toBe(5);
		expect(parseMetricValue('1E5')).toBe(100000);
		expect(parseMetricValue('1_000.5')).toBe(1000.5);
		expect(parseMetricValue('007')).toBe(7);
		expect(parseMetricValue(' 2.5\t')).toBe(2.5);
	});

	it('refuses what float() refuses, including text Number() accepts', () => {
		for (const text of ['', '  ', '0x10', '0b1', '0o7', 'abc', '1.2.3', '1e', 'e5', '.', '-', '1__0', '_1', '1_', 'infx', 'nanx', 'Infinityy', '1,5', '--1']) {
			expect(parseMetricValue(text), JSON.stringify(text)).toBeNull();
		}
	});
});
