import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compactSvg, renderSvg, roundSvgCoordinates, stableSvgIds } from '../../src/charts/render-svg.ts';
import { metricColumns, withSeriesData } from '../../src/client/run-series.ts';
import { emaColumn, runMetricSpec } from '../../src/charts/metric-history.ts';
import { artifactKind, isSafeArtifactPath } from '../../src/components/run/artifact-kind.ts';
import { looksLikeMarkup, publicationOf } from '../../src/components/run/artifact-publication.ts';
import { repositoryWebUrl, sourceLinks } from '../../src/components/run/source-links.ts';
import { sparklinePoints, thinOut } from '../../src/components/run/sparkline.ts';
import { compile } from 'vega-lite';

describe('repositoryWebUrl', () => {
	it.each([
		['https://user:token@gitlab.com/group/sub/project.git', 'https://gitlab.com/group/sub/project'],
		['git@github.com:owner/repo.git', 'https://github.com/owner/repo'],
		['ssh://git@gitlab.example.com:2222/g/p.git', 'https://gitlab.example.com/g/p'],
		['https://gitlab.example.com:8443/g/p/', 'https://gitlab.example.com:8443/g/p'],
		['/home/me/repo', null],
		['javascript:alert(1)', null],
		['file:///srv/repo.git', null],
	])('%s → %s', (input, expected) => expect(repositoryWebUrl(input)).toBe(expected));
});

describe('sourceLinks', () => {
	it('uses GitHub commit URLs on github.com and no GitLab CI links there', () => {
		const links = sourceLinks({
			'mlflow.source.git.repoURL': 'https://github.com/o/r.git',
			'mlflow.source.git.commit': 'abcdef1234567',
			'gitlab.CI_JOB_ID': '1',
		});
		expect(links).toEqual([{ label: 'Git commit', text: 'abcdef123456', href: 'https://github.com/o/r/commit/abcdef1234567' }]);
	});
	it('ignores a non-hex commit and non-numeric CI ids', () => {
		const links = sourceLinks({
			'mlflow.source.git.repoURL': 'https://gitlab.com/g/p',
			'mlflow.source.git.commit': '../../x',
			'gitlab.CI_JOB_ID': '1/../../admin',
			'gitlab.CI_PIPELINE_ID': '9',
		});
		expect(links).toEqual([{ label: 'CI pipeline', text: '#9', href: 'https://gitlab.com/g/p/-/pipelines/9' }]);
	});
});

describe('artifacts', () => {
	const text = (s: string) => new TextEncoder().encode(s);
	it('publishes text as .txt or .json, MLmodel and YAML included, and markup-looking text not at all', async () => {
		expect(artifactKind('a/report.HTML')).toBe('download-only');
		expect(artifactKind('model/MLmodel')).toBe('text');
		expect(await publicationOf('model/MLmodel', text('flavors: {}\n'))).toMatchObject({ kind: 'text', served: expect.stringMatching(/^[0-9a-f]{16}-mlmodel\.txt$/) });
		expect(await publicationOf('conda.yaml', text('name: x\n'))).toMatchObject({ kind: 'text', served: expect.stringMatching(/^[0-9a-f]{16}-conda\.txt$/) });
		expect(await publicationOf('m.json', text('{"a": 1}'))).toMatchObject({ kind: 'text', served: expect.stringMatching(/^[0-9a-f]{16}-m\.json$/) });
		expect(await publicationOf('x.svg', text('plain words'))).toMatchObject({ kind: 'text', served: expect.stringMatching(/^[0-9a-f]{16}-x\.txt$/) });
		for (const head of ['<!DOCTYPE html>', '  \n<script>', '\ufeff<html>', '<?xml version="1.0"?>', '%PDF-1.7', '\u0000<\u0000h\u0000']) {
			expect(looksLikeMarkup(text(head)), head).toBe(true);
			expect(await publicationOf('notes.txt', text(head)), head).toMatchObject({ kind: 'text', served: null });
		}
		for (const head of ['a <b>', '{"html": "<p>"}', '', '# <title>']) expect(looksLikeMarkup(text(head)), head).toBe(false);
	});
	it('publishes images under the extension of the type sharp decodes, and nothing that does not decode as a raster image', async () => {
		const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).png().toBuffer();
		const jpeg = await sharp(png).jpeg().toBuffer();
		expect(await publicationOf('plots/roc.png', png)).toMatchObject({ kind: 'image', served: expect.stringMatching(/^[0-9a-f]{16}-roc\.png$/) });
		expect(await publicationOf('plots/roc.jpeg', jpeg)).toMatchObject({ kind: 'image', served: expect.stringMatching(/-roc\.jpeg$/) });
		expect(await publicationOf('plots/roc.png', jpeg)).toMatchObject({ kind: 'image', served: expect.stringMatching(/-roc\.jpg$/) });
		expect(await publicationOf('x.png', text('<html><script>window.__xss=1</script>'))).toMatchObject({ kind: 'none' });
		expect(await publicationOf('x.png', text('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>'))).toMatchObject({ kind: 'none' });
	});
	it('refuses unsafe paths', () => {
		for (const p of ['../x', 'a//b', 'a/./b', 'a\\b', '', 'a/..']) expect(isSafeArtifactPath(p), p).toBe(false);
		expect(isSafeArtifactPath('a/b.txt')).toBe(true);
	});
});

