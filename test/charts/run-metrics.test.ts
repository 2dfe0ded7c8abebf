import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { runMetricsSpec, splitMetricGroups, valuesAtSteps } from '../../src/charts/run-metrics.ts';
import { compileMessages, schemaErrors } from './compile-spec.ts';

const series = (step: number[], value: number[]) => ({ step, timestamp: step.map((s) => 1_700_000_000_000 + s * 1000), value });
const rows = (spec: TopLevelSpec) => (spec as { data: { values: { run: string; x: number[]; value: number[] }[] } }).data.values;

async function clean(spec: TopLevelSpec) {
	expect(compileMessages(spec)).toEqual([]);
	expect(schemaErrors(spec)).toEqual([]);
	const messages: string[] = [];
	const svg = await renderSvg(spec, { cacheDir: false, onMessage: (_l, m) => messages.push(m) });
	expect(messages).toEqual([]);
	return svg;
}

describe('runMetricsSpec', () => {
	const train = series([0, 1, 2, 3], [1.0, 0.6, 0.4, 0.3]);
	const val = series([0, 1, 2, 3], [1.1, 0.8, 0.7, 0.72]);

	it('draws train and validation loss of a run on one chart, one coloured line each', async () => {
		const spec = runMetricsSpec({ lines: [{ metric: 'train_loss', series: train }, { metric: 'val_loss', series: val }] });
		const svg = await clean(spec);
		expect(rows(spec).map((r) => r.run)).toEqual(['train_loss', 'val_loss']);
		expect(spec.title).toBe('train_loss vs val_loss');
		// Both names in the legend, two line paths.
		expect(svg).toContain('>train_loss</text>');
		expect(svg).toContain('>val_loss</text>');
	});

	it('puts another metric on the x axis, matched by step (interpolated between logged steps)', async () => {
		const epoch = { step: [0, 2], value: [1, 2] };
		const spec = runMetricsSpec({ lines: [{ metric: 'val_loss', series: val }], x: { metric: 'epoch', series: epoch } });
		await clean(spec);
		expect(rows(spec)[0]!.x).toEqual([1, 1.5, 2]);
		// Step 3 is after epoch's last step: no x, not drawn.
		expect(rows(spec)[0]!.value).toEqual([1.1, 0.8, 0.7]);
		expect(spec.description).toContain('against epoch');
	});

	it('smooths and log-scales, leaving out what a log axis cannot show', async () => {
		const spec = runMetricsSpec({ lines: [{ metric: 'm', series: series([0, 1, 2], [0, 1, 2]) }], logY: true, smoothing: 0.5, title: null });
		await clean(spec);
		expect(rows(spec)[0]!.value.every((v) => v > 0)).toBe(true);
		expect(spec.title).toBeUndefined();
	});
});

describe('valuesAtSteps', () => {
	it('is exact at logged steps, linear between, null outside', () => {
		expect(valuesAtSteps({ step: [10, 0, 20], value: [5, 0, 10] }, [-1, 0, 5, 10, 15, 20, 21])).toEqual([null, 0, 2.5, 5, 7.5, 10, null]);
	});
});

describe('splitMetricGroups', () => {
	it('pairs the splits of one quantity, in the order of their first key', () => {
		expect(splitMetricGroups(['val_loss', 'train_loss', 'val_accuracy', 'train_accuracy', 'learning_rate', 'loss/train', 'loss/val', 'val_f1_macro'])).toEqual([
			{ name: 'loss', metrics: ['loss/train', 'loss/val', 'train_loss', 'val_loss'] },
			{ name: 'accuracy', metrics: ['train_accuracy', 'val_accuracy'] },
		]);
	});
});
