/**
 * §4.1 #15-#17 of the security reference: metric keys, run names and param names reach charts
 * only as text. Specs are compiled with Vega-Lite and every Vega expression is parsed: data may
 * appear in string literals, never as code. SSR SVG text is escaped, and the embed options of a
 * chart cannot be changed from a spec.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExpression } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareHistorySpec } from '../../src/charts/compare-history.ts';
import { experimentFinalBarsSpec } from '../../src/charts/experiment-final-bars.ts';
import { experimentParamScatterSpec } from '../../src/charts/experiment-param-scatter.ts';
import { metricHistorySpec } from '../../src/charts/metric-history.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { embedOptions, specForEmbed } from '../../src/client/vega-chart-options.ts';
import { hostileRunId, METRIC_KEYS } from '../fixtures/hostile/make-hostile-store.ts';
import { INJECTION } from '../fixtures/hostile/naughty.ts';
import { scripts, tags } from './html.ts';
import { hostileSite } from './hostile-site.ts';

const EXPRESSION_KEYS = new Set(['signal', 'expr', 'update', 'test', 'calculate', 'filter', 'init']);

/** Every expression string of a compiled Vega spec. */
function expressions(value: unknown, key = '', out: string[] = []): string[] {
	if (typeof value === 'string') {
		if (EXPRESSION_KEYS.has(key)) out.push(value);
	} else if (Array.isArray(value)) value.forEach((v) => expressions(v, key === 'filter' ? key : '', out));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expressions(v, k, out);
	return out;
}

/** Identifiers and member names of an expression's syntax tree (string literals excluded). */
function codeNames(expr: string): string[] {
	const names: string[] = [];
	const walk = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		const n = node as Record<string, unknown>;
		if (n['type'] === 'Identifier') names.push(String(n['name']));
		// The key of an object literal is a name, not code that runs.
		if (n['type'] === 'Property') return walk(n['value']);
		for (const v of Object.values(n)) (Array.isArray(v) ? v : [v]).forEach(walk);
	};
	walk(parseExpression(expr));
	return names;
}

/** Compiles `spec` and returns every name used as code in its expressions. */
function codeNamesOf(spec: TopLevelSpec): string[] {
	return expressions(compile(spec).spec).flatMap(codeNames);
}

/**
 * Names only injected code would use (the payloads set `window.__xss`). Prototype member names
 * are not listed: vega-expression's parser turns a string literal such as "constructor" into an
 * identifier (its keyword table is a plain object), which breaks a chart but runs nothing.
 */
const hostileNames = (names: string[]) => names.filter((n) => /xss|window|alert|eval|Function|document|setTimeout/i.test(n));

const series = { step: [0, 1, 2], timestamp: [1, 2, 3], value: [0.5, 0.4, 0.3] };
const hostileRuns = METRIC_KEYS.map((key, i) => ({ id: hostileRunId(i), name: key, final: 0.1 * (i + 1), params: { [key]: String(i), image: String(i), title: String(i * 2) } }));

describe('data never becomes chart code (#15)', () => {
	it.each(METRIC_KEYS)('a run chart of metric %j compiles to expressions without injected code', (metric) => {
		const names = codeNamesOf(metricHistorySpec({ metric, series }));
		expect(hostileNames(names)).toEqual([]);
	});

	it('a compare chart with hostile run labels and metric key has no injected code', () => {
		const spec = compareHistorySpec(
			METRIC_KEYS.map((label) => ({ label, ...series })),
			{ metric: INJECTION.vegaQuote, smoothing: 0.5 },
		);
		expect(hostileNames(codeNamesOf(spec))).toEqual([]);
		expect(JSON.stringify((spec as { data?: unknown }).data ?? spec)).toContain(JSON.stringify(INJECTION.vegaSingle).slice(1, -1));
	});

	it('experiment charts with hostile metric and param names have no injected code', () => {
		for (const metric of [INJECTION.vegaQuote, INJECTION.vegaSingle, INJECTION.bracket]) {
			expect(hostileNames(codeNamesOf(experimentFinalBarsSpec(hostileRuns, { metric, direction: 'lower' })))).toEqual([]);
			expect(hostileNames(codeNamesOf(experimentParamScatterSpec(hostileRuns, { metric, direction: 'lower' })!))).toEqual([]);
		}
	});

	it('keeps field names fixed: a dotted or bracketed metric key is never a field (#15)', () => {
		const spec = JSON.stringify(metricHistorySpec({ metric: INJECTION.bracket, series }));
		const fields = [...spec.matchAll(/"field":"([^"]*)"/g)].map((m) => m[1]);
		expect(fields.every((f) => ['step', 'value'].includes(f!))).toBe(true);
	});

	// vega-tooltip renders the keys `image` (as <img src>) and `title` (as a heading) specially.
	// Data-derived tooltip titles only ever label numbers, so a param called `image` cannot
	// carry a URL or markup into the tooltip.
	it('labels only numbers with data-derived tooltip titles, so `image` and `title` params stay inert (#16)', () => {
		const spec = experimentParamScatterSpec(hostileRuns, { metric: 'loss', direction: 'lower' }) as unknown as { concat: Array<{ encoding: { tooltip: Array<{ field: string; type: string; title?: string }> } }> };
		const titled = spec.concat.flatMap((p) => p.encoding.tooltip.filter((t) => t.title !== undefined));
		expect(titled.map((t) => t.title)).toEqual(expect.arrayContaining(['image', 'title']));
		for (const t of titled) expect(t.type).toBe('quantitative');
	});
});

