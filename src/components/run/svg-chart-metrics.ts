/** Prefixes of held-out metrics (as primaryMetric ranks them): charted at build time first. */
const HELD_OUT = /^(val|valid|validation|eval|test|dev)(?=[^a-z]|$)/i;

/**
 * Which of a run page's charted metrics get an SVG drawn at build time, in the order the page
 * shows them: the primary metric, then held-out metrics (`val_…`, `eval…`, `test…`), then
 * `loss`-like ones, then the others, each group alphabetically, at most `max` of them. The
 * rest of the run's metrics are drawn in the browser from its series JSON. A page's bytes
 * are mostly these SVGs (about 7 to 25 KB each against about 1.5 KB for a chart drawn in the
 * browser), so this bounds the bytes per run whatever the number of metrics.
 * @param metrics the keys of the metrics that have a chart (2 or more points)
 * @param primary the experiment's primary metric, or null
 */
export function svgChartMetrics(metrics: readonly string[], primary: string | null, max: number): string[] {
	const rank = (key: string) => [key === primary ? 0 : 1, HELD_OUT.test(key) ? 0 : 1, /loss/i.test(key) ? 0 : 1];
	return [...metrics]
		.sort((a, b) => {
			const [ra, rb] = [rank(a), rank(b)];
			const i = ra.findIndex((value, k) => value !== rb[k]);
			return i === -1 ? (a < b ? -1 : a > b ? 1 : 0) : ra[i]! - rb[i]!;
		})
		.slice(0, Math.max(0, max));
}
