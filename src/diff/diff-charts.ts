import { formatMetric } from '../lib/format-metric.ts';
import { segment } from '../lib/href.ts';
import { slugify } from '../lib/slug.ts';
import type { MetricDelta, SnapshotDiff } from '../schemas/diff.ts';

/** Where the merge-request charts are published in the preview site, under its base. */
export const DIFF_CHARTS_DIR = 'changes/charts';
/** Subjects charted at most; the others stay in the tables. */
export const MAX_DIFF_CHARTS = 12;

/** One picture of the merge-request comment: every tracked metric of one subject, before and after. */
export interface DiffChart {
	/** File name under DIFF_CHARTS_DIR, e.g. `1-penguins-classifier-champion.png`. */
	name: string;
	/** `penguins-classifier@champion`, `best run of penguins-mlp-sweep`. */
	subject: string;
	/** Site path of the subject's page (the alias, or the experiment), without base. */
	page: string | null;
	/** The subject's metric deltas, in the diff's order. */
	deltas: MetricDelta[];
}

/**
 * The charts of a diff: one per changed alias or best run that has metric deltas, in the order
 * of the diff's deltas, at most MAX_DIFF_CHARTS. Pure and derived from the diff alone, so the
 * comment (written before the site is built) and the site's chart route (which draws them)
 * agree on the names.
 */
export function diffCharts(diff: SnapshotDiff): DiffChart[] {
	const bySubject = new Map<string, MetricDelta[]>();
	for (const delta of diff.metricDeltas) {
		const key = `${delta.kind}\0${delta.subject}`;
		bySubject.set(key, [...(bySubject.get(key) ?? []), delta]);
	}
	return [...bySubject.values()].slice(0, MAX_DIFF_CHARTS).map((deltas, i) => {
		const first = deltas[0]!;
		const page =
			first.kind === 'alias' && first.modelSlug && first.alias
				? `models/${segment(first.modelSlug)}/@${segment(first.alias)}/`
				: first.experimentSlug
					? `experiments/${segment(first.experimentSlug)}/`
					: null;
		return { name: `${i + 1}-${slugify(first.subject, 60) || 'subject'}.png`, subject: first.subject, page, deltas };
	});
}

/** The text of a chart, for its `alt`: what it shows, readable when the picture does not load. */
export function diffChartAlt(chart: DiffChart): string {
	const moves = chart.deltas.map((d) => `${d.metric} ${formatMetric(d.base.value)} → ${formatMetric(d.head.value)} (${d.outcome})`);
	return `${chart.subject}, before and after: ${moves.join('; ')}`;
}
