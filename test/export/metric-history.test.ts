import { describe, expect, it } from 'vitest';
import { RunMetricCollector } from '../../src/export/metric-history.ts';

const p = (key: string, step: number, timestamp: number, value: number) => ({ key, step, timestamp, value });

describe('RunMetricCollector', () => {
	it('summarises exactly: MLflow latest rule, min and max with their first steps, counts', () => {
		const c = new RunMetricCollector();
		// Out of order and interleaved, as a file store or a REST server may give them.
		for (const point of [
			p('loss', 2, 30, 0.5),
			p('acc', 0, 5, 0.1),
			p('loss', 0, 10, 1.0),
			p('loss', 1, 20, 0.25),
			p('loss', 3, 25, 0.25), // largest step wins "last" even with an older timestamp
			p('loss', 1, 40, NaN),
		]) c.add(point);
		const [acc, loss] = c.finish();
		expect(acc!.key).toBe('acc');
		expect(loss!.summary).toEqual({
			last: 0.25,
			lastStep: 3,
			lastTimestamp: 25,
			min: 0.25,
			minStep: 1,
			max: 1,
			maxStep: 0,
			count: 5,
			nonFiniteCount: 1,
			firstStep: 0,
		});
		// History order is (timestamp, step, value); non-finite points are kept out of the columns.
		expect(Array.from(loss!.timestamp)).toEqual([10, 20, 25, 30]);
		expect(Array.from(loss!.step)).toEqual([0, 1, 3, 2]);
		expect(loss!.maxTimestamp).toBe(40);
	});

	it('counts exact duplicates of (step, timestamp, value) once, NaN duplicates included', () => {
		const c = new RunMetricCollector();
		for (const point of [p('auc', 0, 1, 0.9), p('auc', 0, 1, 0.9), p('auc', 0, 1, 0.8), p('auc', 1, 2, NaN), p('auc', 1, 2, NaN)]) c.add(point);
		const [auc] = c.finish();
		expect(auc!.summary.count).toBe(3);
		expect(auc!.duplicates).toBe(2);
		expect(auc!.summary.nonFiniteCount).toBe(1);
		expect(Array.from(auc!.value)).toEqual([0.8, 0.9]);
	});

	it('reports a series of only non-finite values with null min and max and the infinity as last', () => {
		const c = new RunMetricCollector();
		c.add(p('x', 0, 1, NaN));
		c.add(p('x', 1, 2, Infinity));
		const [x] = c.finish();
		expect(x!.summary).toMatchObject({ last: 'Infinity', lastStep: 1, min: null, minStep: null, max: null, maxStep: null, count: 2, nonFiniteCount: 2 });
		expect(x!.value).toHaveLength(0);
	});

	it('handles a long history in typed columns', () => {
		const c = new RunMetricCollector();
		for (let i = 0; i < 200_000; i++) c.add(p('loss', i, i, 1 / (i + 1)));
		const [loss] = c.finish();
		expect(loss!.summary).toMatchObject({ count: 200_000, last: 1 / 200_000, max: 1, maxStep: 0, lastStep: 199_999 });
	});
});
