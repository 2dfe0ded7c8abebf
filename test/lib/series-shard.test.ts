import { describe, expect, it } from 'vitest';
import { RUN_DATA_DIR, runShardKey } from '../../src/lib/run-data-shard.ts';
import { decodeRunSeries } from '../../src/lib/series-columns.ts';
import { runSeriesPath, seriesFromShard, seriesShardEntry, splitSeriesUrl } from '../../src/lib/series-shard.ts';

const file = {
	runId: 'r1',
	digest: 'abc',
	maxPoints: 1000,
	metrics: {
		loss: { step: { start: 0, delta: 1 }, timestamp: { start: 1_700_000_000_000, deltas: [3, 4] }, value: [0.30000000000000004, 0.2, 0.1] },
		acc: { step: [0, 5], timestamp: [1, 2], value: [0.5, 0.75] },
	},
};

describe('series shards', () => {
	it('name a run series by its shard and id, or by its own file with static run pages', () => {
		expect(runSeriesPath('r1', false)).toBe('compare/series/r1.json');
		expect(runSeriesPath('r1', true)).toBe(`${RUN_DATA_DIR}${runShardKey('r1')}.series.json#r1`);
		expect(splitSeriesUrl(`/b/${runSeriesPath('r1', true)}`)).toEqual({ file: `/b/${RUN_DATA_DIR}${runShardKey('r1')}.series.json`, runId: 'r1' });
		expect(splitSeriesUrl('/b/compare/series/r1.json')).toEqual({ file: '/b/compare/series/r1.json', runId: null });
		expect(splitSeriesUrl('/b/x.json#%E0%A4%A')).toEqual({ file: '/b/x.json', runId: null });
	});

	it('give back the series file as it was, columns decoded, every value exact', () => {
		const shard = JSON.parse(JSON.stringify({ v: 1, runs: { r1: seriesShardEntry(file) } }));
		const { digest: _digest, ...rest } = file;
		expect(decodeRunSeries(seriesFromShard(shard, 'r1'))).toEqual(decodeRunSeries(rest));
		expect(seriesFromShard(shard, 'r1')!.metrics['loss']!.value).toEqual([0.30000000000000004, 0.2, 0.1]);
		// The entry is smaller than the file it comes from, written the same way.
		expect(JSON.stringify(shard.runs.r1).length).toBeLessThan(JSON.stringify(rest).length - 40);
	});

	it('hold nothing for a run they do not have, another version, or a metric that is not three columns; never a prototype', () => {
		const entry = { maxPoints: 10, metrics: { ok: [[0], [1], [2]], bad: [[0], [1]], __proto__x: [[0], [1], [2]] } };
		const shard = JSON.parse(`{"v":1,"runs":{"r1":${JSON.stringify(entry)},"r2":{"maxPoints":1,"metrics":{"__proto__":[[0],[1],[2]]}}}}`);
		expect(seriesFromShard(shard, 'r9')).toBeNull();
		expect(seriesFromShard(shard, 'toString')).toBeNull();
		expect(seriesFromShard({ ...shard, v: 2 }, 'r1')).toBeNull();
		expect(Object.keys(seriesFromShard(shard, 'r1')!.metrics)).toEqual(['ok', '__proto__x']);
		const r2 = seriesFromShard(shard, 'r2')!;
		expect(Object.keys(r2.metrics)).toEqual([]);
		expect(Object.getPrototypeOf(r2.metrics)).toBe(Object.prototype);
		const withProto = seriesShardEntry(JSON.parse('{"maxPoints":1,"metrics":{"__proto__":{"step":[0],"timestamp":[0],"value":[1]}}}'));
		expect(Object.keys(withProto.metrics)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(withProto.metrics)).toBe(Object.prototype);
	});
});
