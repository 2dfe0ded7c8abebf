import { describe, expect, it } from 'vitest';
import { referenceLine, scanReportRefs } from '../../src/lib/scan-report-refs.ts';

const source = [
	'---',
	'title: T',
	'experiments: [penguins-sweep]',
	'---',
	'',
	'Text with a > sign and <b>html</b>.',
	'',
	'<MetricChart run="mlp" metric="val_loss" />',
	'<RunsTable',
	'\texperiment="penguins-sweep"',
	'\tfilter="metrics.val_accuracy > 0.95"',
	"\tcolumns={['params.lr', \"metrics.val_loss\"]}",
	'/>',
	"<RunComparison runs={['a', 'b']} metric='val_loss' logY />",
].join('\n');

describe('scanReportRefs', () => {
	it('reads string, quoted and expression attributes with the line each value is on', () => {
		expect(scanReportRefs(source)).toEqual([
			{ component: 'MetricChart', attribute: 'run', values: ['mlp'], line: 8 },
			{ component: 'MetricChart', attribute: 'metric', values: ['val_loss'], line: 8 },
			{ component: 'RunsTable', attribute: 'experiment', values: ['penguins-sweep'], line: 10 },
			{ component: 'RunsTable', attribute: 'filter', values: ['metrics.val_accuracy > 0.95'], line: 11 },
			{ component: 'RunsTable', attribute: 'columns', values: ['params.lr', 'metrics.val_loss'], line: 12 },
			{ component: 'RunComparison', attribute: 'runs', values: ['a', 'b'], line: 14 },
			{ component: 'RunComparison', attribute: 'metric', values: ['val_loss'], line: 14 },
			{ component: 'RunComparison', attribute: 'logY', values: [], line: 14 },
		]);
	});
});

describe('referenceLine', () => {
	it('finds the attribute of the component holding the value', () => {
		expect(referenceLine(source, 'RunsTable', 'experiment', 'penguins-sweep')).toBe(10);
		expect(referenceLine(source, 'RunComparison', 'runs', 'b')).toBe(14);
		expect(referenceLine(source, 'RunsTable', 'columns', 'metrics.val_loss')).toBe(12);
	});

	it('falls back to the first line holding the value, front matter included, then to line 1', () => {
		expect(referenceLine(source, 'experiments', '', 'penguins-sweep')).toBe(3);
		expect(referenceLine(source, 'X', 'y', 'absent')).toBe(1);
	});
});
