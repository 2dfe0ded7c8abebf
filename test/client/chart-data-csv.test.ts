import { describe, expect, it } from 'vitest';
import { chartDataCsv, chartFileName } from '../../src/client/chart-data-csv.ts';
import { runMetricSpec } from '../../src/charts/metric-history.ts';

describe('chartDataCsv', () => {
	it("expands a run chart's compact columns into one row per point", () => {
		const spec = runMetricSpec({ metric: 'val_loss', series: { step: [0, 1, 2], timestamp: [1000, 2000, 3000], value: [0.5, 0.25, 0.125] } });
		expect(chartDataCsv(spec)).toBe('s,t,v\n0,0,0.5\n1,1000,0.25\n2,2000,0.125\n');
	});

	it('names each dataset of a spec with several, and quotes and defuses text', () => {
		const spec = {
			datasets: { runs: [{ run: 'a, "b"', loss: 1 }] },
			layer: [{ data: { values: [{ run: '=cmd()', loss: null }] } }],
		};
		expect(chartDataCsv(spec)).toBe('dataset,run,loss\nruns,"a, ""b""",1\nlayer1,\'=cmd(),\n');
	});
});

describe('chartFileName', () => {
	it('keeps letters, digits, dots, dashes and underscores', () => {
		expect(chartFileName('val_loss by step')).toBe('val_loss-by-step');
		expect(chartFileName('../ <script>')).toBe('script');
		expect(chartFileName('')).toBe('chart');
	});
});
