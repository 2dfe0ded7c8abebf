/** A byte count for people: `812 B`, `4.2 KB`, `1.3 MB`. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let n = bytes / 1024;
	let u = 0;
	while (n >= 1024 && u < units.length - 1) {
		n /= 1024;
		u++;
	}
	return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[u]}`;
}
