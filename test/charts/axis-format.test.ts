import { describe, expect, it } from 'vitest';
import { axisFormat, distinctNumberLabels, formatSignificant } from '../../src/charts/axis-format.ts';
import { ticks } from './tick-labels.ts';

const axis = (values: number[], extra: Record<string, unknown> = {}) => ({
	data: { values: values.map((x, i) => ({ x, y: i })) },
	mark: 'point' as const,
	encoding: {
		x: { field: 'x', type: 'quantitative' as const, ...extra, axis: { ...axisFormat(values), title: null } },
		y: { field: 'y', type: 'quantitative' as const, axis: null },
	},
});

describe('axisFormat', () => {
	it('writes integer steps as integers, not `0k, 0.1k … 1k`', async () => {
		expect(axisFormat([0, 500, 1000])).toEqual({ format: ',d', tickMinStep: 1 });
		const labels = await ticks(axis([0, 1000]));
		expect(labels).toContain('1,000');
		expect(labels.join(' ')).not.toMatch(/k/);
		// Few steps: no half steps.
		expect(await ticks(axis([0, 1, 2, 3]))).toEqual(['0', '1', '2', '3']);
	});

	it('uses SI suffixes only for large values', async () => {
		expect(axisFormat([0, 150_000]).format).toBe('.3~s');
		expect(await ticks(axis([0, 150_000]))).toContain('100k');
		expect(axisFormat([10, 150]).format).toBe(',d');
		expect(await ticks(axis([10, 150], { scale: { type: 'log', nice: false } }))).not.toContain('1.5e+2');
	});

	it('gives close fractions the digits that tell them apart (accuracies 0.8217–0.8253)', async () => {
		const labels = await ticks(axis([0.8217, 0.8253], { scale: { zero: false } }));
		expect(new Set(labels).size).toBe(labels.length);
		expect(labels.length).toBeGreaterThan(2);
		expect(labels.every((l) => /^0\.82\d+$/.test(l))).toBe(true);
	});
});

describe('distinctNumberLabels', () => {
	it('rounds parallel-axis ends to what distinguishes them, not `9.36914546742202`', () => {
		expect(distinctNumberLabels([9.36914546742202, 12.5])).toEqual(['9.4', '13']);
		expect(distinctNumberLabels([0.8217, 0.8253])).toEqual(['0.82', '0.83']);
		expect(distinctNumberLabels([0.8217, 0.8219])).toEqual(['0.8217', '0.8219']);
		expect(distinctNumberLabels([0.0001, 1])).toEqual(['0.0001', '1']);
		expect(distinctNumberLabels([64, 128])).toEqual(['64', '128']);
	});

	it('formats people-sized numbers', () => {
		expect(formatSignificant(150_000, 3)).toBe('150k');
		expect(formatSignificant(1_234_567, 3)).toBe('1.23M');
		expect(formatSignificant(0.000012345, 3)).toBe('1.23e-5');
		expect(formatSignificant(0.5, 3)).toBe('0.5');
	});
});
