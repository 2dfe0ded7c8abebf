import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix } from '../../scripts/demo/evaluation.ts';
import { pythonJson } from '../../scripts/demo/python-json.ts';
import { learningRateAt, type TrainConfig } from '../../scripts/demo/train.ts';
import { latestMetric, sqlMetricValue } from '../../scripts/demo/sql-metric.ts';

const config: TrainConfig = {
	model: 'mlp',
	hiddenUnits: 8,
	activation: 'relu',
	optimizer: 'adam',
	learningRate: 0.1,
	schedule: 'cosine',
	epochs: 11,
	batchSize: 32,
	l2: 0,
	seed: 1,
};

describe('demo training helpers', () => {
	it('decays the learning rate from its start to 1 % (cosine) or by halves (step)', () => {
		expect(learningRateAt(config, 0)).toBeCloseTo(0.1);
		expect(learningRateAt(config, 10)).toBeCloseTo(0.001);
		expect(learningRateAt({ ...config, schedule: 'step', epochs: 8 }, 2)).toBeCloseTo(0.05);
		expect(learningRateAt({ ...config, schedule: 'constant' }, 7)).toBe(0.1);
	});

	it('scores predictions like scikit-learn', () => {
		const matrix = confusionMatrix([0, 0, 1, 2], [0, 1, 1, 2]);
		expect(matrix).toEqual([
			[1, 1, 0],
			[0, 1, 0],
			[0, 0, 1],
		]);
		const report = classificationReport(matrix);
		expect(report['accuracy']).toBe(0.75);
		expect(report['Chinstrap']).toEqual({
			precision: 0.5,
			recall: 1,
			'f1-score': 2 / 3,
			support: 1,
		});
	});

	it('encodes metric values as the MLflow SQL store does', () => {
		expect(sqlMetricValue(Number.NaN)).toEqual([0, 1]);
		expect(sqlMetricValue(Number.POSITIVE_INFINITY)).toEqual([1.7976931348623157e308, 0]);
		expect(sqlMetricValue(Number.NEGATIVE_INFINITY)).toEqual([-1.7976931348623157e308, 0]);
		expect(sqlMetricValue(0.5)).toEqual([0.5, 0]);
	});

	it('picks the latest metric by (step, timestamp, value)', () => {
		const point = (step: number, timestamp: number, value: number) => ({
			key: 'k',
			step,
			timestamp,
			value,
		});
		expect(latestMetric([point(2, 5, 1), point(3, 1, 0), point(3, 1, -1)])).toEqual(point(3, 1, 0));
		expect(latestMetric([point(1, 9, Number.NaN), point(1, 9, 0.5)])).toEqual(point(1, 9, 0.5));
	});

	it('writes JSON with the separators of Python json.dumps', () => {
		expect(pythonJson([{ name: 'm', version: 1 }])).toBe('[{"name": "m", "version": 1}]');
	});
});
