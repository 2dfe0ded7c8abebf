import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFileResponse, seriesShardText, writeRunFiles } from '../../src/integration/run-files.ts';
import { historyCsv } from '../../src/lib/history-csv.ts';
import { RUN_DATA_DIR, runShardKey } from '../../src/lib/run-data-shard.ts';
import { seriesWithoutCharts } from '../../src/messages.ts';
import { seriesFromShard, seriesShardName } from '../../src/lib/series-shard.ts';

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
	return { content, out };
}

describe('historyCsv', () => {
	it('writes one row per point and defuses formula-like metric names', () => {
		expect(historyCsv(history)).toBe("metric,step,timestamp,value\n\"'=loss,x\",0,10,0.5\n\"'=loss,x\",1,20,0.25\nacc,3,30,1\n");
	});
});

describe('writeRunFiles', () => {
	it('writes the series and the history JSON of the runs that have pages, and no CSV (the browser makes it)', async () => {
		const { content, out } = snapshot('write');
		const told: string[] = [];
		expect(await writeRunFiles(content, out, (file) => told.push(file))).toBe(2);
		// Each file it wrote, once, for the secret scan to read at once.
		expect(told.sort()).toEqual([join(out, 'compare/series/aaa.json'), join(out, 'compare/series/bbb.json'), join(out, 'runs/aaa/history.json')]);
		expect(readdirSync(join(out, 'compare', 'series')).sort()).toEqual(['aaa.json', 'bbb.json']);
		expect(readFileSync(join(out, 'compare/series/aaa.json'), 'utf8')).toBe(readFileSync(join(content, 'series/aaa.json'), 'utf8'));
		expect(JSON.parse(readFileSync(join(out, 'compare/series/bbb.json'), 'utf8'))).toEqual({ runId: 'bbb', maxPoints: 0, metrics: {} });
		expect(readdirSync(join(out, 'runs', 'aaa')).sort()).toEqual(['history.json', 'index.html']);
		expect(readFileSync(join(out, 'runs/aaa/history.json'), 'utf8')).toBe(readFileSync(join(content, 'histories/aaa.json'), 'utf8'));
		expect(readdirSync(join(out, 'runs', 'bbb'))).toEqual(['index.html']);
		expect(readdirSync(join(out, 'runs'))).not.toContain('ccc');
	});

	it('publishes a history that is its series byte for byte once, as the series', async () => {
		const { content, out } = snapshot('same');
		writeFileSync(join(content, 'series', 'aaa.json'), readFileSync(join(content, 'histories', 'aaa.json')));
		await writeRunFiles(content, out);
		expect(readdirSync(join(out, 'runs', 'aaa'))).toEqual(['index.html']);
		expect(readFileSync(join(out, 'compare/series/aaa.json'), 'utf8')).toBe(readFileSync(join(content, 'histories/aaa.json'), 'utf8'));
	});

	it('with run pages as a shell, writes the series of the runs of each data shard into one series shard beside it, and the histories that differ', async () => {
		const { content, out } = snapshot('shell');
		rmSync(join(out, 'runs'), { recursive: true });
		const encoded = { runId: 'ccc', maxPoints: 1000, digest: 'd1', metrics: { loss: { step: { start: 0, delta: 1 }, timestamp: { start: 1700000000000, deltas: [5, 7] }, value: [0.5, 0.25, 0.125] } } };
		writeFileSync(join(content, 'series', 'ccc.json'), JSON.stringify(encoded, null, 2));
		// Data shards as the build writes them: aaa and ccc, and bbb, which has no series file.
		const ids = ['aaa', 'bbb', 'ccc'];
		mkdirSync(join(out, RUN_DATA_DIR), { recursive: true });
		for (const key of new Set(ids.map(runShardKey))) {
			const runs = Object.fromEntries(ids.filter((id) => runShardKey(id) === key).map((id) => [id, { name: id, status: 'FINISHED', experimentId: '1' }]));
			writeFileSync(join(out, RUN_DATA_DIR, `${key}.json`), JSON.stringify({ v: 1, runs }));
		}
		const told: string[] = [];
		expect(await writeRunFiles(content, out, (file) => told.push(file))).toBe(3);
		expect(existsSync(join(out, 'compare', 'series'))).toBe(false);
		expect(told.sort()).toEqual([...new Set(ids.map(runShardKey))].map((key) => join(out, RUN_DATA_DIR, seriesShardName(key))).concat(join(out, 'runs/aaa/history.json'), join(out, 'runs/ccc/history.json')).sort());
		const shardOf = (id: string) => JSON.parse(readFileSync(join(out, RUN_DATA_DIR, seriesShardName(runShardKey(id))), 'utf8'));
		// Columns as the series file writes them, by position, no digest; values exact.
		expect(shardOf('ccc').runs['ccc']).toEqual({ maxPoints: 1000, metrics: { loss: [{ start: 0, delta: 1 }, { start: 1700000000000, deltas: [5, 7] }, [0.5, 0.25, 0.125]] } });
		expect(seriesFromShard(shardOf('bbb'), 'bbb')).toEqual({ runId: 'bbb', maxPoints: 0, metrics: {} });
		expect(seriesFromShard(shardOf('aaa'), 'aaa')).toEqual({ runId: 'aaa', maxPoints: 1000, metrics: {} });
		// aaa's and ccc's histories differ from their series: their own files, as with static pages.
		expect(readFileSync(join(out, 'runs/aaa/history.json'), 'utf8')).toBe(readFileSync(join(content, 'histories/aaa.json'), 'utf8'));
		expect(existsSync(join(out, 'runs/bbb'))).toBe(false);
	});

	it('gives a run whose series file is not one an empty entry in its series shard, and says so', () => {
		const { content } = snapshot('bad-series');
		const file = join(content, 'series', 'aaa.json');
		writeFileSync(file, '{"runId": "aaa", "metrics"');
		const warnings: string[] = [];
		const shard = JSON.parse(seriesShardText(content, ['aaa', 'ccc'], (m) => warnings.push(m)));
		expect(shard.runs.aaa).toEqual({ maxPoints: 0, metrics: {} });
		expect(shard.runs.ccc).toEqual({ maxPoints: 1000, metrics: {} });
		let reason = '';
		try {
			JSON.parse('{"runId": "aaa", "metrics"');
		} catch (error) {
			reason = (error as Error).message;
		}
		expect(warnings).toEqual([seriesWithoutCharts(file, reason)]);
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
		const { content } = snapshot('dev');
		expect(runFileResponse(content, 'compare/series/aaa.json')?.body).toBe(readFileSync(join(content, 'series/aaa.json'), 'utf8'));
		expect(JSON.parse(runFileResponse(content, 'compare/series/bbb.json')!.body)).toEqual({ runId: 'bbb', maxPoints: 0, metrics: {} });
		expect(runFileResponse(content, 'runs/aaa/history.json')).toEqual({
			body: readFileSync(join(content, 'histories/aaa.json'), 'utf8'),
			type: 'application/json',
		});
		expect(runFileResponse(content, 'runs/aaa/history.csv')).toBeNull();
		expect(runFileResponse(content, 'runs/bbb/history.json')).toBeNull();
		expect(runFileResponse(content, 'runs/..%2Fx/history.json')).toBeNull();
		expect(runFileResponse(content, 'runs/aaa/')).toBeNull();
		// A series shard, made from the snapshot's series files (the dev server has no data shards).
		const shard = JSON.parse(runFileResponse(content, `${RUN_DATA_DIR}${seriesShardName(runShardKey('ccc'))}`)!.body);
		expect(seriesFromShard(shard, 'ccc')).toEqual({ runId: 'ccc', maxPoints: 1000, metrics: {} });
		expect(seriesFromShard(shard, 'zzz')).toBeNull();
	});
});