describe('sparkline', () => {
	it('draws finite values inside the box', () => {
		expect(sparklinePoints([1, 2, 3], 80, 20)).toBe('0,19 40,10 80,1');
		expect(sparklinePoints([5])).toBe('');
		expect(thinOut([...Array(1000).keys()])).toHaveLength(40);
	});
});

describe('roundSvgCoordinates', () => {
	it('rounds numbers in d, transform and points only, never merging two numbers', () => {
		const svg = '<path d="M1.23456,2.5L3.14159.99999Z" transform="translate(0.125,-0.0001)"/><text x="1.23456">1.23456</text>';
		expect(roundSvgCoordinates(svg)).toBe(
			'<path d="M1.2,2.5L3.1 1Z" transform="translate(0.1,0)"/><text x="1.23456">1.23456</text>',
		);
	});
});

describe('runMetricSpec', () => {
	const series = { step: [0, 1, 2, 3], timestamp: [1000, 2000, 4000, 8000], value: [1, 0.5, 0.25, 0.125] };
	it.each([
		{ x: 'step' as const },
		{ x: 'time' as const },
		{ x: 'relative' as const, smoothing: 0.6 },
		{ x: 'step' as const, logY: true },
	])('compiles without a warning: %j', (options) => {
		const warnings: string[] = [];
		const logger = { level: () => logger, error: () => logger, info: () => logger, debug: () => logger, warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger) };
		compile(runMetricSpec({ metric: 'val.loss[0]', series, ...options }), { logger: logger as never });
		expect(warnings).toEqual([]);
	});
	it('keeps the metric key out of field names', () => {
		expect(JSON.stringify(runMetricSpec({ metric: 'datum.x', series }))).not.toMatch(/"field":"datum/);
	});
	it('smooths with debiasing, so the first value stays', () => {
		expect(emaColumn([2, 2, 2], 0.9)).toEqual([2, 2, 2].map((v) => expect.closeTo(v, 10)));
	});
});

