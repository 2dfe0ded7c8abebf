const UNITS: Array<[label: string, ms: number]> = [
	['d', 86_400_000],
	['h', 3_600_000],
	['min', 60_000],
	['s', 1_000],
];

/**
 * Formats a duration for people with its two largest units: `450 ms`, `12 s`, `2 min 5 s`,
 * `3 h 2 min`, `1 d 4 h`. Units below a second are shown only for durations under a second.
 * `null` (unknown, e.g. a run still running) becomes an em dash.
 */
export function formatDuration(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
	const sign = ms < 0 ? '−' : '';
	let rest = Math.abs(ms);
	if (rest < 1_000) return `${sign}${Math.round(rest)} ms`;
	rest = Math.round(rest / 1_000) * 1_000;
	const parts: string[] = [];
	for (const [label, size] of UNITS) {
		if (parts.length === 2) break;
		const count = Math.floor(rest / size);
		rest -= count * size;
		if (count > 0) parts.push(`${count} ${label}`);
		else if (parts.length === 1) break;
	}
	return sign + parts.join(' ');
}

/** Duration of a run from its start and end; null when either is unknown. */
export function runDuration(start: number | null, end: number | null): number | null {
	return start === null || end === null ? null : end - start;
}