describe('charts in the built hostile site', () => {
	let site: Awaited<ReturnType<typeof hostileSite>>;
	beforeAll(async () => {
		site = await hostileSite();
	});

	it('compiles every chart island to expressions without injected code', () => {
		let charts = 0;
		for (const page of site.pages) {
			for (const s of scripts(site.read(page))) {
				if (s.tag.attributes['type'] !== 'application/json' || 'data-runs' in s.tag.attributes) continue;
				charts++;
				expect(hostileNames(codeNamesOf(JSON.parse(s.body) as TopLevelSpec)), page).toEqual([]);
			}
		}
		expect(charts).toBeGreaterThan(0);
	});

	it('uses no tooltip that shows whole data rows (content: "data")', () => {
		for (const page of site.pages) for (const s of scripts(site.read(page))) expect(s.body).not.toMatch(/"content":"data"/);
	});

	it('writes SVG charts whose labels are escaped text, with no script, foreignObject or handler', () => {
		const html = site.read(`runs/${hostileRunId(0)}/index.html`);
		const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
		expect(svgs.length).toBeGreaterThan(0);
		for (const svg of svgs) {
			const inSvg = tags(svg);
			expect(inSvg.filter((t) => ['script', 'foreignobject', 'iframe', 'a', 'img'].includes(t.name))).toEqual([]);
			expect(inSvg.filter((t) => Object.keys(t.attributes).some((a) => a.startsWith('on')))).toEqual([]);
		}
		// One chart per run page is drawn at build time (charts.svgPerRun); the metric named
		// after a script is drawn in the browser (test/e2e/hostile.e2e.ts), and the page lists it
		// in an attribute whose quotes are escaped, so no tag or attribute can start there. The
		// test below renders that name into an SVG itself.
		const listed = html.match(/ data-browser-charts="([^"]*)"/)![1]!;
		expect(tags(`<div data-browser-charts="${listed}">`)).toHaveLength(1);
		expect(JSON.parse(listed.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'))).toContain('<script>window.__xss=1</script>');
		expect(html).toContain('<th scope="row" class="mono">&lt;script&gt;window.__xss=1&lt;/script&gt;</th>');
	});

	it('renders a hostile metric key into SVG text only, escaped', async () => {
		const svg = await renderSvg(metricHistorySpec({ metric: INJECTION.script + INJECTION.attribute, series }), { cacheDir: false });
		expect(tags(svg).map((t) => t.name)).not.toContain('script');
		expect(tags(svg).map((t) => t.name)).not.toContain('img');
		expect(svg).toContain('&lt;script&gt;');
	});
});

describe('embed options cannot be changed by a spec (#17)', () => {
	const hostile = { mark: 'point', usermeta: { embedOptions: { ast: false, actions: true, editorUrl: 'https://evil.example/', loader: { baseURL: 'https://evil.example/' }, patch: 'https://evil.example/p.json' } } };

	it('strips usermeta (embedOptions included) from the spec handed to vega-embed', () => {
		expect(specForEmbed(hostile)).toEqual({ mark: 'point' });
		expect(JSON.stringify(specForEmbed(hostile))).not.toContain('evil.example');
	});

	it('always embeds with the interpreter, no actions and no injected styles', () => {
		const options = embedOptions({ dark: false, expr: {} });
		expect(options).toMatchObject({ ast: true, actions: false, defaultStyle: false, tooltip: { disableDefaultStyle: true } });
		expect(options).not.toHaveProperty('editorUrl');
		expect(options).not.toHaveProperty('loader');
	});

	it('has <vega-chart> embed only the stripped spec, and put nothing of Vega on window (CVE-2025-59840)', () => {
		const source = readFileSync(join(import.meta.dirname, '../../src/client/vega-chart.ts'), 'utf8');
		expect(source).toMatch(/embed\([^)]*specForEmbed\(/);
		expect(source).not.toMatch(/(?:window|globalThis|self)\s*(?:\.\s*(?:vega|VEGA_DEBUG|view)|\[)/i);
	});
});
