import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { hfReadme } from '../../src/model-cards/hf-readme.ts';
import { loadModelCard } from '../../src/model-cards/load-model-card.ts';
import { modelCardJson } from '../../src/model-cards/model-card-json.ts';
import { parseModelCardSource } from '../../src/model-cards/people-front-matter.ts';
import { RunSchema } from '../../src/schemas/run.ts';

const CARDS = resolve(import.meta.dirname, '../fixtures/content/cards');
const card = (slug: string, version: string) => {
	const c = loadModelCard(CARDS, slug, version);
	if (!c) throw new Error('missing card');
	return c;
};

describe('hfReadme', () => {
	it('parses with gray-matter and its model-index results are the run metrics', () => {
		const c = card('penguins-classifier', '2');
		const readme = hfReadme(c);
		const { data, content } = matter(readme);
		const run = RunSchema.parse(JSON.parse(readFileSync(resolve(CARDS, 'runs', `${c.lineage.run?.id}.json`), 'utf8')));
		const index = data['model-index'] as { name: string; results: { task: { type: string }; dataset: { name: string; split?: string }; metrics: { type: string; value: number; name: string }[] }[] }[];
		expect(index[0]?.name).toBe('penguins-classifier');
		const logged = index[0]!.results.flatMap((r) => r.metrics.map((m) => [m.name, m.value]));
		expect(Object.fromEntries(logged)).toStrictEqual(
			Object.fromEntries(Object.entries(run.metrics).map(([k, s]) => [k, s.last])),
		);
		expect(index[0]!.results.map((r) => [r.task.type, r.dataset.name, r.dataset.split])).toStrictEqual([
			['tabular-classification', 'penguins-test', 'test'],
			['tabular-classification', 'penguins-train', 'train'],
			['tabular-classification', 'unknown', 'validation'],
		]);
		expect(data).toMatchObject({
			license: 'cc-by-4.0',
			language: 'en',
			library_name: 'sklearn',
			pipeline_tag: 'tabular-classification',
			tags: ['penguins', 'random-forest', 'mlflow'],
			datasets: ['penguins-test', 'penguins-train'],
			metrics: ['accuracy', 'f1_macro', 'loss'],
		});
		// Valid Hugging Face metadata by our own schema, and stable across calls.
		expect(() => parseModelCardSource(readme, 'README.md')).not.toThrow();
		expect(hfReadme(c)).toBe(readme);
		const headings = content.split('\n').filter((l) => /^#{1,3} /.test(l));
		expect(headings).toStrictEqual([
			'# penguins-classifier (version 2)',
			'## Model Details',
			'### Model Description',
			'### Signature',
			'## Uses',
			'### Intended uses & limitations',
			'## Bias, Risks, and Limitations',
			'### Recommendations',
			'## Training Details',
			'### Training Data',
			'## Evaluation',
			'### Factors',
			'### Metrics',
			'## Lineage',
		]);
		expect(content).toContain('- **CI job:** [#4242](<https://gitlab.example.com/ml/penguins/-/jobs/4242>)');
	});

	it('marks every unknown section and fact instead of guessing', () => {
		const readme = hfReadme(card('penguins-classifier', '1'));
		expect(readme).toContain('## Bias, Risks, and Limitations\n\nMore information needed');
		expect(readme).toContain('### Recommendations\n\nMore information needed');
		expect(readme).toContain('### Metrics\n\nMore information needed');
		expect(readme).toContain('- **Source run:** More information needed');
		expect(readme).toContain('**Inputs**\n\nMore information needed');
		expect(matter(readme).data['model-index']).toStrictEqual([{ name: 'penguins-classifier', results: [] }]);
	});

	it('escapes hostile names in the Markdown', () => {
		const readme = hfReadme(card('evil-script-alert-x-script-quotes', '1'));
		const body = matter(readme).content;
		expect(body).not.toContain('<script');
		expect(readme).toContain('# evil &lt;script&gt;alert("x")&lt;/script&gt; &amp; "quotes" (version 1)');
		expect(matter(readme).data['model-index'][0].name).toBe('evil <script>alert("x")</script> & "quotes"');
	});

	it('makes registry descriptions inert', () => {
		const body = matter(hfReadme(card('penguins-classifier', '3'))).content;
		expect(body).toContain('Deeper trees. &lt;script>alert(1)&lt;/script> [x](#alert(1)) &lt;img src=x onerror=alert(1)>');
		expect(body).not.toMatch(/javascript:|<script|<img/i);
	});
});

describe('modelCardJson', () => {
	it('is stable JSON with sorted keys', () => {
		const json = modelCardJson(card('penguins-classifier', '2'));
		expect(json.endsWith('}\n')).toBe(true);
		const parsed = JSON.parse(json);
		expect(Object.keys(parsed)).toStrictEqual([...Object.keys(parsed)].sort());
		expect(parsed.lineage.ci.mergeRequestIid).toBe('17');
		expect(modelCardJson(card('penguins-classifier', '2'))).toBe(json);
	});
});
