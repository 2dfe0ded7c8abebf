import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detailFacts, lineageFacts } from '../../src/model-cards/card-facts.ts';
import { loadModelCard } from '../../src/model-cards/load-model-card.ts';
import { ModelCardSchema } from '../../src/schemas/model-card.ts';

const CARDS = resolve(import.meta.dirname, '../fixtures/content/cards');
const load = (version: string) => {
	const card = loadModelCard(CARDS, 'penguins-classifier', version);
	if (!card) throw new Error(`no card for version ${version}`);
	return ModelCardSchema.parse(card);
};
const valueOf = (facts: { label: string; value: string | null }[], label: string) =>
	facts.find((f) => f.label === label)?.value;

describe('loadModelCard', () => {
	it('returns null for a version that is not in the snapshot', () => {
		expect(loadModelCard(CARDS, 'penguins-classifier', '99')).toBeNull();
	});

	it('builds every fact the snapshot holds for a version with a run', () => {
		const card = load('2');
		expect(card.path).toBe('models/penguins-classifier/2/');
		expect(card.aliases).toStrictEqual(['challenger']);
		expect(card.framework).toStrictEqual({
			flavors: ['sklearn', 'python_function'],
			library: 'sklearn 1.5.2',
			mlflowVersion: '2.22.0',
		});
		expect(card.signature?.inputs?.map((c) => c.name)).toStrictEqual([
			'bill_length_mm',
			'bill_depth_mm',
			'flipper_length_mm',
			'body_mass_g',
			'island',
		]);
		expect(card.signature?.outputs).toStrictEqual([{ name: null, type: 'string', required: true }]);
		expect(card.license).toBe('cc-by-4.0');
		expect(card.sections['uses']?.[0]?.markdown).toMatch(/^For teaching/);
		expect(card.datasets.map((d) => [d.name, d.context, d.rows])).toStrictEqual([
			['penguins-test', 'test', 67],
			['penguins-train', 'train', 266],
		]);
		expect(card.evalResults.map((r) => [r.key, r.metric, r.split, r.dataset, r.value])).toStrictEqual([
			['test_accuracy', 'accuracy', 'test', 'penguins-test', 0.962],
			['test_f1_macro', 'f1_macro', 'test', 'penguins-test', 0.95],
			['train_loss', 'loss', 'train', 'penguins-train', 0.138],
			['val_accuracy', 'accuracy', 'validation', null, 0.962],
		]);
		expect(card.keyMetrics.map((r) => r.key)).toStrictEqual(['test_accuracy', 'test_f1_macro', 'train_loss']);
		expect(card.images).toStrictEqual([
			{ runId: card.lineage.run?.id, path: 'plots/confusion_matrix.png' },
		]);
		const lineage = lineageFacts(card);
		expect(lineage.find((f) => f.label === 'Git commit')).toMatchObject({
			value: '0123456789ab on main',
			href: 'https://gitlab.example.com/ml/penguins/-/commit/0123456789abcdef0123456789abcdef01234567',
		});
		expect(lineage.find((f) => f.label === 'CI job')?.href).toBe('https://gitlab.example.com/ml/penguins/-/jobs/4242');
		expect(lineage.find((f) => f.label === 'Merge request')).toMatchObject({
			value: '!17',
			href: 'https://gitlab.example.com/ml/penguins/-/merge_requests/17',
		});
	});

	it('leaves unknown facts empty instead of guessing (version without a run)', () => {
		const card = load('1');
		expect(card.lineage.run).toBeNull();
		expect(card.signature).toBeNull();
		expect(card.evalResults).toStrictEqual([]);
		expect(card.datasets).toStrictEqual([]);
		expect(card.images).toStrictEqual([]);
		const details = detailFacts(card);
		expect(valueOf(details, 'Owner')).toBeNull();
		expect(valueOf(details, 'Framework')).toBeNull();
		expect(valueOf(details, 'Aliases')).toBe('none');
		// The people-written card applies to every version: its license is documented.
		expect(valueOf(details, 'License')).toBe('cc-by-4.0');
		const lineage = lineageFacts(card);
		for (const label of ['Source run', 'Experiment', 'Git commit', 'CI job', 'Merge request']) {
			expect(valueOf(lineage, label), label).toBeNull();
		}
	});

	it('does not link a CI job when the run has none', () => {
		const card = load('3');
		expect(card.lineage.git?.commit).toBe('0123456789abcdef0123456789abcdef01234567');
		expect(card.lineage.ci).toBeNull();
	});

	it('builds a card for every version of the site fixture', () => {
		const basic = resolve(import.meta.dirname, '../fixtures/content/basic');
		for (const version of ['1', '2', '3']) {
			const card = loadModelCard(basic, 'iris-classifier', version);
			expect(card && ModelCardSchema.parse(card).version).toBe(version);
		}
	});
});