describe('stableSvgIds', () => {
	const chart = (n: number, colour: string) =>
		`<svg><defs><linearGradient id="gradient_${n}"><stop stop-color="${colour}"/></linearGradient><clipPath id="clip${n + 1}"><path d="M0,0h9v9h-9Z"/></clipPath></defs><rect fill="url(#gradient_${n})" clip-path="url(#clip${n + 1})"/></svg>`;

	it('names a chart\'s ids after the chart, whatever counters the renderer was at', () => {
		expect(stableSvgIds(chart(0, '#000'))).toBe(stableSvgIds(chart(7, '#000')));
		const ids = [...stableSvgIds(chart(0, '#000')).matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
		expect(ids).toHaveLength(2);
		for (const id of ids) expect(stableSvgIds(chart(0, '#000'))).toContain(`url(#${id})`);
		expect(stableSvgIds(chart(0, '#000'))).not.toMatch(/gradient_0|clip1/);
	});

	it('gives two different charts of one page different ids', () => {
		const a = [...stableSvgIds(chart(0, '#000')).matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
		const b = [...stableSvgIds(chart(0, '#fff')).matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
		expect(a.some((id) => b.includes(id))).toBe(false);
	});

	it('makes a chart with a colour gradient the same bytes each time it is rendered', async () => {
		// A quantitative colour gets a gradient legend: Vega numbers its <linearGradient> per process.
		const spec = {
			$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
			data: { values: [{ x: 1, y: 2, c: 0.1 }, { x: 2, y: 1, c: 0.9 }] },
			mark: 'point',
			encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'c', type: 'quantitative' } },
		} as const;
		const first = await renderSvg(spec as never, { cacheDir: false });
		const again = await renderSvg(spec as never, { cacheDir: false });
		expect(first).toMatch(/<linearGradient id="v[0-9a-f]{10}-0"/);
		expect(again).toBe(first);
	});

	it('leaves an SVG without ids as it is', () => {
		expect(stableSvgIds('<svg><path d="M0,0"/></svg>')).toBe('<svg><path d="M0,0"/></svg>');
	});
});

describe('compactSvg', () => {
	const FONT = 'font-family="system-ui, &quot;Segoe UI&quot;, sans-serif"';
	it('sets font attributes shared by every <text> once on the <svg> and drops opacity="1"', () => {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg"><g opacity="1"><text x="1" ${FONT} font-size="11px" opacity="1">a</text><text ${FONT} font-size="11px" opacity="0">b</text></g></svg>`;
		expect(compactSvg(svg)).toBe(
			`<svg ${FONT} font-size="11px" xmlns="http://www.w3.org/2000/svg"><g><text x="1">a</text><text opacity="0">b</text></g></svg>`,
		);
	});

	it('leaves an attribute on each <text> when they differ', () => {
		const svg = `<svg class="marks"><text ${FONT} font-size="11px">a</text><text ${FONT} font-size="13px">b</text></svg>`;
		expect(compactSvg(svg)).toBe(`<svg ${FONT} class="marks"><text font-size="11px">a</text><text font-size="13px">b</text></svg>`);
	});

	it('drops paths that draw nothing and sets a rule group\'s shared stroke once on the group', () => {
		const rules = '<g class="mark-rule role-axis-grid" pointer-events="none"><line x2="9" stroke="#8884" stroke-width="1"/><line y2="9" stroke="#8884" stroke-width="1"/></g>';
		const svg = `<svg><path class="background" d="M0,0h0v0h0Z"/><path class="foreground" d="" display="none"/><path d="M0,0h0v0h0Z" stroke="#000"/>${rules}</svg>`;
		expect(compactSvg(svg)).toBe(
			'<svg><path d="M0,0h0v0h0Z" stroke="#000"/><g class="mark-rule role-axis-grid" pointer-events="none" stroke="#8884" stroke-width="1"><line x2="9"/><line y2="9"/></g></svg>',
		);
		// Lines that differ keep their own strokes.
		const mixed = '<svg><g class="mark-rule"><line stroke="#000" stroke-width="1"/><line stroke="#fff" stroke-width="1"/></g></svg>';
		expect(compactSvg(mixed)).toBe(mixed);
	});

	it('changes no pixel of a rendered chart', async () => {
		const step = Array.from({ length: 50 }, (_, i) => i);
		const series = { step, timestamp: step.map((s) => 1_000 * s), value: step.map((s) => Math.cos(s / 9)) };
		const svg = await renderSvg(runMetricSpec({ metric: 'loss', series }), { cacheDir: false });
		// A chart as Vega writes it again: the grid's stroke back on every line, the empty paths back.
		const verbose = svg
			.replace(/(<g class="mark-rule[^"]*"[^>]*?)( stroke="[^"]*" stroke-width="[^"]*")>((?:<line\b[^>]*\/>)+)/g, (_all, open: string, stroke: string, lines: string) => `${open}>${lines.replaceAll('/>', `${stroke}/>`)}`)
			.replace('<g class="mark-group role-axis" aria-hidden="true">', '$&<path class="foreground" d="" display="none"/>');
		expect(verbose).not.toBe(svg);
		const pixels = (text: string) => sharp(Buffer.from(text)).flatten({ background: '#fff' }).raw().toBuffer();
		expect((await pixels(svg)).equals(await pixels(verbose))).toBe(true);
		expect(svg).not.toMatch(/<line[^>]* stroke=/);
		expect(svg).not.toMatch(/ d=""/);
	});

	it('makes a 1,000-point run chart about 2.4 KB smaller, every label keeping its font', async () => {
		const step = Array.from({ length: 1000 }, (_, i) => i);
		const series = { step, timestamp: step.map((s) => 1_000 * s), value: step.map((s) => Math.cos(s / 90)) };
		const svg = await renderSvg(runMetricSpec({ metric: 'loss', series }), { cacheDir: false });
		expect(svg).toMatch(/^<svg font-family="system-ui[^"]*" font-size="11px" /);
		expect(svg).not.toMatch(/<text[^>]* font-family=/);
		expect(svg).not.toContain('opacity="1"');
		expect(svg.length).toBeLessThan(22_000);
	});
});

describe('withSeriesData', () => {
	const runSeries = { runId: 'r', maxPoints: 1000, metrics: { loss: { step: [0, 5], timestamp: [1000, 3500], value: [0.123456789, 2] } } };
	const spec = { mark: 'line', transform: [{ flatten: ['s', 't', 'v'] }] };

	it('adds the metric as one row of columns, as runMetricSpec inlines it', () => {
		const inline = runMetricSpec({ metric: 'loss', series: runSeries.metrics.loss }) as { data: unknown };
		expect(withSeriesData(spec, runSeries, 'loss')).toStrictEqual({ ...spec, data: inline.data });
		expect(metricColumns(runSeries, 'loss')).toStrictEqual({ s: [0, 5], t: [0, 2500], v: [0.1234568, 2], t0: 1000 });
	});

	it('is null for a missing, inherited or malformed metric', () => {
		expect(withSeriesData(spec, runSeries, 'acc')).toBeNull();
		expect(withSeriesData(spec, runSeries, '__proto__')).toBeNull();
		expect(withSeriesData(spec, runSeries, 'toString')).toBeNull();
		expect(withSeriesData(spec, { metrics: { loss: { step: [0], timestamp: [0], value: ['1'] } } }, 'loss')).toBeNull();
		expect(withSeriesData(spec, null, 'loss')).toBeNull();
	});
});
