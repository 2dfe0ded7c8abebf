import type { MetricValue } from '../schemas/metric-value.ts';
import { groupThousands } from './group-thousands.ts';

/**
 * Formats a metric value for people: 4 significant digits, whole numbers below one million in
 * full with thousands separators, very large or small magnitudes in exponent form, and the
 * non-finite values as words (`NaN`, `∞`, `−∞`). `null` becomes an em dash.
 * Output does not depend on the machine's locale.
 * @example formatMetric(0.953421) === '0.9534'; formatMetric('NaN') === 'NaN'
 */
export function formatMetric(value: MetricValue | number | null | undefined, digits = 4): string {
	if (value === null || value === undefined) return '—';
	const n = typeof value === 'number' ? value : Number(value);
	if (Number.isNaN(n)) return 'NaN';
	if (n === Infinity) return '∞';
	if (n === -Infinity) return '−∞';
	if (n === 0) return '0';
	const abs = Math.abs(n);
	const sign = n < 0 ? '−' : '';
	if (abs >= 1e6 || abs < 1e-4) {
		const [mantissa, exponent] = abs.toExponential(digits - 1).split('e');
		return `${sign}${trimZeros(mantissa!)}e${Number(exponent)}`;
	}
	if (Number.isInteger(n)) return sign + groupThousands(abs);
	const fixed = abs >= 10 ** digits ? Math.round(abs).toString() : abs.toPrecision(digits);
	const [whole, fraction] = fixed.split('.');
	const grouped = groupThousands(Number(whole));
	return sign + (fraction ? trimZeros(`${grouped}.${fraction}`) : grouped);
}


function trimZeros(text: string): string {
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
