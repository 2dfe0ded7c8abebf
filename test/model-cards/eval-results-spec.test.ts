import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { vegaLogger } from '../../src/charts/vega-logger.ts';
import { evalResultsSpec } from '../../src/model-cards/eval-results-spec.ts';
import type { EvalResult } from '../../src/schemas/model-card.ts';

const result = (key: string, metric: string, value: number | string, split: string | null): EvalResult => ({
	task: null,
	dataset: null,
	metric,
	value,
	split,
	key,
	source: 'run',
});

describe('evalResultsSpec', () => {
	it('compiles without a warning and keeps metric names out of field names', () => {
		const spec = evalResultsSpec([result('test_acc', "acc' + alert(1)", 0.9, 'test'), result('datum.x', 'datum.x', 3, null)]);
		const messages: string[] = [];
		compile(spec!, { logger: vegaLogger((level, m) => messages.push(`${level}: ${m}`)) });
		expect(messages).toEqual([]);
		const encoding = JSON.stringify((spec as { encoding: unknown }).encoding);
		expect(encoding).not.toContain('alert');
		expect(encoding).not.toContain('datum.x');
		expect((spec as { data: { values: { label: string }[] } }).data.values.map((r) => r.label)).toStrictEqual([
			"acc' + alert(1) (test)",
			'datum.x',
		]);
	});

	it('draws nothing without a numeric result', () => {
		expect(evalResultsSpec([])).toBeNull();
		expect(evalResultsSpec([{ ...result('a', 'a', '12 ± 1', null), source: 'card' }])).toBeNull();
	});
});
