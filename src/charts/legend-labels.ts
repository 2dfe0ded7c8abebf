/**
 * Legend labels that tell series apart. Sweep runs are named like `mlp-lr0.01-h32-l20-s1` and
 * `mlp-lr0.01-h32-l20.01-s1`: cut at the legend's width from the right they all read
 * `mlp-lr0.01-h32-l20…`. These labels keep the part that differs: the prefix and suffix every
 * label shares are dropped (at a separator, so `lr0.01` and `lr0.001` are never cut inside a
 * number), and what is still too long loses its middle, not its end. The full names stay in the
 * tooltips and data tables.
 */

/** Characters a shared prefix or suffix may end at: name separators, not digits or dots. */
const SEPARATOR = /[-_/ ,=:;|@()[\]]/;

/** Most characters of a legend label. @default in shortLegendLabels */
export const LEGEND_LABEL_CHARS = 26;

/** `text` shortened to `max` characters with `…` in the middle: both ends stay readable. */
export function middleEllipsis(text: string, max: number): string {
	const chars = [...text];
	if (chars.length <= max) return text;
	if (max <= 1) return '…';
	const head = Math.ceil((max - 1) / 2);
	const tail = max - 1 - head;
	return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

/** Length of the prefix all `texts` share, cut back to just after a separator (0 when none). */
function sharedPrefix(texts: readonly string[]): number {
	const first = texts[0]!;
	let n = 0;
	while (n < first.length && texts.every((t) => t[n] === first[n])) n++;
	// Back to the last separator inside the shared part, so the cut never splits a token.
	while (n > 0 && !SEPARATOR.test(first[n - 1]!)) n--;
	return n;
}

/** Length of the suffix all `texts` share, cut forward to start at a separator (0 when none). */
function sharedSuffix(texts: readonly string[]): number {
	const reversed = texts.map((t) => [...t].reverse().join(''));
	const first = reversed[0]!;
	let n = 0;
	while (n < first.length && reversed.every((t) => t[n] === first[n])) n++;
	while (n > 0 && !SEPARATOR.test(first[n - 1]!)) n--;
	return n;
}

/** What shortLegendLabels returns. */
export interface LegendLabels {
	/** One short label per input, in input order; distinct whenever the inputs are. */
	labels: string[];
	/** The prefix every input shared and the labels leave out ('' when none). */
	prefix: string;
	/** The suffix every input shared and the labels leave out ('' when none). */
	suffix: string;
}

/**
 * Short legend labels of distinct `names` (run names, group labels): the shared prefix and
 * suffix are dropped when at least two names remain different, then each label is cut to
 * `maxChars` with an ellipsis in the middle; labels that would then collide are cut less, and a
 * name that is short enough is never changed. One name is only cut to length.
 */
export function shortLegendLabels(names: readonly string[], maxChars = LEGEND_LABEL_CHARS): LegendLabels {
	if (names.length === 0) return { labels: [], prefix: '', suffix: '' };
	let prefix = 0;
	let suffix = 0;
	if (names.length >= 2 && new Set(names).size === names.length) {
		prefix = sharedPrefix(names);
		const rest = names.map((n) => n.slice(prefix));
		suffix = sharedSuffix(rest);
		// Nothing may be left empty: a name that is all prefix keeps it.
		if (rest.some((r) => r.length - suffix <= 0)) suffix = 0;
		if (rest.some((r) => r.length === 0)) prefix = 0;
	}
	const cores = names.map((n) => n.slice(prefix, n.length - suffix) || n);
	const labels = cores.map((core) => middleEllipsis(core, maxChars));
	// Cut labels that collide get longer until they differ (or are whole).
	for (let width = maxChars + 4; new Set(labels).size < labels.length; width += 4) {
		const counts = new Map<string, number>();
		for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
		let grew = false;
		labels.forEach((l, i) => {
			if (counts.get(l)! > 1 && l !== cores[i]) {
				labels[i] = middleEllipsis(cores[i]!, width);
				grew = true;
			}
		});
		if (!grew) break;
	}
	return {
		labels: new Set(labels).size === labels.length || new Set(names).size < names.length ? labels : [...names],
		prefix: names[0]!.slice(0, prefix),
		suffix: suffix > 0 ? names[0]!.slice(-suffix) : '',
	};
}

/**
 * The legend title of shortened labels: `title`, and what every label left out, e.g.
 * `run (mlp-…)`. Long shared parts are themselves cut in the middle.
 */
export function legendTitle(title: string, { prefix, suffix }: Pick<LegendLabels, 'prefix' | 'suffix'>): string {
	if (!prefix && !suffix) return title;
	return `${title} (${middleEllipsis(prefix, 20)}…${middleEllipsis(suffix, 12)})`;
}
