import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { bestRuns, experimentBestHistorySpec } from '../../src/charts/experiment-best-history.ts';
import { runLabels, thinSeries, wantsLogScale } from '../../src/charts/experiment-common.ts';
import { experimentFinalBarsSpec } from '../../src/charts/experiment-final-bars.ts';
import { experimentParallelSpec } from '../../src/charts/experiment-parallel.ts';
import {
	experimentParamScatterSpec,
	numericParams,
} from '../../src/charts/experiment-param-scatter.ts';
import { experimentSeedBandSpec } from '../../src/charts/experiment-seed-band.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { compileMessages, schemaErrors } from './compile-spec.ts';
import { sweep, sweepBands } from './experiment-charts.fixture.ts';

const runs = sweep();
const table = (spec: TopLevelSpec) =>
	(spec.usermeta as { table: { columns: string[]; rows: unknown[][] } }).table;
const values = (spec: TopLevelSpec) =>
	(spec as { data: { values: Record<string, unknown>[] } }).data.values;

/** Compiles cleanly, validates against the schema, renders to SVG with no message. */
async function expectCleanChart(spec: TopLevelSpec) {
	expect(compileMessages(spec)).toEqual([]);
	expect(schemaErrors(spec)).toEqual([]);
	const messages: string[] = [];
	const svg = await renderSvg(spec, {
		cacheDir: false,
		onMessage: (level, m) => messages.push(`${level}: ${m}`),
	});
	expect(messages).toEqual([]);
	expect(svg).toMatch(/^<svg/);
	expect(typeof spec.title === 'string' && spec.title.length > 0).toBe(true);
	expect(spec.description?.length).toBeGreaterThan(20);
	return svg;
}

describe('experimentBestHistorySpec', () => {
	it('overlays the best 10 runs, best first, thinned to the point budget', async () => {
		const spec = experimentBestHistorySpec(runs, {
			metric: 'val_loss',
			direction: 'lower',
			pointsPerSeries: 50,
		});
		await expectCleanChart(spec);
		const rows = values(spec) as { run: string; step: number[]; value: number[] }[];
		expect(rows).toHaveLength(10);
		expect(rows[0]!.run).toBe('lr0.01-adam-s1');
		expect(rows.every((r) => r.step.length <= 50 && r.step.length === r.value.length)).toBe(true);
		expect(rows[0]!.step[0]).toBe(0);
		expect(rows[0]!.step.at(-1)).toBe(199);
		expect(table(spec).rows[0]).toEqual([
			1,
			'lr0.01-adam-s1',
			expect.any(Number),
			0,
			199,
			rows[0]!.step.length,
		]);
	});

	it('takes n and the direction', () => {
		const spec = experimentBestHistorySpec(runs, { metric: 'val_loss', direction: 'higher', n: 3 });
		// The legend keeps what differs (the shared `lr0.0001-sgd-` goes to its title); the
		// tooltip and table keep the full names.
		expect(values(spec).map((r) => r['run'])).toEqual(['s3', 's2', 's1']);
		expect(values(spec).map((r) => r['name'])).toEqual([
			'lr0.0001-sgd-s3',
			'lr0.0001-sgd-s2',
			'lr0.0001-sgd-s1',
		]);
		const color = (spec as { encoding: { color: { legend: { title: string; orient: string } } } }).encoding.color;
		expect(color.legend).toMatchObject({ title: 'run, best first (lr0.0001-sgd-…)', orient: 'bottom' });
		expect(
			compileMessages(experimentBestHistorySpec([], { metric: 'm', direction: 'lower' })),
		).toEqual([]);
	});

	it('ranks only finite finals', () => {
		expect(
			bestRuns([{ final: NaN }, { final: null }, { final: 2 }, { final: 1 }], 'lower', 5),
		).toEqual([{ final: 1 }, { final: 2 }]);
	});
});

describe('experimentParallelSpec', () => {
	it('draws varying params and the metric as axes, positions in [0, 1]', async () => {
		const spec = experimentParallelSpec(runs, { metric: 'val_loss', direction: 'lower' });
		await expectCleanChart(spec);
		expect(table(spec).columns).toEqual(['run', 'lr', 'optimizer', 'seed', 'val_loss']);
		const lines = (
			spec as {
				layer: { data: { values: { pos: number[]; axis: string[]; value: string[] }[] } }[];
			}
		).layer[1]!.data.values;
		expect(lines).toHaveLength(24);
		expect(lines.every((l) => l.axis.length === 4 && l.pos.every((p) => p >= 0 && p <= 1))).toBe(
			true,
		);
		// lr spans three decades: a log axis puts 0.001 a third of the way up.
		const line = lines.find((l) => l.value[0] === '0.001')!;
		expect(line.axis[0]).toBe('lr');
		expect(line.pos[0]).toBeCloseTo(1 / 3, 3);
	});

	it('caps runs and axes', () => {
		const spec = experimentParallelSpec(runs, {
			metric: 'val_loss',
			direction: 'lower',
			maxRuns: 5,
			maxAxes: 1,
		});
		expect(table(spec).rows).toHaveLength(5);
		expect(table(spec).columns).toEqual(['run', 'lr', 'val_loss']);
	});
});

