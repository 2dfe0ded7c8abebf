import { describe, expect, it } from 'vitest';
import {
	compareHistorySpec,
	emaSmooth,
	type CompareSeries,
} from '../../src/charts/compare-history.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { compileMessages, schemaErrors } from './compile-spec.ts';

const t0 = Date.UTC(2026, 2, 1, 12);
const runs: CompareSeries[] = ['a', 'b', 'c'].map((label, k) => ({
	label,
	step: [0, 1, 2, 3, 4],
	timestamp: [0, 1, 2, 3, 4].map((s) => t0 + k * 60_000 + s * 10_000),
	value: [1, 0.5, 0.25, 0.125, 0].map((v) => v + k * 0.1),
}));
const rows = (spec: ReturnType<typeof compareHistorySpec>) =>
	(spec as unknown as { data: { values: { run: string; x: number[]; value: number[] }[] } }).data
		.values;

describe('compareHistorySpec', () => {
	it.each([
		['step', false, 0],
		['time', false, 0],
		['relative', true, 0.6],
	] as const)(
		'x=%s logY=%s smoothing=%s compiles, validates and renders without messages',
		async (x, logY, smoothing) => {
			const spec = compareHistorySpec(runs, { metric: 'val_loss', x, logY, smoothing });
			expect(compileMessages(spec)).toEqual([]);
			expect(schemaErrors(spec)).toEqual([]);
			const messages: string[] = [];
			expect(
				await renderSvg(spec, { cacheDir: false, onMessage: (_, m) => messages.push(m) }),
			).toMatch(/^<svg/);
			expect(messages).toEqual([]);
		},
	);

	it('maps x to step, wall time or seconds since the run started', () => {
		expect(rows(compareHistorySpec(runs, { metric: 'm' }))[1]!.x).toEqual([0, 1, 2, 3, 4]);
		expect(rows(compareHistorySpec(runs, { metric: 'm', x: 'time' }))[1]!.x[0]).toBe(t0 + 60_000);
		expect(rows(compareHistorySpec(runs, { metric: 'm', x: 'relative' }))[1]!.x).toEqual([
			0, 10, 20, 30, 40,
		]);
	});

	it('draws the splits of one quantity for each run: colour by run, dash by metric', async () => {
		const split: CompareSeries[] = ['train_loss', 'val_loss'].flatMap((metric, m) => runs.map((r) => ({ ...r, metric, value: r.value.map((v) => v + m) })));
		const spec = compareHistorySpec(split, { metric: 'train_loss vs val_loss' });
		expect(compileMessages(spec)).toEqual([]);
		expect(schemaErrors(spec)).toEqual([]);
		const encoding = (spec as unknown as { encoding: Record<string, { field: string; scale?: { domain: string[] } }> }).encoding;
		expect(encoding['color']!.field).toBe('run');
		expect(encoding['color']!.scale!.domain).toEqual(['a', 'b', 'c']);
		expect(encoding['strokeDash']!.field).toBe('metric');
		const data = rows(spec) as unknown as { run: string; metric: string }[];
		expect(data.map((d) => `${d.run} ${d.metric}`)).toEqual(['a train_loss', 'b train_loss', 'c train_loss', 'a val_loss', 'b val_loss', 'c val_loss']);
		expect(spec.description).toMatch(/^train_loss vs val_loss of 3 compared runs, one dash per metric by step/);
		// One metric: no dash, no metric column.
		expect((compareHistorySpec(runs, { metric: 'm' }) as unknown as { encoding: object }).encoding).not.toHaveProperty('strokeDash');
		expect(await renderSvg(spec, { cacheDir: false })).toMatch(/stroke-dasharray/);
	});

	it('drops non-positive values on a log scale', () => {
		expect(rows(compareHistorySpec(runs, { metric: 'm', logY: true }))[0]!.value).toEqual([
			1, 0.5, 0.25, 0.125,
		]);
	});
});

describe('emaSmooth', () => {
	it('is debiased, so a constant stays constant', () => {
		expect(emaSmooth([2, 2, 2], 0.9).map((v) => Number(v.toFixed(12)))).toEqual([2, 2, 2]);
	});

	it('follows TensorBoard: weight 0 is the identity, non-finite values pass through', () => {
		expect(emaSmooth([1, 3], 0)).toEqual([1, 3]);
		const [a, b, c] = emaSmooth([1, NaN, 3], 0.5);
		expect(a).toBe(1);
		expect(b).toBeNaN();
		// (0.5·0.5 + 0.5·3) / (1 − 0.25) = 1.75 / 0.75
		expect(c).toBeCloseTo(1.75 / 0.75);
	});
});
