import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { experimentPageId, experimentPageKey } from '../../src/lib/experiment-page-key.ts';
import { isPlainRunId } from '../../src/lib/is-plain-run-id.ts';
import type { Experiment } from '../../src/schemas/experiment.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpages-experiment-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'series'));
const series = (id: string, digest: string) => writeFileSync(join(dir, 'series', `${id}.json`), `{\n  "digest": "${digest}",\n  "maxPoints": 1000,\n  "metrics": {},\n  "runId": "${id}"\n}\n`);

const experiment = { id: '1', name: 'sweep', slug: 'sweep', tags: {} } as unknown as Experiment;
/** A run as the key takes it: its id and the digest of its file, here of the run it would hold. */
const run = (id: string, loss: number) => ({ id, digest: createHash('sha256').update(JSON.stringify({ id, name: id, status: 'FINISHED', params: { lr: '0.1' }, metrics: { loss: { last: loss } } })).digest('hex') });

describe('experimentPageKey', () => {
	it('is the same for the same experiment, runs and series, and changes with any of them or the build', () => {
		series('a', 'aaaa');
		series('b', 'bbbb');
		const key = experimentPageKey(experiment, [run('a', 1), run('b', 2)], dir, 'fp');
		expect(experimentPageKey(experiment, [run('a', 1), run('b', 2)], dir, 'fp')).toBe(key);
		// A run's summary, a new run, a run's chart series, the experiment, the build's fingerprint.
		expect(experimentPageKey(experiment, [run('a', 1), run('b', 3)], dir, 'fp')).not.toBe(key);
		expect(experimentPageKey(experiment, [run('a', 1), run('b', 2), run('c', 3)], dir, 'fp')).not.toBe(key);
		series('b', 'cccc');
		expect(experimentPageKey(experiment, [run('a', 1), run('b', 2)], dir, 'fp')).not.toBe(key);
		series('b', 'bbbb');
		expect(experimentPageKey({ ...experiment, name: 'sweep 2' }, [run('a', 1), run('b', 2)], dir, 'fp')).not.toBe(key);
		expect(experimentPageKey(experiment, [run('a', 1), run('b', 2)], dir, 'fp2')).not.toBe(key);
		expect(experimentPageKey(experiment, [run('a', 1), run('b', 2)], dir, 'fp')).toBe(key);
	});

	it('reads a series file without a digest whole', () => {
		writeFileSync(join(dir, 'series', 'd.json'), '{"runId":"d","maxPoints":1000,"metrics":{}}');
		const key = experimentPageKey(experiment, [run('d', 1)], dir, 'fp');
		writeFileSync(join(dir, 'series', 'd.json'), '{"runId":"d","maxPoints":500,"metrics":{}}');
		expect(experimentPageKey(experiment, [run('d', 1)], dir, 'fp')).not.toBe(key);
	});
});

describe('experimentPageId', () => {
	it('is a plain file name, one per experiment, never a run id', () => {
		const ids = ['0', '1', '42', 'tracking/uuid', '../x'].map((id) => experimentPageId(id));
		expect(new Set(ids).size).toBe(5);
		for (const id of ids) {
			expect(isPlainRunId(id)).toBe(true);
			expect(id).toMatch(/^experiment-[0-9a-f]{24}$/);
		}
		// Its runs.json is kept apart from the page.
		expect(experimentPageId('1', 'runs.json')).toMatch(/^experiment-runs-[0-9a-f]{24}$/);
		expect(experimentPageId('1', 'runs.json')).not.toBe(experimentPageId('1'));
	});
});
