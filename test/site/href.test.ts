import { describe, expect, it } from 'vitest';
import { baseUrl, href, modelAliasHref, segment } from '../../src/lib/href.ts';

describe('href', () => {
	it('prefixes the base, with exactly one slash between', () => {
		expect(href('runs/abc/', '/group/project/mr-7/')).toBe('/group/project/mr-7/runs/abc/');
		expect(href('/runs/abc/', '/group/project/mr-7')).toBe('/group/project/mr-7/runs/abc/');
		expect(href('', '/')).toBe('/');
		expect(baseUrl('/x')).toBe('/x/');
	});

	it('encodes data-derived segments but keeps @ for alias URLs', () => {
		expect(segment('@champion')).toBe('@champion');
		expect(segment('../../etc')).toBe('..%2F..%2Fetc');
		expect(segment('a b?#')).toBe('a%20b%3F%23');
	});

	it('links an alias that has no page of its own (not a safe route segment) to the model page', () => {
		expect(modelAliasHref('penguins', 'champion')).toBe('/models/penguins/@champion/');
		expect(modelAliasHref('penguins', '../../evil')).toBe('/models/penguins/');
		expect(modelAliasHref('penguins', 'a/b')).toBe('/models/penguins/');
	});
});
