import { describe, expect, it } from 'vitest';
import {
	aggregateFinalMetrics,
	aggregateHistories,
	groupBySeed,
	meanSd,
} from '../../src/lib/aggregate-seeds.ts';

describe('groupBySeed', () => {
	const runs = [
		{ id: 'a', params: { lr: '0.1', seed: '1' } },
		{ id: 'b', params: { lr: '0.1', seed: '2' } },
		{ id: 'c', params: { lr: '0.01', seed: '1' } },
		{ id: 'd', params: { seed: '3', lr: '0.1' } },
		{ id: 'e', params: { lr: '0.1' } },
		{ id: 'f', params: { lr: '0.01', random_state: '7' } },
		{ id: 'g', params: { lr: '0.5', random_seed: '1' } },
	];

	it('groups runs that differ only by a seed-like param', () => {
		expect(groupBySeed(runs)).toEqual([
			{ key: 'lr="0.1"', params: { lr: '0.1' }, runIds: ['a', 'b', 'd'], seeds: ['1', '2', '3'] },
			{ key: 'lr="0.01"', params: { lr: '0.01' }, runIds: ['c', 'f'], seeds: ['1', '7'] },
		]);
	});

	it('does not group runs that all logged the same seed (8 runs with seed=42 are no "4 seeds")', () => {
		const same = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, params: { activation: 'relu', lr: i < 4 ? '0.1' : '0.01', seed: '42' } }));
		expect(groupBySeed(same)).toEqual([]);
		// A repeat inside a real group stays a member: two seeds, three runs.
		const mixed = [...same.slice(0, 2), { id: 'z', params: { activation: 'relu', lr: '0.1', seed: '7' } }];
		expect(groupBySeed(mixed)).toEqual([
			{ key: 'activation="relu"\nlr="0.1"', params: { activation: 'relu', lr: '0.1' }, runIds: ['r0', 'r1', 'z'], seeds: ['42', '42', '7'] },
		]);
	});

	it('takes other seed names when asked', () => {
		expect(
			groupBySeed(
				[
					{ id: 'x', params: { s: '1' } },
					{ id: 'y', params: { s: '2' } },
				],
				['s'],
			),
		).toHaveLength(1);
		expect(
			groupBySeed([
				{ id: 'x', params: { s: '1' } },
				{ id: 'y', params: { s: '2' } },
			]),
		).toEqual([]);
	});
});

describe('meanSd', () => {
	it('uses the sample standard deviation and skips non-finite values', () => {
		expect(meanSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7), n: 8 });
		expect(meanSd([1, NaN, 3, Infinity])).toEqual({ mean: 2, sd: Math.SQRT2, n: 2 });
		expect(meanSd([4])).toEqual({ mean: 4, sd: 0, n: 1 });
		expect(meanSd([NaN])).toBeNull();
	});
});

describe('aggregateHistories', () => {
	it('computes mean ±1 sd per step', () => {
		const band = aggregateHistories([
			{ step: [0, 1, 2], value: [1, 2, 3] },
			{ step: [0, 1, 2], value: [3, 4, 5] },
		]);
		expect(band).toEqual([
			{ step: 0, mean: 2, sd: Math.SQRT2, n: 2, lower: 2 - Math.SQRT2, upper: 2 + Math.SQRT2 },
			{ step: 1, mean: 3, sd: Math.SQRT2, n: 2, lower: 3 - Math.SQRT2, upper: 3 + Math.SQRT2 },
			{ step: 2, mean: 4, sd: Math.SQRT2, n: 2, lower: 4 - Math.SQRT2, upper: 4 + Math.SQRT2 },
		]);
	});

	it('interpolates missing steps inside a history and never extrapolates', () => {
		const band = aggregateHistories([
			{ step: [0, 10], value: [0, 10] },
			{ step: [0, 5, 10, 20], value: [2, 4, 6, 8] },
		]);
		expect(band.map((p) => [p.step, p.mean, p.n])).toEqual([
			[0, 1, 2],
			[5, 4.5, 2],
			[10, 8, 2],
			[20, 8, 1],
		]);
	});

	it('sorts unsorted histories and keeps at most maxPoints steps, first and last included', () => {
		const long = {
			step: Array.from({ length: 101 }, (_, i) => 100 - i),
			value: Array.from({ length: 101 }, (_, i) => i),
		};
		const band = aggregateHistories([long, long], 11);
		expect(band).toHaveLength(11);
		expect(band[0]!.step).toBe(0);
		expect(band.at(-1)!.step).toBe(100);
		expect(band[0]).toMatchObject({ mean: 100, sd: 0 });
	});
});

describe('aggregateFinalMetrics', () => {
	it('aggregates each metric over the runs that logged it', () => {
		expect(
			aggregateFinalMetrics([
				{ acc: 0.8, loss: 0.5 },
				{ acc: 0.9, loss: null },
				{ acc: 1.0, loss: NaN },
			]),
		).toEqual({
			acc: { mean: 0.9, sd: expect.closeTo(0.1, 10), n: 3 },
			loss: { mean: 0.5, sd: 0, n: 1 },
		});
	});
});
