import { describe, expect, it } from 'vitest';
import { jsonIsland } from '../../src/lib/json-island.ts';
import { runTableData } from '../../src/lib/run-table-data.ts';
import {
	DEFAULT_STATE,
	PAGE_SIZE,
	readTableState,
	tableView,
	writeTableState,
} from '../../src/lib/run-table-view.ts';
import { makeRun, summary } from './run-factory.ts';

describe('table state in the query string', () => {
	it('round-trips every field and omits defaults', () => {
		const state = {
			q: 'mlp',
			filter: "params.lr = '0.1'",
			sort: 'metrics.val_loss',
			desc: true,
			columns: ['name', 'tags.mlflow.user', 'metrics.a b'],
			page: 2,
			group: false,
			values: { val_loss: 'min' as const, 'test/accuracy': 'best' as const },
			onlyDiff: true,
			by: 'lr',
		};
		const query = writeTableState(state, new URLSearchParams('runs=keep'));
		expect(query.get('runs')).toBe('keep');
		expect(readTableState(new URLSearchParams(query.toString()))).toEqual(state);
		expect(writeTableState(DEFAULT_STATE).toString()).toBe('');
	});

	it('falls back to defaults on malformed values', () => {
		expect(readTableState(new URLSearchParams('page=abc&sort='))).toEqual(DEFAULT_STATE);
		expect(readTableState(new URLSearchParams('page=-4')).page).toBe(0);
		expect(readTableState(new URLSearchParams('value.loss=median&value.acc=last&by=')).values).toEqual({});
		expect(readTableState(new URLSearchParams('by=')).by).toBeNull();
	});
});

describe('tableView', () => {
	// 10,000 runs: one parent with 9,999 children, as a big sweep logs them.
	const runs = Array.from({ length: 10_000 }, (_, i) =>
		makeRun({
			id: `r${i}`,
			name: i === 0 ? 'sweep' : `trial-${i}`,
			parentRunId: i === 0 ? null : 'r0',
			params: { lr: String(i / 10_000) },
			metrics: { val_loss: summary(1 - i / 10_000) },
		}),
	);
	const data = runTableData(runs);

	it('never puts more than one page of rows on the page', () => {
		const view = tableView(data, DEFAULT_STATE);
		expect(view.rows).toHaveLength(10_000);
		expect(view.page).toHaveLength(PAGE_SIZE);
		expect(view.pageCount).toBe(100);
		expect(view.page[1]).toEqual({ index: 1, depth: 1 });
	});

	it('filters by text and expression, sorts, and clamps the page', () => {
		const view = tableView(data, {
			...DEFAULT_STATE,
			q: 'TRIAL-999',
			filter: 'metrics.val_loss < 0.01',
			sort: 'metrics.val_loss',
			page: 7,
		});
		expect(view.rows.map((r) => data.ids[r.index])).toEqual([
			'r9999',
			'r9998',
			'r9997',
			'r9996',
			'r9995',
			'r9994',
			'r9993',
			'r9992',
			'r9991',
			'r9990',
		]);
		expect(view.pageIndex).toBe(0);
		expect(view.error).toBeNull();
	});

	it('reports a bad expression and leaves it unapplied', () => {
		const view = tableView(data, { ...DEFAULT_STATE, filter: 'metrics.val_loss', group: false });
		expect(view.error?.position).toBe(17);
		expect(view.rows).toHaveLength(10_000);
	});
});

describe('jsonIsland', () => {
	it('cannot end its script element and parses back to the same value', () => {
		const value = {
			name: '</script><script>alert(1)</script>',
			note: '<!-- x -->',
			sep: '\u2028\u2029',
			n: 1.5,
		};
		const text = jsonIsland(value);
		expect(text).not.toMatch(/<\/?script|<!--/i);
		expect(text).not.toContain('<');
		expect(JSON.parse(text)).toEqual(value);
		expect(jsonIsland(undefined)).toBe('null');
	});
});
