import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fg from 'fast-glob';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parseModelCardSource, serializeModelCard } from '../../../src/model-cards/people-front-matter.ts';
import { CORPUS } from '../helpers/shared-fixtures.ts';

const CARDS = join(CORPUS, 'model-cards');
const cards = fg.sync('**/README.md', { cwd: CARDS, absolute: true }).sort();

describe('Hugging Face cards from ../shared/fixtures/model-cards', () => {
	it('are all there', () => {
		expect(cards).toHaveLength(6);
	});

	for (const file of cards) {
		const name = relative(CARDS, file);
		it(`round-trips ${name} without loss`, () => {
			const text = readFileSync(file, 'utf8');
			const first = parseModelCardSource(text, name);
			const written = serializeModelCard(first);
			const second = parseModelCardSource(written, name);
			expect(second.metadata).toStrictEqual(first.metadata);
			expect(second.body).toBe(first.body);
			// Same metadata as an independent parser (gray-matter's own js-yaml) reads.
			expect(first.metadata).toStrictEqual(matter(text).data);
			// The Hub's layout is reproduced byte for byte.
			expect(written).toBe(text);
		});
	}

	it('keeps populated model-index results', () => {
		const file = cards.find((f) => f.includes('distilbert-base-uncased-finetuned-emotion'));
		expect(file).toBeDefined();
		const card = parseModelCardSource(readFileSync(file!, 'utf8'), 'x');
		expect(card.metadata['model-index']?.[0]?.results[0]).toMatchObject({
			task: { type: 'text-classification' },
			dataset: { name: 'emotion', split: 'validation', config: 'split', args: 'split' },
			metrics: [{ type: 'accuracy', value: 0.9265 }, { type: 'f1', value: 0.9262869891284342 }],
		});
	});
});
