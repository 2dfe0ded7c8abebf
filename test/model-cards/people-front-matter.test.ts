import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parseModelCardSource, serializeModelCard } from '../../src/model-cards/people-front-matter.ts';

const CARDS = resolve(import.meta.dirname, '../fixtures/model-cards/hub');
const cards = fg.sync('**/README.md', { cwd: CARDS, absolute: true }).sort();

describe('cards in the Hugging Face Trainer layout (test/fixtures/model-cards)', () => {
	it('are there', () => {
		expect(cards.map((f) => relative(CARDS, f))).toEqual(['penguins-mlp-finetuned/README.md', 'seismic-picker-finetuned/README.md']);
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

	it('keeps populated model-index results, and empty ones', () => {
		const read = (model: string) => parseModelCardSource(readFileSync(join(CARDS, model, 'README.md'), 'utf8'), model);
		expect(read('penguins-mlp-finetuned').metadata['model-index']?.[0]?.results[0]).toMatchObject({
			task: { type: 'tabular-classification' },
			dataset: { name: 'palmer-penguins', split: 'validation', config: 'species', args: 'species' },
			metrics: [{ type: 'accuracy', value: 0.9710144927536232 }, { type: 'f1', value: 0.9652 }],
		});
		expect(read('seismic-picker-finetuned').metadata['model-index']?.[0]?.results).toEqual([]);
	});
});

describe('parseModelCardSource', () => {
	it('keeps unknown fields and YAML 1.2 scalars as written', () => {
		const text = '---\nlanguage: no\ndate: 2024-01-02\nco2_eq_emissions:\n  emissions: 12\n---\nBody\n';
		const card = parseModelCardSource(text, 'model-cards/x.md');
		expect(card.metadata).toStrictEqual({ language: 'no', date: '2024-01-02', co2_eq_emissions: { emissions: 12 } });
		expect(card.body).toBe('Body\n');
		expect(serializeModelCard(card)).toBe(text);
	});

	it('reads a card without front matter', () => {
		expect(parseModelCardSource('# Title\n', 'a.md')).toStrictEqual({ metadata: {}, body: '# Title\n' });
	});

	it('lists every invalid field with its path', () => {
		const text = [
			'---',
			'license: 3',
			'tags: penguins',
			'language: [en, 7]',
			'model-index:',
			'- name: m',
			'  results:',
			'  - task: {name: Classification}',
			'    dataset: {type: penguins, name: penguins}',
			'    metrics:',
			'    - {type: accuracy, value: true}',
			'---',
			'',
		].join('\n');
		expect(() => parseModelCardSource(text, 'model-cards/penguins.md')).toThrowErrorMatchingInlineSnapshot(`
			[AstroUserError: The front matter of model-cards/penguins.md is not valid Hugging Face model-card metadata:
			- **language**: must be a language code or a list of them
			- **license**: Invalid input: expected string, received number
			- **tags**: must be a list of strings
			- **model-index.0.results.0.task.type**: is required (a task id such as "text-classification")
			- **model-index.0.results.0.metrics.0.value**: must be a number or a string]
		`);
	});

	it('names the file when the YAML does not parse', () => {
		expect(() => parseModelCardSource('---\nlicense: [mit\n---\n', 'model-cards/bad.md')).toThrow(
			/^model-cards\/bad\.md cannot be read as a model card: /,
		);
	});

	it('never runs JavaScript front matter', () => {
		const text = '---js\n{ license: (globalThis.__ran = true, "mit") }\n---\n';
		expect(() => parseModelCardSource(text, 'model-cards/js.md')).toThrow(/only YAML/);
		expect((globalThis as Record<string, unknown>)['__ran']).toBeUndefined();
	});

	it('refuses front matter that is not a map', () => {
		expect(() => parseModelCardSource('---\n- a\n---\n', 'model-cards/list.md')).toThrow(/not a map of fields/);
	});
});
