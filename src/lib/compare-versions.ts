/**
 * Orders model versions: `2` before `10`, SemVer-like `1.2.0` before `1.10.0` (a missing part
 * counts as 0); versions that are not dot-separated numbers sort as text after comparing equal
 * numerically, so the order is total and stable.
 */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
	const pb = b.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
	if (!pa.some(Number.isNaN) && !pb.some(Number.isNaN)) {
		for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
			const d = (pa[i] ?? 0) - (pb[i] ?? 0);
			if (d !== 0) return d;
		}
	}
	return a < b ? -1 : a > b ? 1 : 0;
}
