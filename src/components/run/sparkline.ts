/**
 * The `points` of an SVG polyline drawing `values` in a `width` × `height` box (y up, 1 px
 * inset), coordinates to 1 decimal. Non-finite values are skipped; a flat series is a
 * centred line. Empty when there are fewer than 2 finite values.
 */
export function sparklinePoints(values: readonly number[], width = 80, height = 20): string {
	const finite = values.flatMap((v, i) => (Number.isFinite(v) ? [[i, v] as const] : []));
	if (finite.length < 2) return '';
	let min = Infinity;
	let max = -Infinity;
	for (const [, v] of finite) {
		if (v < min) min = v;
		if (v > max) max = v;
	}
	const last = values.length - 1;
	const inner = height - 2;
	const round = (n: number) => Math.round(n * 10) / 10;
	return finite
		.map(([i, v]) => {
			const x = Math.round((i / last) * width);
			const y = round(max === min ? height / 2 : 1 + inner - ((v - min) / (max - min)) * inner);
			return `${x},${y}`;
		})
		.join(' ');
}

/**
 * At most `max` values of a series, evenly picked (first and last kept): a sparkline 80 px
 * wide shows no more.
 */
export function thinOut(values: readonly number[], max = 40): number[] {
	if (values.length <= max) return [...values];
	return Array.from({ length: max }, (_, k) => values[Math.round((k * (values.length - 1)) / (max - 1))]!);
}
