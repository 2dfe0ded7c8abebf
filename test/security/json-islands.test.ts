/**
 * §4.1 #3-#5 of the security reference: a value in a JSON data island cannot end the island,
 * open a comment or break it as JavaScript; the island reads back to the exact value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonIsland } from '../../src/lib/json-island.ts';
import { INJECTION } from '../fixtures/hostile/naughty.ts';
import { scripts } from './html.ts';
import { hostileSite } from './hostile-site.ts';

const ENDERS = [INJECTION.islandEnd, INJECTION.islandMixedCase, INJECTION.islandSlash, INJECTION.islandTab, INJECTION.comment, INJECTION.lineSeparator];

describe('jsonIsland()', () => {
	it.each(ENDERS)('writes %j with no raw <, U+2028 or U+2029, and reads it back exactly', (value) => {
		const text = jsonIsland({ name: value, [value]: [value] });
		expect(text).not.toMatch(/[<\u2028\u2029]/);
		expect(JSON.parse(text)).toEqual({ name: value, [value]: [value] });
	});

	it('is valid JavaScript as well as JSON, even with line separators', () => {
		const text = jsonIsland(INJECTION.lineSeparator);
		expect(new Function(`return ${text}`)()).toBe(INJECTION.lineSeparator);
	});
});

describe('data islands of the built hostile site', () => {
	let islands: Array<{ page: string; body: string }>;
	beforeAll(async () => {
		const site = await hostileSite();
		islands = site.pages.flatMap((page) =>
			scripts(site.read(page))
				.filter((s) => s.tag.attributes['type'] === 'application/json')
				.map((s) => ({ page, body: s.body })),
		);
	});

	it('has islands on the experiment pages, holding the hostile run names', () => {
		const runs = islands.filter((i) => i.body.includes('"names"'));
		expect(runs.length).toBeGreaterThan(0);
		const names = runs.flatMap((i) => (JSON.parse(i.body) as { names: string[] }).names);
		expect(names).toEqual(expect.arrayContaining([INJECTION.islandEnd, INJECTION.islandMixedCase, INJECTION.script]));
	});

	it('never lets a value end an island or open a comment (#4, #5)', () => {
		for (const { page, body } of islands) {
			expect(body, page).not.toMatch(/<\/script|<!--|<script/i);
			expect(body, page).not.toContain('<');
		}
	});

	it('escapes U+2028 and U+2029 and parses every island as JSON', () => {
		for (const { page, body } of islands) {
			expect(body, page).not.toMatch(/[\u2028\u2029]/);
			expect(() => JSON.parse(body), page).not.toThrow();
		}
	});

	it('keeps a line-separator tag value exact through the island', () => {
		const all = islands.map((i) => JSON.stringify(JSON.parse(i.body))).join('\n');
		expect(all).toContain(JSON.stringify(INJECTION.jsString).slice(1, -1));
	});
});
