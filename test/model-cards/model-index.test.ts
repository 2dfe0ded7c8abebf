import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelCard } from '../../src/model-cards/load-model-card.ts';
import { modelIndex } from '../../src/model-cards/model-index.ts';
import { isTrainingState } from '../../src/model-cards/training-state.ts';
import type { EvalResult } from '../../src/schemas/model-card.ts';

const CARDS = resolve(import.meta.dirname, '../fixtures/content/cards');
const result = (key: string, value: number, split: string | null = null): EvalResult => ({
	task: 'tabular-classification',
	dataset: null,
	metric: key,
	value,
	split,
	key,
	source: 'run',
});

describe('modelIndex', () => {
	it('lists the evaluation metrics and leaves out settings and counters logged as metrics', () => {
		const card = loadModelCard(CARDS, 'penguins-classifier', '2')!;
		const index = modelIndex({
			...card,
			metadata: {},
			evalResults: [
				result('val_accuracy', 0.97, 'validation'),
				result('learning_rate', 0.003),
				result('epochs_completed', 200),
				result('train/lr', 0.001, 'train'),
				result('train_loss_epoch', 0.12, 'train'),
				result('final_train_loss', 0.01),
			],
		});
		const names = index[0]!.results.flatMap((r) => r.metrics.map((m) => m.name));
		expect(names.sort()).toStrictEqual(['final_train_loss', 'train_loss_epoch', 'val_accuracy']);
	});
});

describe('isTrainingState', () => {
	it.each(['learning_rate', 'LR', 'epochs_completed', 'epoch', 'global_step', 'optimizer.learning_rate', 'train/lr', 'batch_size'])(
		'%s is a setting or counter',
		(key) => expect(isTrainingState(key)).toBe(true),
	);
	it.each(['accuracy', 'val_loss', 'train_loss_epoch', 'test_f1', 'epoch_loss', 'final_train_loss', 'step_time_ms'])('%s is a result', (key) =>
		expect(isTrainingState(key)).toBe(false),
	);
});
