import { describe, expect, it } from 'vitest';
import { currentShard, parseShard, shardOf, shardPaths } from '../../src/lib/shard.ts';

const ids = Array.from({ length: 400 }, (_, i) => `${i.toString(16).padStart(8, '0')}c19c1ed88d9a09091870a3c2`);

describe('shards', () => {
	it('reads <index>/<total> as GitLab gives it, and says what is wrong otherwise', () => {
		expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
		expect(parseShard('5/4')).toBe('Shard 5/4 does not exist: shards are numbered 1 to 4.');
		expect(parseShard('0/4')).toMatch(/does not exist/);
		expect(parseShard('2 of 4')).toMatch(/write <index>\/<total>/);
		expect(parseShard('1/201')).toMatch(/1 to 200/);
		expect(() => currentShard({ MLPAGES_SHARD: 'x' })).toThrow('MLPAGES_SHARD: "x" is not a shard');
		expect(currentShard({})).toBeNull();
	});

	it('puts every run in exactly one shard, the same one on every machine, in shares of about equal size', () => {
		const parts = [1, 2, 3, 4].map((i) => shardPaths(ids, (id) => id, { MLPAGES_SHARD: `${i}/4` }));
		expect(parts.flat().sort()).toEqual([...ids].sort());
		for (const part of parts) expect(part.length).toBeGreaterThan(60);
		// Pinned: a change here would split a site differently between the jobs of one pipeline
		// running different mlpages versions, and break the merged site.
		expect(ids.slice(0, 6).map((id) => shardOf(id, 4))).toMatchInlineSnapshot(`
			[
			  3,
			  3,
			  4,
			  3,
			  1,
			  2,
			]
		`);
	});

	it('keeps every shared page in shard 1, and leaves an unsharded build whole', () => {
		const shared = ['experiments/a', 'experiments/b'];
		expect(shardPaths(shared, undefined, { MLPAGES_SHARD: '1/3' })).toEqual(shared);
		expect(shardPaths(shared, undefined, { MLPAGES_SHARD: '2/3' })).toEqual([]);
		expect(shardPaths(ids, (id) => id, {})).toBe(ids);
		expect(shardPaths(ids, (id) => id, { MLPAGES_SHARD: '1/1' })).toBe(ids);
	});
});
