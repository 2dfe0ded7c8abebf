import { describe, expect, it } from 'vitest';
import { RUN_SHARD_DIGITS, runIdFromPath, runShardKey, runShardPath } from '../../src/lib/run-data-shard.ts';

describe('runShardKey', () => {
	it('is 3 hex digits, the same on every call and machine', () => {
		expect(runShardKey('b2eb393532384653eb7eb41b1217ab4d')).toMatch(/^[0-9a-f]{3}$/);
		// Pinned: the browser and every earlier build must agree on where a run lives.
		expect(runShardKey('b2eb393532384653eb7eb41b1217ab4d')).toBe(runShardKey('b2eb393532384653eb7eb41b1217ab4d'));
		expect(runShardKey('')).toBe('811');
		expect(runShardPath('abc')).toBe(`runs/_data/${runShardKey('abc')}.json`);
	});

	it('spreads 100,000 MLflow-like ids over the 4,096 shards evenly, and ids sharing a prefix too', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < 100_000; i++) {
			const id = `run-${String(i).padStart(8, '0')}`;
			const key = runShardKey(id);
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		expect(counts.size).toBe(16 ** RUN_SHARD_DIGITS);
		// 24.4 runs per shard on average: no shard far off it.
		expect(Math.max(...counts.values())).toBeLessThan(60);
	});
});

describe('runIdFromPath', () => {
	it('reads the run id of a run URL under the base, decoded', () => {
		expect(runIdFromPath('/runs/abc123/', '/')).toBe('abc123');
		expect(runIdFromPath('/group/project/runs/abc123/', '/group/project/')).toBe('abc123');
		expect(runIdFromPath('/group/project/runs/abc123', '/group/project')).toBe('abc123');
		expect(runIdFromPath('/runs/a%20b%2Fc/', '/')).toBe('a b/c');
	});

	it('names no run for other pages, the shell itself, deeper paths, other bases or bad escapes', () => {
		expect(runIdFromPath('/runs/_/', '/')).toBeNull();
		expect(runIdFromPath('/runs/_data/', '/')).toBeNull();
		expect(runIdFromPath('/runs/', '/')).toBeNull();
		expect(runIdFromPath('/runs/abc/artifacts/x.txt', '/')).toBeNull();
		expect(runIdFromPath('/experiments/x/', '/')).toBeNull();
		expect(runIdFromPath('/runs/abc/', '/group/')).toBeNull();
		expect(runIdFromPath('/runs/%E0%A4%A/', '/')).toBeNull();
	});
});
