import { describe, expect, it } from 'vitest';
import { evalResults, keyMetrics, splitMetricKey } from '../../src/model-cards/eval-results.ts';
import type { LoggedModel } from '../../src/schemas/logged-model.ts';
import type { Run } from '../../src/schemas/run.ts';

const summary = (last: number | 'NaN') => ({ last, lastStep: 0, lastTimestamp: 0, min: null, minStep: null, max: null, maxStep: null, count: 1, nonFiniteCount: 0, firstStep: 0 });

describe('splitMetricKey', () => {
	it.each([
		['val_accuracy', 'validation', 'accuracy'],
		['test/f1', 'test', 'f1'],
		['accuracy_train', 'train', 'accuracy'],
		['eval_loss', 'eval', 'loss'],
		['best_val_accuracy', null, 'best_val_accuracy'],
		['validation', null, 'validation'],
		['rmse', null, 'rmse'],
	])('%s', (key, split, metric) => {
		expect(splitMetricKey(key)).toStrictEqual({ split, metric });
	});
});

describe('evalResults', () => {
	const run = {
		metrics: { val_accuracy: summary(0.9), val_loss: summary(0.3), train_loss: summary('NaN'), epochs: summary(10) },
		inputs: [
			{ datasetId: 'a', name: 'train-set', digest: '1', context: 'training' },
			{ datasetId: 'b', name: 'val-set', digest: '2', context: 'validation' },
		],
	} as unknown as Run;
	const loggedModel = {
		metrics: [{ key: 'val_accuracy', value: 0.9, step: 0, datasetName: 'val-set', datasetDigest: '2' }],
	} as unknown as LoggedModel;

	it('takes datasets from input contexts, skips non-finite values and repeats of the logged model', () => {
		const results = evalResults({ run, loggedModel, metadata: {}, task: 'tabular-classification' });
		expect(results.map((r) => [r.source, r.key, r.split, r.dataset, r.value])).toStrictEqual([
			['run', 'val_loss', 'validation', 'val-set', 0.3],
			['run', 'epochs', null, null, 10],
			['logged-model', 'val_accuracy', 'validation', 'val-set', 0.9],
		]);
		expect(keyMetrics(results).map((r) => r.key)).toStrictEqual(['val_accuracy', 'val_loss', 'epochs']);
		expect(keyMetrics(results, 'val_loss', 1).map((r) => r.key)).toStrictEqual(['val_loss']);
	});

	it('adds the results people wrote in model-index', () => {
		const metadata = {
			'model-index': [
				{
					name: 'm',
					results: [{ task: { type: 'text-classification' }, dataset: { type: 'emotion', name: 'emotion', split: 'test' }, metrics: [{ type: 'f1', value: '0.93 ± 0.01' }] }],
				},
			],
		};
		expect(evalResults({ run: null, loggedModel: null, metadata, task: null })).toStrictEqual([
			{ task: 'text-classification', dataset: 'emotion', metric: 'f1', value: '0.93 ± 0.01', split: 'test', key: 'f1', source: 'card' },
		]);
	});
});
