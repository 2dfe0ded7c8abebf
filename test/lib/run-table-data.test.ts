import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/lib/matches-filter.ts';
import {
	allColumns,
	cellValue,
	compareCells,
	parseColumn,
	sortRows,
	treeOrder,
} from '../../src/lib/run-table-columns.ts';
import { rowFields, runTableData, TABLE_TAG_OMIT } from '../../src/lib/run-table-data.ts';
import { csvCell, tableToCsv, tableToJson } from '../../src/lib/run-table-export.ts';
import { makeRun, summary } from './run-factory.ts';

const runs = [
	makeRun({
		id: 'p1',
		name: 'sweep',
		startTime: Date.UTC(2026, 0, 2, 3, 4, 5),
		endTime: Date.UTC(2026, 0, 2, 3, 5, 5),
		user: 'ada',
		params: { lr: '0.1', note: 'a, "quoted" value' },
		tags: { 'mlflow.note.content': 'long markdown', team: 'x'.repeat(201), owner: 'ada' },
		metrics: { loss: summary(0.5), acc: summary('NaN') },
	}),
	makeRun({
		id: 'c1',
		name: '=HYPERLINK("http://x")',
		parentRunId: 'p1',
		params: { lr: '1e-2' },
		metrics: { loss: summary(-0.25) },
		endTime: null,
	}),
	makeRun({
		id: 'c2',
		name: null,
		parentRunId: 'p1',
		status: 'FAILED',
		params: { lr: '0.05' },
		metrics: { loss: summary('Infinity') },
		inputs: [{ datasetId: 'd', name: 'iris', digest: 'abc', context: 'train' }],
	}),
	makeRun({ id: 'o1', name: 'orphan', parentRunId: 'missing', params: {}, metrics: {} }),
];
const data = runTableData(runs);

describe('runTableData', () => {
	it('is column-oriented with nulls for missing values', () => {
		expect(data.ids).toEqual(['p1', 'c1', 'c2', 'o1']);
		expect(data.params).toEqual({
			lr: ['0.1', '1e-2', '0.05', null],
			note: ['a, "quoted" value', null, null, null],
		});
		expect(data.metrics).toEqual({
			acc: ['NaN', null, null, null],
			loss: [0.5, -0.25, 'Infinity', null],
		});
		expect(data.duration).toEqual([60_000, null, 60_000, 60_000]);
		expect(data.datasets).toEqual([null, null, [['iris', 'abc', 'train']], null]);
	});

	it('leaves out long and omitted tags', () => {
		expect(TABLE_TAG_OMIT).toContain('mlflow.note.content');
		expect(Object.keys(data.tags)).toEqual(['owner']);
	});

	it('survives a JSON round trip', () => {
		expect(JSON.parse(JSON.stringify(data))).toEqual(data);
	});

	it('feeds the filter evaluator', () => {
		const pick = (f: string) => data.ids.filter((_, i) => compileFilter(f)(rowFields(data, i)));
		expect(pick('metrics.loss < 0.6')).toEqual(['p1', 'c1']);
		expect(pick('metrics.loss > 1')).toEqual(['c2']);
		expect(pick('metrics.acc != 1')).toEqual(['p1']);
		expect(pick("params.lr = '1e-2'")).toEqual(['c1']);
		expect(pick("tags.owner = 'ada'")).toEqual(['p1']);
		expect(pick("datasets.context = 'train'")).toEqual(['c2']);
		expect(pick(`attributes.end_time = ${Date.UTC(2026, 0, 2, 3, 5, 5)}`)).toEqual(['p1']);
		expect(pick("status = 'FAILED'")).toEqual(['c2']);
	});
});