describe('experimentParamScatterSpec', () => {
	it('draws one panel per numeric param, log x across decades', async () => {
		const spec = experimentParamScatterSpec(runs, { metric: 'val_loss', direction: 'lower' })!;
		await expectCleanChart(spec);
		const panels = (
			spec as { concat: { encoding: { x: { title: string; scale: { type?: string } } } }[] }
		).concat;
		expect(panels.map((p) => [p.encoding.x.title, p.encoding.x.scale.type ?? 'linear'])).toEqual([
			['lr', 'log'],
			['seed', 'linear'],
		]);
		expect(numericParams(runs)).toEqual(['lr', 'seed']);
	});

	it('is null without a numeric param', () => {
		expect(
			experimentParamScatterSpec([{ id: 'a', name: null, params: { opt: 'adam' }, final: 1 }], {
				metric: 'm',
				direction: 'lower',
			}),
		).toBeNull();
	});
});

describe('experimentFinalBarsSpec', () => {
	it('draws the best n bars, best on top, and says what it left out', async () => {
		const withMissing = [...runs, { id: 'nan', name: 'broken', final: NaN }];
		const spec = experimentFinalBarsSpec(withMissing, {
			metric: 'val_loss',
			direction: 'lower',
			n: 5,
		});
		await expectCleanChart(spec);
		expect(values(spec).map((v) => v['rank'])).toEqual([1, 2, 3, 4, 5]);
		expect(spec.description).toContain('the best 5 of 24');
		expect(spec.description).toContain('1 run without a finite value left out');
	});
});

describe('experimentSeedBandSpec', () => {
	it('draws a mean line and ±1 sd band per seed group', async () => {
		const bands = sweepBands();
		expect(bands).toHaveLength(8);
		const spec = experimentSeedBandSpec(bands, { metric: 'val_loss' });
		await expectCleanChart(spec);
		const rows = values(spec) as {
			run: string;
			name: string;
			step: number[];
			mean: number[];
			lower: number[];
			upper: number[];
		}[];
		expect(rows.map((r) => r.run)).toEqual(bands.map((b) => b.label.replace(/^lr=/, '')));
		expect(rows[0]!.name).toBe('lr=0.0001, optimizer=adam (3 runs)');
		expect(table(spec).rows[0]![0]).toBe('lr=0.0001, optimizer=adam');
		expect(rows[0]!.step).toHaveLength(200);
		// Seeds 1, 2, 3 shift the floor by 0.01 each: at the last step the sd is about 0.01.
		expect(table(spec).rows[0]![4]).toBeCloseTo(0.01, 2);
	});
});

describe('seed groups of one step', () => {
	it('are left out with a note instead of an empty plot with a NaN axis', async () => {
		const one = (label: string, step: number) => ({ label, runs: 2, band: [{ step, mean: 0.8, sd: 0, n: 2, lower: 0.8, upper: 0.8 }] });
		const [good] = sweepBands();
		const spec = experimentSeedBandSpec([good!, one('lr=1', 0), one('lr=2', 0)], { metric: 'val_loss' });
		const svg = await expectCleanChart(spec);
		expect(values(spec)).toHaveLength(1);
		expect(spec.description).toContain('2 groups with a single step left out');
		expect(svg).not.toContain('NaN');
	});
});

describe('experimentFinalBarsSpec', () => {
	it('zooms to the data range, so accuracies 0.8217–0.8253 do not look alike', async () => {
		const close = [0.8217, 0.8253, 0.8231].map((final, i) => ({ id: `r${i}`.padEnd(32, '0'), name: `mlp-sweep-run-${i}`, final }));
		const spec = experimentFinalBarsSpec(close, { metric: 'val_accuracy', direction: 'higher' });
		const svg = await expectCleanChart(spec);
		const enc = (spec as { encoding: { x: { scale: { zero: boolean } } } }).encoding;
		expect(enc.x.scale.zero).toBe(false);
		// Ticks between the values, none at 0.
		const tickLabels = [...svg.matchAll(/<text[^>]*>(0\.[0-9]+)<\/text>/g)].map((m) => Number(m[1]));
		expect(tickLabels.length).toBeGreaterThan(2);
		expect(Math.min(...tickLabels)).toBeGreaterThan(0.8);
		// Dots are that far apart on the picture: the x positions of the best and worst differ by > 100 px.
		const xs = [...svg.matchAll(/<path[^>]*transform="translate\(([0-9.]+),[0-9.]+\)"[^>]*d="M[^"]*A/g)].map((m) => Number(m[1]));
		expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(100);
	});
});

describe('helpers', () => {
	it('makes unique run labels', () => {
		expect(
			runLabels([
				{ id: 'aaaaaaaa11', name: 'x' },
				{ id: 'bbbbbbbb22', name: 'x' },
				{ id: 'cccccccc33', name: null },
			]),
		).toEqual(['x (aaaaaaaa)', 'x (bbbbbbbb)', 'cccccccc']);
	});

	it('thins a series keeping first, last and extremes, dropping non-finite values', () => {
		const step = Array.from({ length: 5000 }, (_, i) => i);
		const value = step.map((s) => (s === 1234 ? -99 : s === 77 ? NaN : Math.sin(s / 100)));
		const thin = thinSeries({ step, value }, 100);
		expect(thin.step.length).toBeLessThanOrEqual(100);
		expect(thin.step[0]).toBe(0);
		expect(thin.step.at(-1)).toBe(4999);
		expect(thin.value).toContain(-99);
		expect(thin.value.every(Number.isFinite)).toBe(true);
	});

	it('wants a log scale across two decades of positive values', () => {
		expect(wantsLogScale([0.001, 0.1])).toBe(true);
		expect(wantsLogScale([0.01, 0.1])).toBe(false);
		expect(wantsLogScale([0, 0.1, 10])).toBe(false);
	});
});
