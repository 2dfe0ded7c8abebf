/**
 * Parses a metric value as MLflow's file store writes it (Python `str(float)`), with the
 * grammar of Python's `float()`: decimal and scientific notation (`0.5`, `5.`, `.5`, `1e-05`,
 * `1.5E+20`, `1_000.5`), surrounding whitespace, and the non-finite words `nan`, `inf`,
 * `infinity` in any case, with an optional sign.
 *
 * JavaScript's `Number()` alone is wrong here: it reads `inf` as NaN, and accepts text Python
 * refuses (`0x10`, `0b1`, `''`).
 *
 * @returns the number (NaN and ±Infinity included), or `null` when the text is not a float.
 */
export function parseMetricValue(text: string): number | null {
	// Fast path for what MLflow writes: Number() agrees with float() on text that starts with a
	// digit, sign or dot, except for the radix prefixes 0x, 0b, 0o.
	const n = Number(text);
	const c = text.charCodeAt(0);
	if (n === n && (isDigitSignOrDot(c) || c === 73) && !(c === 48 && RADIX.test(text))) return n;
	const trimmed = text.trim();
	if (trimmed !== text) return trimmed === '' ? null : parseMetricValue(trimmed);
	if (DECIMAL.test(text)) return Number(text.replaceAll('_', ''));
	const match = NON_FINITE.exec(text);
	if (match === null) return null;
	if (match[2]!.toLowerCase() === 'nan') return Number.NaN;
	return match[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** `0-9`, `+`, `-`, `.` */
const isDigitSignOrDot = (c: number) => (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
const RADIX = /^0[xXbBoO]/;
const DIGITS = String.raw`\d+(?:_\d+)*`;
const DECIMAL = new RegExp(
	String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);
const NON_FINITE = /^([+-]?)(nan|inf|infinity)$/i;
