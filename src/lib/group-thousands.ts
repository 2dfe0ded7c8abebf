/**
 * A whole, non-negative number with thousands separators, `1,234,567`, as
 * `toLocaleString('en-US')` writes it, without Intl: its first call costs ~20 ms, a noticeable
 * part of an unchanged re-export. Browser-safe (formatMetric uses it on pages too).
 */
export function groupThousands(x: number): string {
	return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
