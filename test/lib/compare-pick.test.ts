import { describe, expect, it } from 'vitest';
import type { CompareIndex } from '../../src/client/compare-index.ts';
import { MAX_PICKS, pickRuns } from '../../src/lib/compare-pick.ts';
import { runTableData } from '../../src/lib/run-table-data.ts';
import { makeRun } from './run-factory.ts';

const run = (id: string, name: string, experimentId: string, params: Record<string, string>) => makeRun({ id, name, experimentId, params });

const runs = [
	run('3f2a9c0000000000000000000000000a', 'mlp-lr0.003', '1', { learning_rate: '0.003', activation: 'relu' }),
	run('3f2b000000000000000000000000000b', 'mlp-lr0.01', '1', { learning_rate: '0.01', activation: 'relu' }),
	run('77aa00000000000000000000000000cc', 'logreg', '2', { learning_rate: '0.05', solver: 'sgd' }),
];
const index: CompareIndex = {
	v: 1,
	experiments: { '1': { name: 'penguins-sweep', slug: 'team-a-penguins-sweep' }, '2': { name: 'comparison', slug: 'team-b-comparison' } },
	directions: {},
	runs: runTableData(runs, { includeTags: false }),
	images: runs.map(() => null),
};
const ids = (query: string, experiment: string | null = null) => pickRuns(index, query, experiment).rows.map((r) => index.runs.ids[r]!.slice(0, 4));

describe('pickRuns', () => {
	it('finds runs of every experiment and source by id prefix, name, param value and experiment', () => {
		expect(ids('')).toEqual(['3f2a', '3f2b', '77aa']);
		expect(ids('3F2A')).toEqual(['3f2a']);
		expect(ids('3f2')).toEqual(['3f2a', '3f2b']);
		expect(ids('logreg')).toEqual(['77aa']);
		expect(ids('0.003')).toEqual(['3f2a']);
		expect(ids('learning_rate=0.01')).toEqual(['3f2b']);
		expect(ids('relu 0.01')).toEqual(['3f2b']);
		expect(ids('team-b')).toEqual(['77aa']);
		expect(ids('relu', '2')).toEqual([]);
		expect(ids('', '1')).toEqual(['3f2a', '3f2b']);
	});

	it(`lists at most ${MAX_PICKS} runs and counts the rest`, () => {
		const many = Array.from({ length: MAX_PICKS + 7 }, (_, i) => run(i.toString(16).padStart(32, '0'), `r${i}`, '1', {}));
		const big: CompareIndex = { ...index, runs: runTableData(many, { includeTags: false }), images: many.map(() => null) };
		const { rows, total } = pickRuns(big, '', null);
		expect(rows).toHaveLength(MAX_PICKS);
		expect(total).toBe(MAX_PICKS + 7);
	});
});
