import { describe, expect, it } from 'vitest';
import { runTableData } from '../../src/lib/run-table-data.ts';
import { headerGroups } from '../../src/lib/run-table-header.ts';
import { metricCell, valueChoices } from '../../src/lib/run-table-values.ts';
import { differingColumns, readTableState, tableView } from '../../src/lib/run-table-view.ts';
import { groupByParam, meanSd } from '../../src/lib/run-table-groups.ts';
import { makeRun, summary } from './run-factory.ts';

// Three runs of a small sweep: val_loss falls then rises (min ≠ last), learning_rate is a metric
// and a param of the same name, epochs_completed is the same everywhere.
const runs = [
	makeRun({
		id: 'a',
		name: 'lr-0.1-s1',
		params: { learning_rate: '0.1', seed: '1', optimizer: 'adam' },
		metrics: {
			val_loss: summary(0.5, { min: 0.3, max: 0.9 }),
			learning_rate: summary(0.1, { min: 0.001, max: 0.1 }),
			epochs_completed: summary(10),
		},
	}),
	makeRun({
		id: 'b',
		name: 'lr-0.1-s2',
		params: { learning_rate: '0.1', seed: '2', optimizer: 'adam' },
		metrics: {
			val_loss: summary(0.4, { min: 0.35, max: 0.8 }),
			learning_rate: summary(0.1, { min: 0.001, max: 0.1 }),
			epochs_completed: summary(10),
		},
	}),
	makeRun({
		id: 'c',
		name: 'lr-0.01-s1',
		params: { learning_rate: '0.01', seed: '1', optimizer: 'adam' },
		metrics: {
			val_loss: summary(0.2, { min: 0.2, max: 0.7 }),
			learning_rate: summary(0.01, { min: 0.0001, max: 0.01 }),
			epochs_completed: summary(10),
		},
	}),
];
const data = runTableData(runs, { directions: { epochs_completed: 'higher' } });
const state = (query: string) => readTableState(new URLSearchParams(query));
const shown = (query: string) => tableView(data, state(query)).rows.map((r) => data.ids[r.index]);

describe('the value a metric column shows', () => {
	it('carries min, max and the known directions only', () => {
		expect(data.min!['val_loss']).toEqual([0.3, 0.35, 0.2]);
		expect(data.max!['learning_rate']).toEqual([0.1, 0.1, 0.01]);
		expect(data.directions).toEqual({ val_loss: 'lower', epochs_completed: 'higher' });
		expect(runTableData(runs, { includeRange: false }).min).toBeUndefined();
		// A metric whose min and max are its latest value in every run has no range to choose from.
		expect(Object.keys(data.min!)).toEqual(['learning_rate', 'val_loss']);
		expect(valueChoices(data, 'epochs_completed')).toEqual(['last']);
	});

	it('offers best only where the direction is known', () => {
		expect(valueChoices(data, 'val_loss')).toEqual(['last', 'min', 'max', 'best']);
		expect(valueChoices(data, 'learning_rate')).toEqual(['last', 'min', 'max']);
		expect(valueChoices(runTableData(runs, { includeRange: false }), 'val_loss')).toEqual(['last']);
	});

	it('reads last, min, max, and best as min for a lower-is-better metric', () => {
		expect([0, 1, 2].map((i) => metricCell(data, 'val_loss', i))).toEqual([0.5, 0.4, 0.2]);
		expect([0, 1, 2].map((i) => metricCell(data, 'val_loss', i, 'min'))).toEqual([0.3, 0.35, 0.2]);
		expect([0, 1, 2].map((i) => metricCell(data, 'val_loss', i, 'best'))).toEqual([0.3, 0.35, 0.2]);
		expect(metricCell(data, 'val_loss', 0, 'max')).toBe(0.9);
		// No direction, no best: the latest value stands.
		expect(metricCell(data, 'learning_rate', 2, 'best')).toBe(0.01);
	});

	it('sorts and filters by the chosen value', () => {
		expect(shown('sort=metrics.val_loss&flat=1')).toEqual(['c', 'b', 'a']);
		expect(shown('sort=metrics.val_loss&flat=1&value.val_loss=min')).toEqual(['c', 'a', 'b']);
		expect(shown('filter=metrics.val_loss < 0.32')).toEqual(['c']);
		expect(shown('filter=metrics.val_loss < 0.32&value.val_loss=best')).toEqual(['a', 'c']);
	});
});

describe('grouped headers', () => {
	it('puts the primary metric next to the run, metrics before params, and never mixes a param and a metric of one name', () => {
		const groups = headerGroups(
			['name', 'status', 'params.learning_rate', 'metrics.learning_rate', 'metrics.val_loss', 'tags.team', 'user'],
			'val_loss',
		);
		expect(groups.map((g) => [g.id, g.label, g.columns])).toEqual([
			['run', '', ['name']],
			['metrics', 'Metrics', ['metrics.val_loss', 'metrics.learning_rate']],
			['params', 'Params', ['params.learning_rate']],
			['tags', 'Tags', ['tags.team']],
			['info', 'Run info', ['status', 'user']],
		]);
	});
});

describe('only differences', () => {
	it('drops params, metrics and tags that are the same in every run, keeping run attributes', () => {
		const columns = ['name', 'status', 'params.optimizer', 'params.seed', 'metrics.epochs_completed', 'metrics.val_loss'];
		expect(differingColumns(data, columns)).toEqual(['name', 'status', 'params.seed', 'metrics.val_loss']);
		// The chosen value decides; a metric logged alike by every run is dropped.
		expect(differingColumns(data, ['metrics.learning_rate'], { learning_rate: 'max' })).toEqual(['metrics.learning_rate']);
		expect(differingColumns(runTableData(runs.slice(0, 2)), ['metrics.learning_rate'])).toEqual([]);
	});
});

describe('grouping by a param', () => {
	it('makes one row per value with the mean ± sd of each metric', () => {
		const view = tableView(data, state('by=learning_rate&sort=metrics.val_loss'));
		expect(view.groups!.map((g) => [g.value, g.indices.map((i) => data.ids[i])])).toEqual([
			['0.01', ['c']],
			['0.1', ['b', 'a']],
		]);
		const stats = meanSd(view.groups![1]!.indices.map((i) => metricCell(data, 'val_loss', i)));
		expect(stats!.mean).toBeCloseTo(0.45);
		expect(stats!.sd).toBeCloseTo(Math.SQRT1_2 * 0.1);
		expect(stats!.n).toBe(2);
		expect(meanSd([0.2, null, NaN])).toEqual({ mean: 0.2, sd: null, n: 1 });
		expect(meanSd([null])).toBeNull();
		expect(meanSd([0.0001, 0.0001, 0.0001])!.sd).toBe(0);
		// Sorting descending orders groups by their mean, worst first.
		const down = tableView(data, state('by=learning_rate&sort=-metrics.val_loss'));
		expect(down.groups!.map((g) => g.value)).toEqual(['0.1', '0.01']);
	});

	it('puts runs without the param in a last group', () => {
		const mixed = runTableData([...runs, makeRun({ id: 'd', metrics: { val_loss: summary(1) } })]);
		expect(groupByParam(mixed, [3, 0, 1, 2], 'optimizer').map((g) => [g.value, g.indices])).toEqual([
			['adam', [0, 1, 2]],
			[null, [3]],
		]);
	});
});
