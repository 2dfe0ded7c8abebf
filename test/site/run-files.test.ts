import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFileResponse, writeRunFiles } from '../../src/integration/run-files.ts';
import { historyCsv } from '../../src/lib/history-csv.ts';

const temp = mkdtempSync(join(tmpdir(), 'mlpages-run-files-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const history = {
	runId: 'aaa',
	maxPoints: 1000,
	metrics: { '=loss,x': { step: [0, 1], timestamp: [10, 20], value: [0.5, 0.25] }, acc: { step: [3], timestamp: [30], value: [1] } },
};

/** A snapshot with runs aaa (series and history), bbb (nothing) and ccc (no page). */
function snapshot(name: string) {
	const content = join(temp, name, 'content');
	const out = join(temp, name, 'dist');
	const cache = join(temp, name, 'cache');
	mkdirSync(join(content, 'series'), { recursive: true });
	mkdirSync(join(content, 'histories'), { recursive: true });
	for (const id of ['aaa', 'ccc']) {
		writeFileSync(join(content, 'series', `${id}.json`), `{"runId": "${id}", "maxPoints": 1000, "metrics": {}}\n`);
		writeFileSync(join(content, 'histories', `${id}.json`), JSON.stringify({ ...history, runId: id }, null, 2));
	}
	for (const id of ['aaa', 'bbb']) {
		mkdirSync(join(out, 'runs', id), { recursive: true });
		writeFileSync(join(out, 'runs', id, 'index.html'), '<p>run</p>');
	}
	return { content, out, cache };
}

describe('historyCsv', () => {
	it('writes one row per point and defuses formula-like metric names', () => {
		expect(historyCsv(history)).toBe("metric,step,timestamp,value\n\"'=loss,x\",0,10,0.5\n\"'=loss,x\",1,20,0.25\nacc,3,30,1\n");
	});
});

describe('writeRunFiles', () => {
	it('writes the series, history JSON and CSV of the runs that have pages', async () => {
		const { content, out, cache } = snapshot('write');
		expect(await writeRunFiles(content, out, { cacheDir: cache })).toBe(2);
		expect(readdirSync(join(out, 'compare', 'series')).sort()).toEqual(['aaa.json', 'bbb.json']);
		expect(readFileSync(join(out, 'compare/series/aaa.json'), 'utf8')).toBe(readFileSync(join(content, 'series/aaa.json'), 'utf8'));
		expect(JSON.parse(readFileSync(join(out, 'compare/series/bbb.json'), 'utf8'))).toEqual({ runId: 'bbb', maxPoints: 0, metrics: {} });
		expect(readFileSync(join(out, 'runs/aaa/history.json'), 'utf8')).toBe(readFileSync(join(content, 'histories/aaa.json'), 'utf8'));
		expect(readFileSync(join(out, 'runs/aaa/history.csv'), 'utf8')).toBe(historyCsv(history));
		expect(readdirSync(join(out, 'runs', 'bbb'))).toEqual(['index.html']);
		expect(readdirSync(join(out, 'runs'))).not.toContain('ccc');
	});

	it('serves an unchanged history from the CSV cache, and makes a changed one again', async () => {
		const { content, out, cache } = snapshot('cache');
		await writeRunFiles(content, out, { cacheDir: cache });
		const [cached] = readdirSync(cache);
		writeFileSync(join(cache, cached!), 'from the cache\n');
		await writeRunFiles(content, out, { cacheDir: cache });
		expect(readFileSync(join(out, 'runs/aaa/history.csv'), 'utf8')).toBe('from the cache\n');
		const changed = { ...history, metrics: { acc: history.metrics.acc } };
		writeFileSync(join(content, 'histories', 'aaa.json'), JSON.stringify(changed));
		await writeRunFiles(content, out, { cacheDir: cache });
		expect(readFileSync(join(out, 'runs/aaa/history.csv'), 'utf8')).toBe(historyCsv(changed));
	});

	it('fails naming a history file that is not a metric history', async () => {
		const { content, out } = snapshot('broken');
		writeFileSync(join(content, 'histories', 'aaa.json'), '{"runId": "aaa", "maxPoints": 1000, "metrics": {"m": {"step": ["x"]}}}');
		await expect(writeRunFiles(content, out, { cacheDir: false })).rejects.toThrow(
			`${join(content, 'histories', 'aaa.json')}: metrics.m.step is not a list of integers`,
		);
	});

	it('writes nothing for a site without run pages', async () => {
		const out = join(temp, 'empty');
		mkdirSync(out);
		expect(await writeRunFiles(join(temp, 'nowhere'), out)).toBe(0);
		expect(readdirSync(out)).toEqual([]);
	});
});

describe('runFileResponse (dev server)', () => {
	it('answers with the bytes the build writes, and null for anything else', () => {
		const { content, cache } = snapshot('dev');
		const options = { cacheDir: cache };
		expect(runFileResponse(content, 'compare/series/aaa.json', options)?.body).toBe(readFileSync(join(content, 'series/aaa.json'), 'utf8'));
		expect(JSON.parse(runFileResponse(content, 'compare/series/bbb.json', options)!.body)).toEqual({ runId: 'bbb', maxPoints: 0, metrics: {} });
		expect(runFileResponse(content, 'runs/aaa/history.json', options)).toEqual({
			body: readFileSync(join(content, 'histories/aaa.json'), 'utf8'),
			type: 'application/json',
		});
		expect(runFileResponse(content, 'runs/aaa/history.csv', options)).toEqual({ body: historyCsv(history), type: 'text/csv' });
		expect(runFileResponse(content, 'runs/bbb/history.csv', options)).toBeNull();
		expect(runFileResponse(content, 'runs/..%2Fx/history.json', options)).toBeNull();
		expect(runFileResponse(content, 'runs/aaa/', options)).toBeNull();
	});
});
