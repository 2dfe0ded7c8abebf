/** Prefixes that mark a held-out metric, preferred when the configuration names no primary metric. */
const HELD_OUT = /^(val|valid|validation|eval|test|dev)(?=[^a-z]|$)/i;

/**
 * The metric that ranks an experiment's runs: the configuration's `metrics.primary[experimentName]`,
 * else its `"*"` entry, else a guess from the metrics the runs logged: the key logged by the most
 * runs, preferring held-out keys (`val_…`, `eval…`, `test…`), then `loss`-like ones, then the
 * alphabetically first. A configured key is returned even when no run logged it, so a typo shows
 * up as an empty chart rather than silently ranking by something else. Null when there are no
 * metrics at all.
 */
export function primaryMetric(
	experimentName: string,
	primary: Readonly<Record<string, string>>,
	runMetricKeys: readonly (readonly string[])[],
): string | null {
	const configured = primary[experimentName] ?? primary['*'];
	if (configured) return configured;
	const counts = new Map<string, number>();
	for (const keys of runMetricKeys)
		for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
	const rank = (key: string) => [
		-(counts.get(key) ?? 0),
		HELD_OUT.test(key) ? 0 : 1,
		/loss/i.test(key) ? 0 : 1,
	];
	let best: string | null = null;
	for (const key of counts.keys()) {
		if (best === null) {
			best = key;
			continue;
		}
		const [a, b] = [rank(key), rank(best)];
		const order = a.findIndex((value, i) => value !== b[i]);
		if (order === -1 ? key < best : a[order]! < b[order]!) best = key;
	}
	return best;
}
