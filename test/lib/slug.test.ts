import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlugs } from '../../src/lib/slug.ts';

describe('slugify', () => {
	it('makes lowercase ASCII, drops accents and joins the rest with single dashes', () => {
		expect(slugify('Modelo 1 Combinación 3')).toBe('modelo-1-combinacion-3');
		expect(slugify('  NYC taxi / XGBoost!! ')).toBe('nyc-taxi-xgboost');
		expect(slugify('ﬁne Ｗｉｄｅ')).toBe('fine-wide');
		expect(slugify('__a__b__')).toBe('a-b');
	});

	it('is empty for names without Latin letters or digits', () => {
		expect(slugify('実験')).toBe('');
		expect(slugify('---')).toBe('');
	});

	it('cuts at 80 characters without a trailing dash', () => {
		const slug = slugify(`${'a'.repeat(79)} b`);
		expect(slug).toBe('a'.repeat(79));
		expect(slugify('x'.repeat(200))).toHaveLength(80);
	});
});

describe('uniqueSlugs', () => {
	it('gives the first claimant the plain slug and suffixes later ones with their id', () => {
		const slugs = uniqueSlugs(
			[
				{ key: '1', name: 'Wheat', suffix: '1' },
				{ key: '2', name: 'wheat', suffix: '2' },
				{ key: '3', name: '実験', suffix: '3' },
				{ key: '4', name: 'wheat-2', suffix: '4' },
			],
			'experiment',
		);
		expect([...slugs.entries()]).toEqual([
			['1', 'wheat'],
			['2', 'wheat-2'],
			['3', 'experiment-3'],
			['4', 'wheat-2-4'],
		]);
	});

	it('uses the fallback alone first when asked (models), and stays within 80 characters', () => {
		const long = 'm'.repeat(100);
		const slugs = uniqueSlugs(
			[
				{ key: 'a', name: '模型', suffix: 'aaaa' },
				{ key: 'b', name: '模型二', suffix: 'bbbb' },
				{ key: 'c', name: long, suffix: 'cccc' },
				{ key: 'd', name: `${long}!`, suffix: 'dddd' },
			],
			'model',
			true,
		);
		expect(slugs.get('a')).toBe('model');
		expect(slugs.get('b')).toBe('model-bbbb');
		expect(slugs.get('c')).toBe('m'.repeat(80));
		expect(slugs.get('d')).toBe(`${'m'.repeat(75)}-dddd`);
	});

	it('never loops on a suffixed slug that is already taken', () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ key: String(i), name: 'x'.repeat(100), suffix: '1' }));
		const slugs = new Set(uniqueSlugs(items, 'experiment').values());
		expect(slugs.size).toBe(5);
		for (const s of slugs) expect(s.length).toBeLessThanOrEqual(80);
	});
});
