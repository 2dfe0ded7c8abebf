/**
 * The points a chart's data table lists when the chart is not drawn yet: indices of the first,
 * last, minimum and maximum values, each once, in that order. Run pages (RunCharts.astro) and
 * shell-drawn run pages (run-shell-charts.ts) list the same rows.
 */
export function keyPoints(values: readonly number[]): { label: string; index: number }[] {
	let min = 0;
	let max = 0;
	values.forEach((v, i) => {
		if (v < values[min]!) min = i;
		if (v > values[max]!) max = i;
	});
	const seen = new Set<number>();
	return [
		{ label: 'first', index: 0 },
		{ label: 'last', index: values.length - 1 },
		{ label: 'min', index: min },
		{ label: 'max', index: max },
	].filter((p) => !seen.has(p.index) && seen.add(p.index));
}
