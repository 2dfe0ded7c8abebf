import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunSeries } from '../../src/lib/parse-run-series.ts';
import { RunSeriesSchema } from '../../src/schemas/series.ts';

const seriesDir = join(import.meta.dirname, '../fixtures/content/basic/series');
const ok = { runId: 'r1', maxPoints: 1000, metrics: { loss: { step: [0, 1], timestamp: [1700000000000, 1700000001000], value: [0.5, 0.25] } } };
const withSeries = (s: Record<string, unknown>) => ({ ...ok, metrics: { loss: { ...ok.metrics.loss, ...s } } });

/** Inputs RunSeriesSchema accepts or rejects; parseRunSeries must agree on each. */
const CASES: Array<[string, unknown]> = [
	['valid', ok],
	['no metrics', { ...ok, metrics: {} }],
	['extra keys', { ...ok, extra: 1, metrics: { loss: { ...ok.metrics.loss, extra: [1] } } }],
	['metric called __proto__', JSON.parse('{"runId":"r","maxPoints":5,"metrics":{"__proto__":{"step":[1],"timestamp":[2],"value":[3]}}}')],
	['array root', [ok]],
	['null root', null],
	['runId a number', { ...ok, runId: 1 }],
	['maxPoints 0', { ...ok, maxPoints: 0 }],
	['maxPoints fractional', { ...ok, maxPoints: 1.5 }],
	['maxPoints missing', { runId: 'r', metrics: {} }],
	['metrics an array', { ...ok, metrics: [] }],
	['series null', { ...ok, metrics: { loss: null } }],
	['fractional step', withSeries({ step: [0, 1.5] })],
	['unsafe timestamp', withSeries({ timestamp: [0, 2 ** 60] })],
	['string value', withSeries({ value: [0.5, '0.25'] })],
	['null value', withSeries({ value: [0.5, null] })],
	['value missing', { ...ok, metrics: { loss: { step: [0], timestamp: [0] } } }],
	['value not a list', withSeries({ value: 0.5 })],
	// Encoded columns (0.3, src/lib/series-columns.ts).
	['steps as a progression', withSeries({ step: { start: 0, delta: 1 } })],
	['timestamps as differences', withSeries({ timestamp: { start: 1700000000000, deltas: [1000] } })],
	['both encoded, three points', { ...ok, metrics: { loss: { step: { start: 5, delta: -1 }, timestamp: { start: 1, deltas: [2, 3] }, value: [1, 2, 3] } } }],
	['differences one short', withSeries({ timestamp: { start: 0, deltas: [] } })],
	['differences one too many', withSeries({ timestamp: { start: 0, deltas: [1, 1] } })],
	['progression without start', withSeries({ step: { delta: 1 } })],
	['progression and differences at once', withSeries({ step: { start: 0, delta: 1, deltas: [1] } })],
	['an extra key in an encoded column', withSeries({ step: { start: 0, delta: 1, by: 2 } })],
	['fractional difference', withSeries({ timestamp: { start: 0, deltas: [0.5] } })],
	['progression past the safe range', withSeries({ timestamp: { start: Number.MAX_SAFE_INTEGER, delta: 1 } })],
	['encoded column a string', withSeries({ step: '0..1' })],
];

describe('parseRunSeries', () => {
	it.each(CASES)('agrees with RunSeriesSchema: %s', (name, input) => {
		const text = JSON.stringify(input);
		const expected = RunSeriesSchema.safeParse(JSON.parse(text));
		if (expected.success) expect(parseRunSeries(text, 'f.json'), name).toStrictEqual(expected.data);
		else expect(() => parseRunSeries(text, 'f.json'), name).toThrow(/^f\.json: /);
	});

	it('reads every series file of the fixture snapshot as zod does', () => {
		for (const name of readdirSync(seriesDir)) {
			const text = readFileSync(join(seriesDir, name), 'utf8');
			expect(parseRunSeries(text, name)).toStrictEqual(RunSeriesSchema.parse(JSON.parse(text)));
		}
	});

	it('reads step and timestamp columns written compactly as one integer per value', () => {
		const text = JSON.stringify({ runId: 'r', maxPoints: 9, metrics: { loss: { step: { start: 0, delta: 2 }, timestamp: { start: 1700000000000, deltas: [5, -1] }, value: [3, 2, 1] } } });
		const expected = { step: [0, 2, 4], timestamp: [1700000000000, 1700000000005, 1700000000004], value: [3, 2, 1] };
		expect(parseRunSeries(text, 'f.json').metrics['loss']).toStrictEqual(expected);
		expect(RunSeriesSchema.parse(JSON.parse(text)).metrics['loss']).toStrictEqual(expected);
		expect(() => parseRunSeries(text.replace('[5,-1]', '[5]'), 'series/r.json')).toThrow(
			'series/r.json: metrics.loss.timestamp is not a list of integers nor an encoded column of one per value; export the snapshot again.',
		);
	});

	it('names the file and the path that does not fit', () => {
		expect(() => parseRunSeries('{"runId":"r","maxPoints":1,"metrics":{"acc":{"step":[0],"timestamp":[0],"value":["x"]}}}', 'series/r.json')).toThrow(
			'series/r.json: metrics.acc.value is not a list of numbers; export the snapshot again.',
		);
		expect(() => parseRunSeries('{', 'series/r.json')).toThrow(/^series\/r\.json: \(root\) is not JSON/);
	});
});
