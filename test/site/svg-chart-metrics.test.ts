import { describe, expect, it } from 'vitest';
import { svgChartMetrics } from '../../src/components/run/svg-chart-metrics.ts';

describe('svgChartMetrics', () => {
	const keys = ['acc', 'train_loss', 'lr', 'val_accuracy', 'loss', 'val_loss', 'epoch_time'];

	it('takes the primary metric, then held-out, then loss-like metrics, then the others by name', () => {
		expect(svgChartMetrics(keys, 'acc', 10)).toEqual(['acc', 'val_loss', 'val_accuracy', 'loss', 'train_loss', 'epoch_time', 'lr']);
		expect(svgChartMetrics(keys, null, 3)).toEqual(['val_loss', 'val_accuracy', 'loss']);
	});

	it('gives at most `max`, none for 0, and ignores a primary metric the run did not chart', () => {
		expect(svgChartMetrics(keys, 'val_accuracy', 1)).toEqual(['val_accuracy']);
		expect(svgChartMetrics(keys, 'f1', 1)).toEqual(['val_loss']);
		expect(svgChartMetrics(keys, 'acc', 0)).toEqual([]);
		expect(svgChartMetrics([], 'acc', 3)).toEqual([]);
	});
});
