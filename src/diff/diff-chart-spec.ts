import type { TopLevelSpec } from 'vega-lite';
import { chartConfig } from '../charts/palette.ts';
import type { DeltaEnd } from '../schemas/diff.ts';
import type { DiffChart } from './diff-charts.ts';

/** A run's history of one metric, as the site's series files hold it. */
export interface HistoryLookup {
	(runId: string, metric: string): { step: readonly number[]; value: readonly number[] } | undefined;
}

/** Colours of before and after, readable on the white background of a merge-request comment. */
const SIDES = { before: '#8a8f98', after: '#3b82c4' } as const;

/**
 * The picture of one subject in the merge-request comment: one panel per tracked metric, the
 * history of the run before (grey) and after (blue) the change; a side whose run has no history
 * in the snapshot (a removed run) is drawn as a level line at its latest value. White
 * background and dark text: the PNG is shown in a comment, whatever its colour scheme.
 */
export function diffChartSpec(chart: DiffChart, history: HistoryLookup): TopLevelSpec {
	const rows: Record<string, string | number>[] = [];
	const label = (side: 'before' | 'after', end: DeltaEnd) =>
		`${side}: ${end.version !== null ? `v${end.version}, ` : ''}${end.runId === null ? 'no run' : `run ${end.runId.slice(0, 8)}`}`;
	const sides: string[] = [];
	for (const d of chart.deltas) {
		for (const [side, end] of [['before', d.base], ['after', d.head]] as const) {
			const name = label(side, end);
			if (!sides.includes(name)) sides.push(name);
			const series = end.runId === null ? undefined : history(end.runId, d.metric);
			if (series && series.step.length > 0) {
				series.step.forEach((step, i) => rows.push({ metric: d.metric, side: name, tone: side, kind: 'line', step, value: series.value[i]! }));
			} else if (end.value !== null) rows.push({ metric: d.metric, side: name, tone: side, kind: 'rule', value: end.value });
		}
	}
	const color = {
		field: 'side',
		type: 'nominal',
		title: null,
		scale: { domain: sides, range: sides.map((s) => (s.startsWith('before') ? SIDES.before : SIDES.after)) },
		legend: { orient: 'top', labelLimit: 280 },
	} as const;
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		title: { text: chart.subject, anchor: 'start', color: '#1f2328' },
		description: `${chart.subject}: each tracked metric before and after the change.`,
		config: { ...chartConfig, background: '#ffffff', axis: { ...chartConfig.axis, labelColor: '#1f2328', titleColor: '#1f2328' }, legend: { labelColor: '#1f2328' }, header: { labelColor: '#1f2328', labelFontWeight: 'bold' } },
		data: { values: rows },
		facet: { row: { field: 'metric', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
		spec: {
			width: 520,
			height: 130,
			layer: [
				{
					transform: [{ filter: "datum.kind === 'line'" }],
					mark: { type: 'line', strokeWidth: 2 },
					encoding: {
						x: { field: 'step', type: 'quantitative', title: 'step', axis: { format: '~s', tickMinStep: 1 } },
						y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false }, axis: { format: '~g' } },
						color,
					},
				},
				{
					transform: [{ filter: "datum.kind === 'rule'" }],
					mark: { type: 'rule', strokeWidth: 2, strokeDash: [6, 3] },
					encoding: { y: { field: 'value', type: 'quantitative' }, color },
				},
			],
		},
		resolve: { scale: { y: 'independent', x: 'independent' } },
	} as TopLevelSpec;
}
