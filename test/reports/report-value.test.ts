import { describe, expect, it } from 'vitest';
import { reportValue, ValueError, type ValueProps } from '../../src/components/report/report-value.ts';
import type { RefIndex } from '../../src/lib/report-refs.ts';
import type { Experiment } from '../../src/schemas/experiment.ts';
import type { ModelVersion } from '../../src/schemas/model-version.ts';
import { makeRun, summary } from '../lib/run-factory.ts';

const experiment = { id: '1', name: 'Sweep', slug: 'sweep', description: null, creationTime: null, lastUpdateTime: null, lifecycleStage: 'active', runCount: 3, tags: {} } as Experiment;
const run = (id: string, name: string, lr: string, loss: number) =>
	makeRun({ id: id.repeat(32), name, params: { lr, units: lr === '0.1' ? '8' : '32' }, metrics: { loss: summary(loss, { min: loss / 2, minStep: 3 }) } });
const index: RefIndex = {
	runs: [run('a', 'slow', '0.001', 0.4), run('b', 'fast', '0.01', 0.1), run('c', 'faster', '0.1', 0.2)],
	experiments: [experiment],
	models: [{ name: 'clf', slug: 'clf', creationTime: null, lastUpdatedTime: null, description: null, tags: {}, aliases: { champion: '2' }, versions: ['2'] }],
	versions: new Map([['clf', [{ name: 'clf', modelSlug: 'clf', version: '2', runId: 'b'.repeat(32), aliases: ['champion'], tags: {}, description: null } as unknown as ModelVersion]]]),
};
const value = (props: ValueProps) => reportValue(props, index);
const error = (props: ValueProps) => {
	try {
		value(props);
	} catch (e) {
		expect(e).toBeInstanceOf(ValueError);
		return `${(e as ValueError).attribute}: ${(e as Error).message}`;
	}
	throw new Error('expected a ValueError');
};

describe('reportValue', () => {
	it("states a run's or a model version's metric, a stat of it, or a param, linked to the run", () => {
		expect(value({ run: 'slow', metric: 'loss' })).toEqual({ text: '0.4', raw: 0.4, source: `runs/${'a'.repeat(32)}/`, title: 'loss of run slow, last (step 9)' });
		expect(value({ run: 'clf@champion', metric: 'loss', stat: 'min' }).text).toBe('0.05');
		expect(value({ run: 'clf/2', metric: 'loss', stat: 'minStep' }).text).toBe('3');
		expect(value({ run: 'slow', param: 'lr' })).toMatchObject({ text: '0.001', raw: 0.001 });
		expect(value({ run: 'fast', metric: 'loss', percent: true }).text).toBe('10 %');
	});

	it('states a signed delta, linked to the comparison of both runs', () => {
		expect(value({ from: 'slow', to: 'clf@champion', metric: 'loss' })).toMatchObject({
			text: '−0.3',
			source: `compare/?runs=${'a'.repeat(32)},${'b'.repeat(32)}`,
		});
		expect(value({ from: 'fast', to: 'faster', metric: 'loss' }).text).toBe('+0.1');
	});

	it("aggregates an experiment's runs that match a filter, linked to the experiment", () => {
		expect(value({ experiment: 'sweep' })).toMatchObject({ text: '3', source: 'experiments/sweep/', title: '3 runs of Sweep' });
		expect(value({ experiment: 'Sweep', filter: "params.units = '32'", metric: 'loss' }).text).toBe('0.25');
		expect(value({ experiment: 'sweep', metric: 'loss', agg: 'median' }).text).toBe('0.2');
		expect(value({ experiment: 'sweep', param: 'lr', agg: 'distinct' }).text).toBe('0.001, 0.01, 0.1');
		expect(value({ experiment: 'sweep', param: 'units', agg: 'max' }).text).toBe('32');
	});

	it('names the prop that does not resolve', () => {
		expect(error({ run: 'nope', metric: 'loss' })).toBe('run: No run has the id or name "nope".');
		expect(error({ run: 'slow', metric: 'acc' })).toBe('metric: Run slow logged no metric "acc".');
		expect(error({ experiment: 'sweep', filter: "params.lr = '9'", metric: 'loss' })).toBe('filter: No run of experiment "Sweep" matches.');
		expect(error({ experiment: 'sweep', filter: 'params.lr ==', metric: 'loss' })).toMatch(/^filter: /);
		expect(error({ from: 'slow', metric: 'loss' })).toBe('from: A delta needs both from and to.');
		expect(error({ run: 'slow', metric: 'loss', stat: 'mean' as never })).toMatch(/^stat: stat is one of last, min/);
	});
});
