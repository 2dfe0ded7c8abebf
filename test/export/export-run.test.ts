import { describe, expect, it } from 'vitest';
import { withSeriesDigest } from '../../src/export/export-run.ts';
import { stableStringify } from '../../src/lib/json.ts';
import { parseRunSeries } from '../../src/lib/parse-run-series.ts';
import { RunSeriesSchema } from '../../src/schemas/series.ts';

const file = { runId: 'r1', maxPoints: 1000, metrics: { loss: { step: [0, 1, 2], timestamp: [1700000000000, 1700000001000, 1700000002000], value: [0.5, 0.25, 0.125] } } };

describe('the digest of a series file', () => {
	it('is the text stableStringify writes for the file with the field, valid for the schema and the site', () => {
		const text = withSeriesDigest(stableStringify(file));
		const digest = (JSON.parse(text) as { digest: string }).digest;
		expect(digest).toMatch(/^[0-9a-f]{32}$/);
		expect(text).toBe(stableStringify({ ...file, digest }));
		expect(RunSeriesSchema.parse(JSON.parse(text)).digest).toBe(digest);
		expect(parseRunSeries(text, 'series/r1.json').digest).toBe(digest);
	});

	it('changes when a point changes, and only then', () => {
		const digestOf = (f: typeof file) => (JSON.parse(withSeriesDigest(stableStringify(f))) as { digest: string }).digest;
		const changed = { ...file, metrics: { loss: { ...file.metrics.loss, value: [0.5, 0.25, 0.12] } } };
		expect(digestOf(structuredClone(file))).toBe(digestOf(file));
		expect(digestOf(changed)).not.toBe(digestOf(file));
	});
});
