import { describe, expect, it } from 'vitest';
import {
	FilterExpressionError,
	likePattern,
	parseFilter,
} from '../../src/lib/filter-expression.ts';
import { compileFilter, matchesFilter, runFields } from '../../src/lib/matches-filter.ts';
import { makeRun, summary } from './run-factory.ts';

const runs = [
	makeRun({
		id: 'aaa111',
		name: 'mlp-small',
		status: 'FINISHED',
		user: 'ada',
		startTime: 1_700_000_000_000,
		params: { lr: '0.01', 'model-type': 'mlp', layers: '2', empty: '' },
		tags: { 'mlflow.user': 'ada', team: 'Vision' },
		metrics: { val_loss: summary(0.25), 'error rate': summary(0.1), acc: summary(0.9) },
		inputs: [{ datasetId: 'd1', name: 'iris', digest: 'abc123', context: 'train' }],
	}),
	makeRun({
		id: 'bbb222',
		name: 'MLP-large',
		status: 'FAILED',
		user: 'grace',
		startTime: 1_700_000_100_000,
		params: { lr: '1e-2', 'model-type': 'mlp', layers: '8' },
		tags: { 'mlflow.user': 'grace' },
		metrics: { val_loss: summary(0.35), acc: summary('NaN') },
	}),
	makeRun({
		id: 'ccc333',
		name: 'forest',
		status: 'RUNNING',
		startTime: 1_700_000_200_000,
		endTime: null,
		params: { lr: 'adaptive', 'model-type': 'rf' },
		tags: { team: 'vision' },
		metrics: { val_loss: summary(0.5) },
		inputs: [{ datasetId: 'd2', name: 'iris', digest: 'def456', context: null }],
	}),
];

/** Ids of the runs that match `filter`. */
const pick = (filter: string) =>
	runs.filter((run) => compileFilter(filter)(runFields(run))).map((run) => run.id);

describe('parseFilter: valid filters', () => {
	it.each([
		['', ['aaa111', 'bbb222', 'ccc333']],
		['   ', ['aaa111', 'bbb222', 'ccc333']],
		['metrics.val_loss < 0.3', ['aaa111']],
		['metrics.val_loss < 0.3 and params.lr = "0.01"', ['aaa111']],
		['metrics.val_loss<0.3 AND params.lr="0.01"', ['aaa111']],
		['metrics.val_loss >= 0.35', ['bbb222', 'ccc333']],
		['metrics.val_loss <= 0.35', ['aaa111', 'bbb222']],
		['metrics.val_loss > 2.5e-1', ['bbb222', 'ccc333']],
		['metrics.val_loss > .3', ['bbb222', 'ccc333']],
		['metrics.val_loss > -1E+2', ['aaa111', 'bbb222', 'ccc333']],
		['metrics.val_loss = 0.25', ['aaa111']],
		['metrics.val_loss != 0.25', ['bbb222', 'ccc333']],
		['metric.acc > 0.5', ['aaa111']],
		// NaN compares false except with != (Python semantics); a missing metric never matches.
		['metrics.acc != 0.9', ['bbb222']],
		['metrics."error rate" < 0.2', ['aaa111']],
		['metrics.`error rate` < 0.2', ['aaa111']],
		["params.lr = '0.01'", ['aaa111']],
		['params.lr != "0.01"', ['bbb222', 'ccc333']],
		['params."model-type" = "mlp"', ['aaa111', 'bbb222']],
		['param.`model-type` = "rf"', ['ccc333']],
		["params.empty = ''", ['aaa111']],
		["params.lr LIKE '0.%'", ['aaa111']],
		["params.lr ILIKE '%E-2'", ['bbb222']],
		// Beyond MLflow: numeric comparison of params that are numbers.
		['params.lr < 0.05', ['aaa111', 'bbb222']],
		['params.lr = 0.01', ['aaa111', 'bbb222']],
		['params.layers >= "4"', ['bbb222']],
		["params.layers IN ('2', '3')", ['aaa111']],
		["tags.`mlflow.user` = 'ada'", ['aaa111']],
		["tags.mlflow.user = 'grace'", ['bbb222']],
		["tags.team LIKE 'vision'", ['ccc333']],
		["tags.team ILIKE 'VISION'", ['aaa111', 'ccc333']],
		["attributes.status = 'FINISHED'", ['aaa111']],
		["status != 'FINISHED'", ['bbb222', 'ccc333']],
		["attributes.run_name LIKE '%mlp%'", ['aaa111']],
		["attributes.run_name ILIKE '%mlp%'", ['aaa111', 'bbb222']],
		["attributes.run_name LIKE 'f_rest'", ['ccc333']],
		["run.run_id IN ('aaa111', 'ccc333')", ['aaa111', 'ccc333']],
		["attributes.status NOT IN ('FAILED', 'RUNNING')", ['aaa111']],
		["attributes.status not  in ('FAILED')", ['aaa111', 'ccc333']],
		["attributes.user_id = 'grace'", ['bbb222']],
		['attributes.start_time > 1700000050000', ['bbb222', 'ccc333']],
		['created >= 1700000200000', ['ccc333']],
		['attributes.end_time > 0', ['aaa111', 'bbb222']],
		["`attributes`.`run name` = 'forest'", ['ccc333']],
		["datasets.name = 'iris'", ['aaa111', 'ccc333']],
		["datasets.digest IN ('def456')", ['ccc333']],
		["datasets.context = 'train'", ['aaa111']],
		["params.lr = 'it''s' and tags.x = \"a\\\"b\"", []],
	])('%s', (filter, expected) => {
		expect(pick(filter)).toEqual(expected);
	});

	it('keeps positions and normalises comparators and aliases', () => {
		expect(parseFilter('  metrics.x>1 and created < 2')).toMatchObject([
			{ type: 'metric', key: 'x', comparator: '>', value: 1, start: 2, end: 13 },
			{ type: 'attribute', key: 'start_time', comparator: '<', value: 2, start: 18 },
		]);
		expect(parseFilter("params.a not in ('x')")[0]).toMatchObject({
			comparator: 'NOT IN',
			value: ['x'],
		});
		expect(parseFilter("params.a = 'it''s'")[0]!.value).toBe("it's");
		expect(parseFilter("params.a = 'it\\'s'")[0]!.value).toBe("it's");
	});

	it('escapes regular-expression characters in LIKE patterns', () => {
		expect(likePattern('a.b%', false).test('a.bcd')).toBe(true);
		expect(likePattern('a.b%', false).test('axbcd')).toBe(false);
		expect(likePattern('(x)_', true).test('(X)1')).toBe(true);
		expect(likePattern('line%', false).test('line1\nline2')).toBe(true);
	});
});

