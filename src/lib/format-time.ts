const PARTS = new Intl.DateTimeFormat('en-US', {
	timeZone: 'UTC',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
});

/**
 * Formats an epoch-millisecond timestamp as `YYYY-MM-DD HH:MM:SS UTC`, the same on every
 * machine; `compact` gives `YYYY-MM-DD HH:MM` for table cells whose header says UTC.
 * `null` becomes an em dash; a value outside the Date range is shown as the number.
 * @example formatTime(0) === '1970-01-01 00:00:00 UTC'
 */
export function formatTime(ms: number | null | undefined, options: { compact?: boolean } = {}): string {
	if (ms === null || ms === undefined) return '—';
	const date = new Date(ms);
	if (Number.isNaN(date.getTime())) return String(ms);
	// Years 1000–9999 (every real timestamp): the ISO form has the same fields, and costs far less
	// than Intl's formatToParts, which a build calls for every time on every page.
	const year = date.getUTCFullYear();
	if (year >= 1000 && year <= 9999) {
		const iso = date.toISOString();
		return options.compact ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
	}
	const p = Object.fromEntries(PARTS.formatToParts(date).map((x) => [x.type, x.value]));
	const day = `${p['year']}-${p['month']}-${p['day']}`;
	if (options.compact) return `${day} ${p['hour']}:${p['minute']}`;
	return `${day} ${p['hour']}:${p['minute']}:${p['second']} UTC`;
}

/** The ISO 8601 form for `<time datetime>`; empty when the timestamp is unknown or invalid. */
export function isoTime(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) return '';
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
