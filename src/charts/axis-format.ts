/**
 * Numbers on chart axes, as people write them: integers as integers (`0, 100 … 1,000`, never
 * `0k, 0.1k … 1k`), SI suffixes only from 10,000 on (`20k`, `1.5M`), fractions with as many
 * digits as tell the ticks apart, and texts drawn by the charts themselves (parallel axes' end
 * labels) rounded to the fewest digits that keep different values different.
 */

/** From this magnitude on, axis labels use SI suffixes (`10k`, `2.5M`). */
export const SI_FROM = 10_000;

/** Vega-Lite axis properties of a numeric axis: a d3 format and, for integer data, whole ticks. */
export interface AxisFormat {
	format: string;
	tickMinStep?: number;
}

/**
 * The axis format for a quantitative axis showing `values`: `,d` with `tickMinStep: 1` when every
 * value is an integer below SI_FROM (steps, epochs, batch sizes), `.3~s` from SI_FROM on (Vega
 * gives every tick the prefix of the largest, so `.3` keeps `12.5k` apart from `12k`), and `~g`
 * otherwise (Vega then picks the decimals from the tick spacing: `0.8215, 0.822 …`).
 */
export function axisFormat(values: Iterable<number>): AxisFormat {
	let max = 0;
	let integers = true;
	let any = false;
	for (const v of values) {
		if (!Number.isFinite(v)) continue;
		any = true;
		max = Math.max(max, Math.abs(v));
		if (!Number.isInteger(v)) integers = false;
	}
	if (!any) return { format: '~g' };
	if (max >= SI_FROM) return { format: '.3~s' };
	return integers ? { format: ',d', tickMinStep: 1 } : { format: '~g' };
}

const SI = [
	[1e12, 'T'],
	[1e9, 'G'],
	[1e6, 'M'],
	[1e3, 'k'],
] as const;

/** `value` with `digits` significant digits, trailing zeros trimmed, no exponent between 1e-4 and SI_FROM. */
export function formatSignificant(value: number, digits: number): string {
	if (!Number.isFinite(value)) return String(value);
	if (value === 0) return '0';
	const abs = Math.abs(value);
	if (abs >= SI_FROM) {
		const [scale, suffix] = SI.find(([s]) => abs >= s)!;
		return `${formatSignificant(value / scale, digits)}${suffix}`;
	}
	if (Number.isInteger(value) && abs < SI_FROM) return String(value);
	const text = abs < 1e-4 ? value.toExponential(Math.max(0, digits - 1)) : value.toPrecision(digits);
	// toPrecision may answer in exponent form for large or small numbers; trim zeros in either.
	const [mantissa, exponent] = text.split('e');
	const trimmed = mantissa!.includes('.') ? mantissa!.replace(/0+$/, '').replace(/\.$/, '') : mantissa!;
	if (exponent === undefined) return trimmed;
	return abs < 1e-4 ? `${trimmed}e${exponent}` : String(Number(text));
}

/**
 * Labels of `values` rounded to the fewest significant digits (at least `min`, at most 12) that
 * keep every two different values apart: `[9.36914546742202, 12.5]` → `['9.4', '13']`,
 * `[0.8217, 0.8219]` → `['0.8217', '0.8219']`. Integers below SI_FROM stay whole.
 */
export function distinctNumberLabels(values: readonly number[], min = 2): string[] {
	const distinct = new Set(values.filter(Number.isFinite)).size;
	for (let digits = min; digits <= 12; digits++) {
		const labels = values.map((v) => formatSignificant(v, digits));
		const seen = new Set(values.filter(Number.isFinite).map((v) => formatSignificant(v, digits)));
		if (seen.size === distinct) return labels;
	}
	return values.map((v) => String(v));
}
