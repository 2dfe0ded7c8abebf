import { describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/lib/format-metric.ts';

describe('formatMetric', () => {
	it.each([
		[0.953421, '0.9534'],
		[0.08, '0.08'],
		[181.25, '181.3'],
		[1.2, '1.2'],
		[42, '42'],
		[12345, '12,345'],
		[12345.678, '12,346'],
		[-0.5, '−0.5'],
		[0, '0'],
		[0.30000000000000004, '0.3'],
		[1e-5, '1e-5'],
		[0.000123456, '0.0001235'],
		[0.0000123456, '1.235e-5'],
		[2_500_000, '2.5e6'],
		[1.7976931348623157e308, '1.798e308'],
		[5e-324, '4.941e-324'],
	])('formats %d as %s', (value, text) => {
		expect(formatMetric(value)).toBe(text);
	});

	it('shows non-finite values as text, whether numbers or snapshot strings', () => {
		expect(formatMetric('NaN')).toBe('NaN');
		expect(formatMetric(NaN)).toBe('NaN');
		expect(formatMetric('Infinity')).toBe('∞');
		expect(formatMetric(-Infinity)).toBe('−∞');
		expect(formatMetric('-Infinity')).toBe('−∞');
	});

	it('shows a missing value as an em dash', () => {
		expect(formatMetric(null)).toBe('—');
		expect(formatMetric(undefined)).toBe('—');
	});

	it('takes the number of significant digits', () => {
		expect(formatMetric(Math.PI, 2)).toBe('3.1');
		expect(formatMetric(Math.PI, 6)).toBe('3.14159');
	});
});
