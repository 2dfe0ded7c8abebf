import { describe, expect, it } from 'vitest';
import {
	bestPoint,
	bestValue,
	byDirection,
	isBetter,
	knownDirection,
	metricDirection,
	metricWords,
} from '../../src/lib/metric-direction.ts';
import { primaryMetric } from '../../src/lib/primary-metric.ts';
import { summary } from './run-factory.ts';

describe('metricDirection', () => {
	it.each([
		'loss',
		'val_loss',
		'train/loss',
		'valLoss',
		'eval-error',
		'error_rate',
		'test_err',
		'rmse',
		'val_mae',
		'mse',
		'mape',
		'perplexity',
		'wer',
		'cer',
		'log_loss',
		'logloss',
		'mean_squared_error',
		'train_time_s',
		'Validation Loss',
	])('%s is lower-is-better', (key) => expect(metricDirection(key)).toBe('lower'));

	it.each([
		'accuracy',
		'val_accuracy',
		'f1',
		'auc',
		'r2',
		'precision',
		'test/accuracy',
		'f1_macro',
		'roc_auc',
		'mAP',
		'recall@10',
		'val_acc',
		'neg_mean_squared_error',
		'bleu',
	])('%s is higher-is-better', (key) => expect(metricDirection(key)).toBe('higher'));

	it.each(['learning_rate', 'epochs_completed', 'lossless_ratio', 'constructor', 'accuracy_loss', 'batch_size', 'step'])(
		'%s has no known direction',
		(key) => {
			expect(knownDirection(key)).toBeNull();
			// Ranking still needs an order: MLflow's, larger first.
			expect(metricDirection(key)).toBe('higher');
		},
	);

	it('knows the direction of a known name, and the configured one of any key', () => {
		expect(knownDirection('val_loss')).toBe('lower');
		expect(knownDirection('test/accuracy')).toBe('higher');
		expect(knownDirection('learning_rate', { learning_rate: 'lower' })).toBe('lower');
		expect(knownDirection('epochs_completed', { other: 'lower' })).toBeNull();
	});

	it('lets the configuration override the guess', () => {
		expect(metricDirection('constructor')).toBe('higher');
		expect(metricDirection('val_loss', { val_loss: 'higher' })).toBe('higher');
		expect(metricDirection('score', { score: 'lower' })).toBe('lower');
		expect(metricDirection('score', { other: 'lower' })).toBe('higher');
	});

	it('splits keys into words', () => {
		expect(metricWords('valLoss_EMA/2')).toEqual(['val', 'loss', 'ema', '2']);
	});
});

describe('ordering helpers', () => {
	it('isBetter follows the direction and never prefers NaN', () => {
		expect(isBetter(0.1, 0.2, 'lower')).toBe(true);
		expect(isBetter(0.1, 0.2, 'higher')).toBe(false);
		expect(isBetter(NaN, 0.2, 'lower')).toBe(false);
		expect(isBetter(5, NaN, 'higher')).toBe(true);
	});

	it('byDirection sorts best first with missing values last', () => {
		const values = [0.3, null, 0.1, NaN, 0.2, undefined];
		expect([...values].sort(byDirection('lower'))).toEqual([0.1, 0.2, 0.3, null, NaN, undefined]);
		expect([...values].sort(byDirection('higher'))).toEqual([0.3, 0.2, 0.1, null, NaN, undefined]);
	});

	it('bestValue reads min or max and its step from the exact summary', () => {
		const s = summary(0.5, { min: 0.1, minStep: 7, max: 0.9, maxStep: 2 });
		expect(bestValue(s, 'lower')).toEqual({ value: 0.1, step: 7 });
		expect(bestValue(s, 'higher')).toEqual({ value: 0.9, step: 2 });
		expect(bestValue(summary('NaN'), 'lower')).toBeNull();
	});

	it('bestPoint takes the first best finite point of a history', () => {
		const series = { step: [0, 1, 2, 3], value: [3, 1, NaN, 1] };
		expect(bestPoint(series, 'lower')).toEqual({ value: 1, step: 1 });
		expect(bestPoint(series, 'higher')).toEqual({ value: 3, step: 0 });
		expect(bestPoint({ step: [], value: [] }, 'lower')).toBeNull();
	});
});

describe('primaryMetric', () => {
	it('uses the configured metric for the experiment, then "*"', () => {
		expect(primaryMetric('iris', { iris: 'f1', '*': 'val_loss' }, [['acc']])).toBe('f1');
		expect(primaryMetric('other', { iris: 'f1', '*': 'val_loss' }, [['acc']])).toBe('val_loss');
	});

	it('guesses the most logged key, preferring held-out and loss metrics', () => {
		expect(
			primaryMetric('x', {}, [
				['train_loss', 'val_accuracy', 'val_loss'],
				['train_loss', 'val_loss', 'val_accuracy'],
			]),
		).toBe('val_loss');
		expect(primaryMetric('x', {}, [['b', 'a'], ['a']])).toBe('a');
		expect(primaryMetric('x', {}, [['accuracy', 'test_f1']])).toBe('test_f1');
		expect(primaryMetric('x', {}, [[], []])).toBeNull();
	});
});