describe('parseFilter: bad filters', () => {
	it('names the position of a missing operator', () => {
		expect(() => parseFilter('metrics.val_loss')).toThrowErrorMatchingInlineSnapshot(
			`[FilterExpressionError: Expected a comparison operator after "metrics.val_loss" at position 17]`,
		);
	});

	it.each([
		['metrics.val_loss 0.3', 18, /comparison operator after "metrics.val_loss"/],
		['metrics.val_loss <', 19, /Expected a number to compare metrics.val_loss with/],
		["metrics.val_loss < '0.3'", 20, /Expected a number .* found "'0.3'"/],
		['metrics.val_loss < 0.3abc', 20, /Expected a number/],
		[
			'metrics.val_loss LIKE 0.3',
			18,
			/operator LIKE cannot compare metrics.val_loss; use =, !=, <, <=, > or >=/,
		],
		['metrics.val_loss == 0.3', 19, /Expected a number/],
		['params.lr = 0.01 or metrics.x > 1', 18, /OR is not supported/],
		[
			'params.lr = 0.01 metrics.x > 1',
			18,
			/Expected "and" or the end of the filter, found "metrics.x"/,
		],
		['params.lr = 0.01 and', 21, /Expected a comparison after "and"/],
		['params.lr = 0.01 and ', 22, /Expected a comparison after "and"/],
		[
			'params.lr = adam',
			13,
			/Expected a quoted string to compare params.lr with, e.g. params.lr = 'value', found "adam"/,
		],
		['params.lr LIKE 3', 16, /quoted string/],
		["params.lr < 'adam'", 13, /Expected a number to compare params.lr/],
		[
			"foo.bar = 'x'",
			1,
			/Unknown kind "foo"; use metrics\., params\., tags\., attributes\. or datasets\./,
		],
		[
			"colour = 'x'",
			1,
			/Unknown attribute "colour"; use run_id, run_name, status, user_id, start_time or end_time/,
		],
		["attributes.lifecycle_stage = 'x'", 1, /Unknown attribute "lifecycle_stage"/],
		["datasets.size = 'x'", 1, /Unknown dataset field "size"; use name, digest or context/],
		["attributes.start_time = '2024'", 25, /Expected a number to compare attributes.start_time/],
		["attributes.status < 'x'", 19, /operator < cannot compare attributes.status/],
		['metrics. < 2', 9, /Expected a key after "metrics."/],
		["tags.x = 'open", 10, /Unterminated ' quote/],
		['tags.`open = 1', 6, /Unterminated ` quote/],
		["status IN 'A'", 11, /Expected "\(" after IN/],
		["status IN ('A' 'B')", 16, /Expected "," or "\)" in the list, found "'B'\)"/],
		["status IN ('A',)", 16, /Expected a quoted value in the list/],
		['= 3', 1, /Expected a name such as metrics.val_loss, found "="/],
		['(metrics.x > 1)', 1, /Expected a name/],
	])('%s → position %i', (filter, position, message) => {
		let error: unknown;
		try {
			parseFilter(filter);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(FilterExpressionError);
		const { message: text, position: at, start, end } = error as FilterExpressionError;
		expect(text).toMatch(message);
		expect(text.endsWith(` at position ${position}`)).toBe(true);
		expect(at).toBe(position);
		expect(end).toBeGreaterThanOrEqual(start);
	});
});

describe('matchesFilter', () => {
	it('accepts any RunFields implementation and ANDs clauses', () => {
		const fields = {
			metric: (key: string) => ({ loss: 0.1 })[key],
			param: () => undefined,
			tag: () => undefined,
			attribute: (key: string) => ({ status: 'FINISHED' })[key],
			datasets: () => [],
		};
		expect(matchesFilter(fields, parseFilter("metrics.loss < 1 and status = 'FINISHED'"))).toBe(
			true,
		);
		expect(matchesFilter(fields, parseFilter("metrics.loss < 1 and status = 'FAILED'"))).toBe(
			false,
		);
		expect(matchesFilter(fields, parseFilter("params.x != 'y'"))).toBe(false);
	});
});
