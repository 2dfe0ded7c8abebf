import { describe, expect, it } from 'vitest';
import { diffChartSpec } from '../../src/diff/diff-chart-spec.ts';
import { diffChartAlt, diffCharts, MAX_DIFF_CHARTS } from '../../src/diff/diff-charts.ts';
import { diffSnapshots } from '../../src/diff/diff-snapshots.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { SnapshotDiffSchema, type MetricDelta, type SnapshotDiff } from '../../src/schemas/diff.ts';
import { compileMessages, schemaErrors } from '../charts/compile-spec.ts';
import { fixture } from './helpers.ts';

const diff = async () => {
	const [base, head] = await Promise.all([fixture('base'), fixture('head')]);
	return SnapshotDiffSchema.parse(diffSnapshots(base, head, MlpagesConfigSchema.parse({})));
};

describe('diffCharts', () => {
	it('gives each subject with metric deltas one chart, named from the diff alone, linked to its page', async () => {
		const charts = diffCharts(await diff());
		expect(charts.map((c) => [c.name, c.subject, c.page, c.deltas.length])).toEqual([
			['1-penguins-classifier-champion.png', 'penguins-classifier@champion', 'models/penguins-classifier/@champion/', 1],
			['2-best-run-of-penguins.png', 'best run of penguins', 'experiments/penguins/', 1],
		]);
		expect(diffChartAlt(charts[0]!)).toBe('penguins-classifier@champion, before and after: val_loss 0.1203 → 0.0876 (better)');
	});

	it(`charts at most ${MAX_DIFF_CHARTS} subjects`, async () => {
		const one = (await diff()).metricDeltas[0]!;
		const many = Array.from({ length: 20 }, (_, i): MetricDelta => ({ ...one, subject: `model-${i}@champion` }));
		expect(diffCharts({ metricDeltas: many } as SnapshotDiff)).toHaveLength(MAX_DIFF_CHARTS);
	});
});

describe('diffChartSpec', () => {
	it("draws each side's history, or a level line where the run has none, as a valid Vega-Lite spec", async () => {
		const [chart] = diffCharts(await diff());
		const { base, head } = chart!.deltas[0]!;
		const spec = diffChartSpec(chart!, (runId) => (runId === head.runId ? { step: [0, 1, 2], value: [0.3, 0.1, 0.0876] } : undefined));
		expect(compileMessages(spec)).toEqual([]);
		expect(schemaErrors(spec)).toEqual([]);
		const rows = (spec as { data: { values: Record<string, unknown>[] } }).data.values;
		expect(rows.filter((r) => r['kind'] === 'line').map((r) => r['value'])).toEqual([0.3, 0.1, 0.0876]);
		expect(rows.filter((r) => r['kind'] === 'rule')).toEqual([{ metric: 'val_loss', side: `before: v${base.version}, run ${base.runId!.slice(0, 8)}`, tone: 'before', kind: 'rule', value: base.value }]);
	});
});
