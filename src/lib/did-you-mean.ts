/**
 * The candidate closest to `word`, for a "did you mean" hint, or undefined when none is close:
 * a case-insensitive match first, else the smallest edit distance (insertions, deletions,
 * substitutions and swaps of neighbours) of at most a third of the word's length, and at least 2.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
	const lower = word.toLowerCase();
	const exact = candidates.find((c) => c.toLowerCase() === lower);
	if (exact) return exact;
	const limit = Math.max(2, Math.floor(word.length / 3));
	let best: string | undefined;
	let bestDistance = limit + 1;
	for (const candidate of candidates) {
		const d = editDistance(lower, candidate.toLowerCase());
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return best;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d = Array.from({ length: rows }, (_, i) => {
		const row = new Array<number>(cols).fill(0);
		row[0] = i;
		return row;
	});
	for (let j = 0; j < cols; j++) d[0]![j] = j;
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
			d[i]![j] = v;
		}
	}
	return d[a.length]![b.length]!;
}
