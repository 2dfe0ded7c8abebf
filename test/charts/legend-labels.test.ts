import { describe, expect, it } from 'vitest';
import { legendTitle, middleEllipsis, shortLegendLabels } from '../../src/charts/legend-labels.ts';

describe('shortLegendLabels', () => {
	it('tells apart sweep runs that a right-hand cut showed as `mlp-lr0.01-h32-l20…` three times', () => {
		const names = ['mlp-lr0.01-h32-l20-s1', 'mlp-lr0.01-h32-l20-s2', 'mlp-lr0.01-h32-l20.01-s1', 'mlp-lr0.003-h8-l20-s1'];
		const { labels, prefix } = shortLegendLabels(names);
		expect(labels).toEqual(['lr0.01-h32-l20-s1', 'lr0.01-h32-l20-s2', 'lr0.01-h32-l20.01-s1', 'lr0.003-h8-l20-s1']);
		expect(prefix).toBe('mlp-');
		expect(new Set(labels).size).toBe(names.length);
	});

	it('never cuts inside a number: lr0.01 and lr0.001 keep their digits', () => {
		expect(shortLegendLabels(['run-lr0.01', 'run-lr0.001']).labels).toEqual(['lr0.01', 'lr0.001']);
	});

	it('drops what every seed-group label shares (`activation=relu, batch_siz…` eight times)', () => {
		const names = [0.1, 0.01, 0.001].map((lr) => `activation=relu, batch_size=32, epochs=20, learning_rate=${lr}, optimizer=adam`);
		const { labels, prefix, suffix } = shortLegendLabels(names);
		expect(labels).toEqual(['0.1', '0.01', '0.001']);
		expect(prefix).toBe('activation=relu, batch_size=32, epochs=20, learning_rate=');
		expect(suffix).toBe(', optimizer=adam');
		expect(legendTitle('params', { prefix, suffix })).toBe('params (activation…ing_rate=…, opti…=adam)');
	});

	it('gives a two-run overlay two different labels, with the middle cut when long', () => {
		const names = ['penguins-classifier-logistic-regression-baseline-2026-11-02', 'penguins-classifier-gradient-boosting-tuned-2026-11-02'];
		const { labels } = shortLegendLabels(names, 20);
		expect(labels).toEqual(['logistic-r…-baseline', 'gradient-b…ing-tuned']);
		expect(labels.every((l) => [...l].length <= 24)).toBe(true);
	});

	it('cuts colliding labels less until they differ, and leaves one name or short names alone', () => {
		const names = ['aaaaaaaaaaaa-x-bbbbbbbbbbbbbb', 'aaaaaaaaaaaa-y-bbbbbbbbbbbbbb'];
		const { labels } = shortLegendLabels(names.map((n) => `exp/${n}/final`), 8);
		expect(new Set(labels).size).toBe(2);
		expect(shortLegendLabels(['only-one-run']).labels).toEqual(['only-one-run']);
		expect(shortLegendLabels(['a', 'b']).labels).toEqual(['a', 'b']);
		// A name that is all shared prefix keeps it.
		expect(shortLegendLabels(['base', 'base-2']).labels).toEqual(['base', 'base-2']);
	});
});

describe('middleEllipsis', () => {
	it('keeps both ends', () => {
		expect(middleEllipsis('abcdefghij', 7)).toBe('abc…hij');
		expect(middleEllipsis('short', 7)).toBe('short');
	});
});
