import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { metricHistorySpec } from '../../src/charts/metric-history.ts';
import { vegaLogger } from '../../src/charts/vega-logger.ts';

const series = { step: [0, 1, 2, 3], value: [1.2, 0.8, 0.5, 0.41] };

function compileQuietly(spec: ReturnType<typeof metricHistorySpec>) {
	const messages: string[] = [];
	const vg = compile(spec, { logger: vegaLogger((level, m) => messages.push(`${level}: ${m}`)) }).spec;
	return { vg, messages };
}

describe('metricHistorySpec', () => {
	it('compiles without a warning', () => {
		const { vg, messages } = compileQuietly(metricHistorySpec({ metric: 'val_loss', series }));
		expect(messages).toEqual([]);
		expect(vg.marks?.length).toBeGreaterThan(0);
	});

	it('puts the history into data.values as fixed { step, value } rows', () => {
		const spec = metricHistorySpec({ metric: 'val_loss', series });
		expect(spec.data).toEqual({
			values: [
				{ step: 0, value: 1.2 },
				{ step: 1, value: 0.8 },
				{ step: 2, value: 0.5 },
				{ step: 3, value: 0.41 },
			],
		});
	});

	// security.md 4.1 #15: metric keys never become field names or expressions.
	it.each(["' + alert(1) + '", '"}; alert(1); {"', 'datum.x', 'val.loss', 'acc[top1]', 'a\\\\.b', '"quoted"'])(
		'keeps the metric key %j out of field names, and still compiles',
		(metric) => {
			const spec = metricHistorySpec({ metric, series });
			const encoding = JSON.stringify((spec as { encoding: unknown }).encoding);
			expect(encoding).toContain('"field":"step"');
			expect(encoding).toContain('"field":"value"');
			const { messages } = compileQuietly(spec);
			expect(messages).toEqual([]);
			expect(JSON.stringify(spec)).not.toMatch(/"field":"(?!step"|value")/);
		},
	);

	it('draws points for a short history and none for a long one', () => {
		const short = metricHistorySpec({ metric: 'm', series }) as { mark: { point: unknown } };
		expect(short.mark.point).not.toBe(false);
		const many = { step: [...Array(500).keys()], value: [...Array(500).keys()].map((i) => 1 / (i + 1)) };
		const long = metricHistorySpec({ metric: 'm', series: many }) as { mark: { point: unknown } };
		expect(long.mark.point).toBe(false);
	});
});
