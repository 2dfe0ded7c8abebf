import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPageKey, type RunPageInputs } from '../../src/lib/run-page-key.ts';

const contentDir = mkdtempSync(join(tmpdir(), 'mlpages-run-page-key-'));
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

const RUN = '0123456789abcdef0123456789abcdef';
const inputs = (over: Partial<RunPageInputs> = {}): RunPageInputs => ({
	contentDir,
	runId: RUN,
	runDigest: 'a'.repeat(64),
	run: { artifacts: [{ path: 'report.txt' }], inputs: [{ datasetId: 'd1' }] },
	props: { experiment: { id: '1', slug: 'sweep', name: 'sweep' }, parent: null, children: [], modelVersions: [] },
	datasetSourceType: () => 'local',
	fingerprint: 'fp',
	...over,
});

describe('runPageKey', () => {
	it('is the same for the same inputs, and changes with the run file, its series, an artifact copy, a dataset, the props and the fingerprint', () => {
		const key = runPageKey(inputs());
		expect(runPageKey(inputs())).toBe(key);
		expect(runPageKey(inputs({ runDigest: 'b'.repeat(64) }))).not.toBe(key);
		expect(runPageKey(inputs({ fingerprint: 'fp2' }))).not.toBe(key);
		expect(runPageKey(inputs({ datasetSourceType: () => 's3' }))).not.toBe(key);
		expect(runPageKey(inputs({ props: { ...inputs().props, parent: { id: 'p' } } }))).not.toBe(key);
		// The experiment's run count is not on the page: it does not count.
		expect(runPageKey(inputs({ props: { ...inputs().props, experiment: { id: '1', slug: 'sweep', name: 'sweep', runCount: 9 } as never } }))).toBe(key);
		mkdirSync(join(contentDir, 'series'), { recursive: true });
		writeFileSync(join(contentDir, 'series', `${RUN}.json`), '{\n  "digest": "d1",\n  "runId": "x"\n}\n');
		const withSeries = runPageKey(inputs());
		expect(withSeries).not.toBe(key);
		writeFileSync(join(contentDir, 'series', `${RUN}.json`), '{\n  "digest": "d2",\n  "runId": "x"\n}\n');
		expect(runPageKey(inputs())).not.toBe(withSeries);
		const artifact = join(contentDir, 'artifacts', RUN, 'report.txt');
		mkdirSync(join(artifact, '..'), { recursive: true });
		writeFileSync(artifact, 'v1');
		const v1 = runPageKey(inputs());
		writeFileSync(artifact, 'v2');
		expect(runPageKey(inputs())).not.toBe(v1);
	});
});
