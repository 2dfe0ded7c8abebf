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
import { embedOptions, readIsland, specForEmbed } from '../../src/client/vega-chart-options.ts';
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
