import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listExperimentFolders } from '../../../src/export/file-store/file-store-experiments.ts';
import { runStamp } from '../../../src/export/file-store/file-store-run-stamp.ts';
import { listRunFolders, runSubfolders } from '../../../src/export/file-store/file-store-runs.ts';
import { StampPool } from '../../../src/export/file-store/stamp-pool.ts';
import type { StoreContext } from '../../../src/export/file-store/file-store-walk.ts';
import { demoFileStore } from '../helpers/demo-file-store.ts';

let ctx: StoreContext;
beforeAll(async () => {
	const dir = await demoFileStore('mlpages-stamp-pool-');
	ctx = { root: join(dir, 'mlruns'), displayUri: 'mlruns', warn: () => {} };
}, 60_000);

describe('StampPool', () => {
	it('gives every run the stamp this thread would take, and its sub-folders, from worker threads', async () => {
		const pool = new StampPool(2);
		try {
			let runs = 0;
			for (const exp of listExperimentFolders(ctx)) {
				const locs = listRunFolders(exp);
				const stamps = await Promise.all(pool.stamp(locs, exp));
				for (const [i, loc] of locs.entries()) {
					const here = { ...loc, folders: new Set<string>(), listed: false };
					expect(stamps[i]).not.toBeNull();
					expect(stamps[i]).toEqual(runStamp(here, exp));
					expect(loc.listed).toBe(true);
					expect([...loc.folders].sort()).toEqual([...runSubfolders(here)].sort());
					runs++;
				}
			}
			expect(runs).toBeGreaterThan(10);
		} finally {
			await pool.close();
		}
	});

	it('answers null for runs it cannot stamp any more, so the caller stamps them itself', async () => {
		const pool = new StampPool(1);
		const exp = listExperimentFolders(ctx).find((e) => listRunFolders(e).length > 0)!;
		const pending = pool.stamp(listRunFolders(exp), exp);
		await pool.close();
		expect(await Promise.all(pending)).toEqual(pending.map(() => null));
		expect(await Promise.all(pool.stamp(listRunFolders(exp), exp))).toEqual(pending.map(() => null));
	});
});
