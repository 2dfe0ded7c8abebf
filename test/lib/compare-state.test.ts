import { describe, expect, it } from 'vitest';
import { metricDeltas, paramKeys, VERDICT_MARK } from '../../src/lib/compare-deltas.ts';
import {
	compareHref,
	MAX_COMPARE,
	readCompareState,
	writeCompareState,
} from '../../src/lib/compare-state.ts';

describe('compare state', () => {
	it('reads runs, drops duplicates and blanks, caps at 20 and says how many it dropped', () => {
		const ids = Array.from({ length: 25 }, (_, i) => `r${i}`);
		const state = readCompareState(
			new URLSearchParams(`runs=${[' r0', 'r0', '', ...ids].join(',')}`),
		);
		expect(state.runs).toHaveLength(MAX_COMPARE);
		expect(state.runs[0]).toBe('r0');
		expect(state.dropped).toBe(5);
		expect(state.baseline).toBe('r0');
	});

	it('round-trips through the query string and leaves defaults out', () => {
		const state = {
			runs: ['a', 'b/c'],
			dropped: 0,
			baseline: 'b/c',
			onlyDiff: true,
			x: 'relative' as const,
			logY: true,
			smoothing: 0.6,
		};
		const query = writeCompareState(state, new URLSearchParams('utm=x'));
		expect(readCompareState(new URLSearchParams(query.toString()))).toEqual(state);
		expect(query.get('utm')).toBe('x');
		expect(
			writeCompareState({
				...state,
				baseline: 'a',
				onlyDiff: false,
				x: 'step',
				logY: false,
				smoothing: 0,
			}).toString(),
		).toBe('runs=a%2Cb%2Fc');
	});

	it('falls back to defaults for unknown values', () => {
		expect(
			readCompareState(new URLSearchParams('runs=a&baseline=zzz&x=bogus&smooth=7')),
		).toMatchObject({ baseline: 'a', x: 'step', smoothing: 0.99 });
		expect(readCompareState(new URLSearchParams('smooth=abc')).smoothing).toBe(0);
		expect(readCompareState(new URLSearchParams('')).baseline).toBeNull();
	});

	it('links to the compare page under the base', () => {
		expect(compareHref('/group/project/', ['a1', 'b 2'])).toBe(
			'/group/project/compare/?runs=a1,b%202',
		);
		expect(compareHref('/x', ['a'])).toBe('/x/compare/?runs=a');
	});
});

describe('metricDeltas', () => {
	it('colours by direction and handles missing values', () => {
		expect(metricDeltas([0.5, 0.4, 0.6, null, NaN, 0.5], 0, 'lower').map((d) => d.verdict)).toEqual(
			['same', 'better', 'worse', 'missing', 'missing', 'same'],
		);
		expect(metricDeltas([0.5, 0.4, 0.6], 0, 'higher').map((d) => d.verdict)).toEqual([
			'same',
			'worse',
			'better',
		]);
		const [, d] = metricDeltas([0.5, 0.4], 0, 'lower');
		expect(d!.delta).toBeCloseTo(-0.1);
		expect(d!.relative).toBeCloseTo(-0.2);
		expect(metricDeltas([0, 1], 0, 'higher')[1]).toEqual({
			value: 1,
			delta: 1,
			relative: null,
			verdict: 'better',
		});
		expect(metricDeltas([null, 1], 0, 'higher')[1]!.verdict).toBe('missing');
	});

	it('judges nothing when the direction is unknown (learning_rate +10316 % is no better)', () => {
		const deltas = metricDeltas([0.0001, 0.010416, 0.0001, null], 0, null);
		expect(deltas.map((d) => d.verdict)).toEqual(['same', 'changed', 'same', 'missing']);
		expect(deltas[1]!.relative).toBeCloseTo(103.16);
		expect(deltas.map((d) => VERDICT_MARK[d.verdict])).toEqual(['', '', '', '']);
		expect(metricDeltas([1, 2, 0], 0, 'higher').map((d) => VERDICT_MARK[d.verdict])).toEqual(['', '▲', '▼']);
	});
});

describe('paramKeys', () => {
	it('lists all params or only those that differ (a missing param differs)', () => {
		const params = [
			{ lr: '0.1', seed: '1', opt: 'adam' },
			{ lr: '0.1', seed: '2' },
			{ lr: '0.1', seed: '3', opt: 'adam' },
		];
		expect(paramKeys(params, false)).toEqual(['lr', 'opt', 'seed']);
		expect(paramKeys(params, true)).toEqual(['opt', 'seed']);
	});
});