describe('columns, sorting and grouping', () => {
	it('lists and splits column ids', () => {
		expect(allColumns(data)).toEqual([
			'name',
			'status',
			'start',
			'duration',
			'user',
			'params.lr',
			'params.note',
			'metrics.acc',
			'metrics.loss',
			'tags.owner',
		]);
		expect(parseColumn('tags.mlflow.user')).toEqual({ group: 'tags', key: 'mlflow.user' });
		expect(parseColumn('start')).toEqual({ group: 'attribute', key: 'start' });
		expect(cellValue(data, 'metrics.acc', 0)).toBeNaN();
		expect(cellValue(data, 'metrics.loss', 2)).toBe(Infinity);
	});

	it('compares numeric texts as numbers and puts missing values last', () => {
		expect(['0.1', '1e-2', '0.05', null, 'adam'].sort(compareCells)).toEqual([
			'1e-2',
			'0.05',
			'0.1',
			'adam',
			null,
		]);
	});

	it('sorts rows in both directions with missing values last', () => {
		expect(sortRows(data, [0, 1, 2, 3], 'metrics.loss', false)).toEqual([1, 0, 2, 3]);
		expect(sortRows(data, [0, 1, 2, 3], 'metrics.loss', true)).toEqual([2, 0, 1, 3]);
		expect(sortRows(data, [0, 1, 2, 3], 'params.lr', false)).toEqual([1, 2, 0, 3]);
		expect(sortRows(data, [0, 1, 2, 3], 'name', false)).toEqual([1, 3, 0, 2]);
	});

	it('puts children under a parent that is shown', () => {
		expect(treeOrder(data, [1, 3, 0, 2])).toEqual([
			{ index: 3, depth: 0 },
			{ index: 0, depth: 0 },
			{ index: 1, depth: 1 },
			{ index: 2, depth: 1 },
		]);
		expect(treeOrder(data, [1, 2])).toEqual([
			{ index: 1, depth: 0 },
			{ index: 2, depth: 0 },
		]);
	});

	it('ends parent cycles', () => {
		const cyclic = runTableData([
			makeRun({ id: 'a', parentRunId: 'b' }),
			makeRun({ id: 'b', parentRunId: 'a' }),
		]);
		expect(
			treeOrder(cyclic, [0, 1])
				.map((r) => r.index)
				.sort(),
		).toEqual([0, 1]);
	});
});

describe('CSV and JSON export', () => {
	it.each([
		[null, ''],
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		[' padded', '" padded"'],
		['=1+1', "'=1+1"],
		['+SUM(A1)', "'+SUM(A1)"],
		['-2+3+cmd|/C calc', "'-2+3+cmd|/C calc"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tTAB', "'\tTAB"],
		['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
		['-0.5', '-0.5'],
		['+1e-3', '+1e-3'],
		[-0.25, '-0.25'],
		[1e-7, '1e-7'],
	])('csvCell(%j) = %s', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	it('writes a header, CRLF lines and neutralised formulas', () => {
		const csv = tableToCsv(
			data,
			['name', 'start', 'duration', 'params.note', 'metrics.loss', 'metrics.acc'],
			[0, 1, 2],
		);
		expect(csv).toBe(
			'run_id,run_name,start_time,duration_s,params.note,metrics.loss,metrics.acc\r\n' +
				'p1,sweep,2026-01-02T03:04:05.000Z,60,"a, ""quoted"" value",0.5,NaN\r\n' +
				`c1,"'=HYPERLINK(""http://x"")",${new Date(runs[1]!.startTime!).toISOString()},,,-0.25,\r\n` +
				`c2,,${new Date(runs[2]!.startTime!).toISOString()},60,,Infinity,\r\n`,
		);
	});

	it('writes JSON objects per run, non-finite metrics as strings', () => {
		const json = JSON.parse(tableToJson(data, [0, 2]));
		expect(json).toEqual([
			{
				run_id: 'p1',
				run_name: 'sweep',
				experiment_id: '1',
				status: 'FINISHED',
				start_time: '2026-01-02T03:04:05.000Z',
				duration_s: 60,
				user: 'ada',
				parent_run_id: null,
				params: { lr: '0.1', note: 'a, "quoted" value' },
				metrics: { acc: 'NaN', loss: 0.5 },
				tags: { owner: 'ada' },
				datasets: [],
			},
			expect.objectContaining({
				run_id: 'c2',
				metrics: { loss: 'Infinity' },
				datasets: [{ name: 'iris', digest: 'abc', context: 'train' }],
			}),
		]);
	});
});
