import { describe, expect, it } from 'vitest';
import { groupRuns, metricColumns, varyingParams } from '../../src/lib/run-table.ts';
import type { Run } from '../../src/schemas/run.ts';

const summary = { last: 1, lastStep: 0, lastTimestamp: 0, min: 1, minStep: 0, max: 1, maxStep: 0, count: 1, nonFiniteCount: 0, firstStep: 0 };
function run(id: string, over: Partial<Run> = {}): Run {
	return {
		id,
		experimentId: '1',
		name: id,
		status: 'FINISHED',
		lifecycleStage: 'active',
		startTime: 0,
		endTime: 1,
		user: null,
		parentRunId: null,
		description: null,
		params: {},
		tags: {},
		metrics: {},
		inputs: [],
		loggedModelIds: [],
		artifacts: [],
		...over,
	};
}

describe('groupRuns', () => {
	it('lists top-level runs newest first, each followed by its children oldest first', () => {
		const rows = groupRuns([
			run('old', { startTime: 1 }),
			run('c2', { startTime: 30, parentRunId: 'p' }),
			run('p', { startTime: 10 }),
			run('c1', { startTime: 20, parentRunId: 'p' }),
			run('g', { startTime: 40, parentRunId: 'c1' }),
			run('orphan', { startTime: 5, parentRunId: 'missing' }),
		]);
		expect(rows.map((r) => `${r.run.id}:${r.depth}`)).toEqual(['p:0', 'c1:1', 'g:2', 'c2:1', 'orphan:0', 'old:0']);
	});

	it('shows every run once even when parents form a cycle', () => {
		const rows = groupRuns([run('a', { parentRunId: 'b' }), run('b', { parentRunId: 'a' })]);
		expect(rows.map((r) => r.run.id).sort()).toEqual(['a', 'b']);
	});
});

describe('varyingParams', () => {
	it('keeps the params whose values differ among the runs that log them', () => {
		const runs = [
			run('p', { params: { search: 'grid' } }),
			run('a', { params: { lr: '0.1', seed: '42', depth: '3' } }),
			run('b', { params: { lr: '0.01', seed: '42', depth: '4' } }),
		];
		expect(varyingParams(runs)).toEqual(['depth', 'lr']);
	});

	it('shows the first params of a single run, at most max', () => {
		const params = Object.fromEntries([...'abcdefgh'].map((k) => [k, '1']));
		expect(varyingParams([run('a', { params })], 3)).toEqual(['a', 'b', 'c']);
	});

	it('treats prototype-like keys as ordinary keys', () => {
		const runs = [run('a', { params: { ['__proto__']: '1', constructor: 'x' } }), run('b', { params: { constructor: 'y' } })];
		expect(varyingParams(runs)).toEqual(['constructor']);
	});
});

describe('metricColumns', () => {
	it('puts the primary metric first, then the most common keys', () => {
		const runs = [
			run('a', { metrics: { acc: summary, loss: summary, rare: summary } }),
			run('b', { metrics: { acc: summary, loss: summary } }),
		];
		expect(metricColumns(runs, 'loss')).toEqual(['loss', 'acc', 'rare']);
		expect(metricColumns(runs, 'absent', 2)).toEqual(['acc', 'loss']);
	});
});
