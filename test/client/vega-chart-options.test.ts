import { afterEach, describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { experimentBestHistorySpec } from '../../src/charts/experiment-best-history.ts';
import { experimentParallelSpec } from '../../src/charts/experiment-parallel.ts';
import { experimentParamScatterSpec } from '../../src/charts/experiment-param-scatter.ts';
import { experimentSeedBandSpec } from '../../src/charts/experiment-seed-band.ts';
import { compareHistorySpec } from '../../src/charts/compare-history.ts';
import { vegaLogger } from '../../src/charts/vega-logger.ts';
import { jsonIsland } from '../../src/lib/json-island.ts';
import { embedOptions, fitSpec, readIsland, specForEmbed, withLogScale } from '../../src/client/vega-chart-options.ts';
import { readMetricList } from '../../src/client/run-series.ts';
import { compileMessages } from '../charts/compile-spec.ts';
import { sweep, sweepBands } from '../charts/experiment-charts.fixture.ts';

describe('specForEmbed', () => {
	it('drops usermeta, so a spec cannot override the embed options', () => {
		const spec = {
			mark: 'point',
			usermeta: {
				embedOptions: {
					actions: true,
					renderer: 'canvas',
					loader: { baseURL: 'https://evil.example/' },
				},
				table: {},
			},
		};
		const clean = specForEmbed(spec);
		expect(clean).toEqual({ mark: 'point' });
		expect(spec.usermeta.embedOptions.actions).toBe(true);
	});
});

describe('embedOptions', () => {
	it('is fixed: no actions, SVG, AST + interpreter, no injected styles, themed tooltip', () => {
		const expr = { marker: true };
		expect(embedOptions({ dark: false, expr })).toEqual({
			actions: false,
			renderer: 'svg',
			ast: true,
			expr,
			defaultStyle: false,
			tooltip: { theme: 'light', disableDefaultStyle: true },
			logLevel: 0,
		});
		expect(embedOptions({ dark: true, expr }).tooltip.theme).toBe('dark');
	});
});

describe('readIsland', () => {
	it('parses what jsonIsland wrote, and returns null for anything else', () => {
		const spec = { title: '</script><script>alert(1)</script>', mark: 'bar' };
		expect(readIsland(jsonIsland(spec))).toEqual(spec);
		expect(readIsland('')).toBeNull();
		expect(readIsland('{oops')).toBeNull();
		expect(readIsland('[1]')).toBeNull();
		expect(readIsland('null')).toBeNull();
		expect(readIsland(null)).toBeNull();
	});
});

describe('charts under a Content-Security-Policy without unsafe-eval', () => {
	const realFunction = globalThis.Function;
	afterEach(() => {
		globalThis.Function = realFunction;
	});

	it('parse with ast: true and render with the expression interpreter, never calling Function', async () => {
		const runs = sweep();
		const specs = [
			experimentBestHistorySpec(runs, { metric: 'val_loss', direction: 'lower' }),
			experimentParallelSpec(runs, { metric: 'val_loss', direction: 'lower' }),
			experimentParamScatterSpec(runs, { metric: 'val_loss', direction: 'lower' })!,
			experimentSeedBandSpec(sweepBands(runs), { metric: 'val_loss' }),
			compareHistorySpec([{ label: 'a', step: [0, 1], timestamp: [0, 1000], value: [1, 2] }], {
				metric: 'm',
				x: 'time',
				smoothing: 0.5,
			}),
		];
		const compiled = specs.map((spec) => compile(spec, { logger: vegaLogger() }).spec);
		let calls = 0;
		globalThis.Function = new Proxy(realFunction, {
			apply: () => {
				calls++;
				throw new EvalError('Function is disabled, as under CSP without unsafe-eval');
			},
			construct: () => {
				calls++;
				throw new EvalError('Function is disabled, as under CSP without unsafe-eval');
			},
		});
		for (const vgSpec of compiled) {
			const view = new View(parse(vgSpec, undefined, { ast: true }), {
				renderer: 'none',
				expr: expressionInterpreter,
				logger: vegaLogger(),
			} as never);
			expect(await view.toSVG()).toMatch(/^<svg/);
			view.finalize();
		}
		expect(calls).toBe(0);
	});
});

describe('fitSpec and withLogScale', () => {
	const wide = experimentBestHistorySpec(
		[0, 1, 2].map((i) => ({ id: `r${i}`.padEnd(32, '0'), name: `mlp-lr0.0${i}-h32-s1`, final: i, series: { step: [0, 1, 2], value: [3, 2, 1 + i] } })),
		{ metric: 'val_loss', direction: 'lower' },
	) as unknown as Record<string, unknown>;

	it('leaves a chart that fits alone, and fits a wide one to a phone with a one-column legend below', () => {
		expect(fitSpec(wide, 1000)).toBe(wide);
		const narrow = fitSpec(wide, 330) as { width: number; autosize: unknown; encoding: { color: { legend: { columns: number; orient: string } } } };
		expect(narrow.width).toBe(330);
		expect(narrow.autosize).toEqual({ type: 'fit-x', contains: 'padding' });
		expect(narrow.encoding.color.legend).toMatchObject({ columns: 1, orient: 'bottom' });
		expect(compileMessages(narrow as never)).toEqual([]);
	});

	it('switches the named axes to log and filters what a log axis cannot place', () => {
		const log = withLogScale(wide, ['y']) as { encoding: { y: { scale: Record<string, unknown> } }; transform: unknown[] };
		expect(log.encoding.y.scale).toEqual({ type: 'log' });
		expect(log.transform.at(-1)).toEqual({ filter: { field: 'value', gt: 0 } });
		expect(compileMessages(log as never)).toEqual([]);
		expect(withLogScale(wide, [])).toBe(wide);
	});

	it('reads a data-metrics list and nothing else', () => {
		expect(readMetricList('["train_loss","val_loss"]')).toEqual(['train_loss', 'val_loss']);
		expect(readMetricList('[1]')).toBeNull();
		expect(readMetricList('{')).toBeNull();
		expect(readMetricList(undefined)).toBeNull();
	});
});
