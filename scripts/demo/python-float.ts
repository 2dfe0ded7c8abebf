/**
 * A float as Python's `str(float)` writes it, the text of MLflow file-store metric lines:
 * `0.5`, `40.0`, `1e-05`, `1.5e+20`, `nan`, `inf`, `-inf`. Python switches to scientific
 * notation when the decimal exponent is below -4 or at least 16.
 */
export function pythonFloat(value: number): string {
	if (Number.isNaN(value)) return 'nan';
	if (value === Number.POSITIVE_INFINITY) return 'inf';
	if (value === Number.NEGATIVE_INFINITY) return '-inf';
	if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
	const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
	const exponent = Number(exponentText);
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace('-', '').replace('.', '');
	const sign = negative ? '-' : '';
	if (exponent < -4 || exponent >= 16) {
		const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
		const power = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
		return `${sign}${digits[0] ?? ''}${fraction}e${power}`;
	}
	if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
	const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
	const fraction = digits.slice(exponent + 1);
	return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}
