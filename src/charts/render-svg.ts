import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderInPool } from './render-pool.ts';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';

/**
 * Bump when the SVG post-processing changes, so cached charts are re-rendered.
 * 2: coordinates in `d`, `transform` and `points` rounded to 2 decimals (roundSvgCoordinates).
 * 3: font attributes shared by every `<text>` set once on the `<svg>`, `opacity="1"` dropped (compactSvg).
 * 4: coordinates rounded to 1 decimal.
 * 5: empty paths dropped, a rule group's shared stroke set once on the group (compactSvg).
 * 6: element ids made from the chart's content (stableSvgIds).
 */
const RENDER_VERSION = 6;

/** A decimal number with 2 or more fraction digits, optionally with an exponent. */
const LONG_NUMBER = /-?(?:\d+\.\d{2,}|\.\d{2,}|\d+(?:\.\d+)?e[-+]?\d+|\.\d+e[-+]?\d+)/gi;
/** The geometry attributes that are rewritten; text, ids and data never are. */
const GEOMETRY_ATTRIBUTE = /\s(d|transform|points)="([^"]*)"/g;

/**
 * Rounds every number in the `d`, `transform` and `points` attributes of an SVG to 1 decimal
 * (1/10 px: below what a screen shows, even at 2× pixel density), which makes a 1,000-point line
 * chart about 40 % smaller than Vega writes it: the byte budget of a run page with three charts.
 * A rounded number that follows a digit or `.` directly (path data may write `1.5.25` for
 * `1.5 0.25`) is preceded by a space, so two numbers never merge. Other attributes and text
 * are left alone.
 */
export function roundSvgCoordinates(svg: string): string {
	return svg.replace(GEOMETRY_ATTRIBUTE, (_all, name: string, value: string) => {
		const rounded = value.replace(LONG_NUMBER, (number: string, offset: number, whole: string) => {
			const n = Math.round(Number(number) * 10) / 10;
			const text = Object.is(n, -0) ? '0' : String(n);
			return offset > 0 && /[\d.]/.test(whole[offset - 1]!) && !number.startsWith('-') ? ` ${text}` : text;
		});
		return ` ${name}="${rounded}"`;
	});
}

/** A path with no geometry, or a zero-size rectangle: `d=""` or `d="M0,0h0v0h0Z"`. */
const EMPTY_PATH = /\sd="(?:|M0,0h0v0h0Z)"/;
/** A group of rules (`mark-rule`: grid lines, ticks, domains) holding only `<line>`s. */
const RULE_GROUP = /(<g class="mark-rule[^"]*"[^>]*>)((?:<line\b[^>]*\/>)+)<\/g>/g;
/** A line's stroke colour and width as Vega writes them, in this order. */
const LINE_STROKE = / stroke="[^"]*" stroke-width="[^"]*"/;

/** Inherited text attributes that Vega writes on every `<text>`; hoisted when all agree. */
const HOISTED_TEXT_ATTRIBUTES = ['font-family', 'font-size'] as const;

/**
 * Removes what Vega repeats on every element without changing the picture: `font-family` and
 * `font-size` (inherited properties) are set once on the root `<svg>` when every `<text>` has
 * the same value, and `opacity="1"` (the initial value; opacity is not inherited) is dropped.
 * Saves about 1.5 KB per chart; text, ids, geometry and data are left alone.
 * Paths that draw nothing are dropped too: Vega's empty `d=""` foregrounds and zero-size
 * `M0,0h0v0h0Z` backgrounds that have no stroke. The `<line>`s of a rule group (grid lines,
 * ticks) that all carry the same `stroke` and `stroke-width` get them from their group instead
 * (both are inherited): about 1 KB more per chart.
 */
export function compactSvg(svg: string): string {
	let out = svg
		.replaceAll(' opacity="1"', '')
		.replace(/<path\b[^>]*>/g, (tag) => (EMPTY_PATH.test(tag) && !/\sstroke=/.test(tag) ? '' : tag))
		.replace(RULE_GROUP, (all, open: string, lines: string) => {
			const strokes = new Set([...lines.matchAll(/<line\b[^>]*>/g)].map((m) => LINE_STROKE.exec(m[0])?.[0] ?? null));
			const [stroke] = strokes;
			if (strokes.size !== 1 || !stroke || /\sstroke=/.test(open)) return all;
			return `${open.slice(0, -1)}${stroke}>${lines.replaceAll(stroke, '')}</g>`;
		});
	const texts = out.match(/<text\b[^>]*>/g) ?? [];
	if (texts.length === 0 || !out.startsWith('<svg ')) return out;
	const hoisted: string[] = [];
	for (const name of HOISTED_TEXT_ATTRIBUTES) {
		const pattern = new RegExp(` ${name}="([^"]*)"`);
		const values = new Set(texts.map((t) => t.match(pattern)?.[1] ?? null));
		const [value] = values;
		if (values.size !== 1 || value === null || value === undefined) continue;
		const attribute = ` ${name}="${value}"`;
		out = out.replace(/<text\b[^>]*>/g, (tag) => tag.replace(attribute, ''));
		hoisted.push(attribute);
	}
	return hoisted.length > 0 ? `<svg${hoisted.join('')}${out.slice(4)}` : out;
}

/**
 * Gives the ids Vega writes (`gradient_0`, `clip3`: counters of the process that rendered the
 * chart) names made from the chart itself: `v<hash>-<n>`, with the hash of the SVG whatever its
 * counters said, and every `url(#…)` and `href="#…"` that points at them renamed alike. With
 * counters, a chart's bytes depended on which worker drew it and what that worker drew before
 * (so a sharded build and an unsharded one differed), and two charts on one page could both
 * define `gradient_0`, the second then painted with the first one's gradient.
 */
export function stableSvgIds(svg: string): string {
	const ids = [...new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))];
	if (ids.length === 0) return svg;
	let neutral = svg;
	ids.forEach((id, i) => {
		const token = `\0${i}\0`;
		neutral = neutral.replaceAll(`id="${id}"`, `id="${token}"`).replaceAll(`url(#${id})`, `url(#${token})`).replaceAll(`href="#${id}"`, `href="#${token}"`);
	});
	const hash = createHash('sha256').update(neutral).digest('hex').slice(0, 10);
	return neutral.replace(/\0(\d+)\0/g, (_all, i: string) => `v${hash}-${i}`);
}

let tempCounter = 0;

/** The text of a cached file, or null when it is not there. */
function readCached(file: string): string | null {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

/** Default cache folder, relative to the working directory (the project root in a build), or under MLPAGES_CACHE_DIR. */
export const DEFAULT_CHART_CACHE = mlpagesCacheDir('charts');

/** Options of renderSvg. */
export interface RenderSvgOptions {
	/** Cache folder; `false` turns caching off. @default DEFAULT_CHART_CACHE */
	cacheDir?: string | false;
	/** Receives what Vega-Lite and Vega warn about. @default ignore */
	onMessage?: (level: 'warn' | 'error', message: string) => void;
	/** Called with `true` on a cache hit and `false` on a render, for counting. */
	onResult?: (cached: boolean) => void;
	/**
	 * What the spec is made from, as text that changes whenever the spec would: the name of the
	 * spec builder and its inputs, with data given by a content hash the exporter wrote (e.g.
	 * `run-metric\0<metric>\0<series digest>`). The cache key is then made from it and the chart
	 * code's version instead of from the whole spec (chartKeyOf). @default the spec's own hash
	 */
	key?: string;
}

/**
 * The version of an installed package, from the nearest `package.json` named `name` above the
 * file it resolves to (vega and vega-lite do not export their `package.json`).
 */
function installedVersion(name: string): string {
	let dir = dirname(createRequire(import.meta.url).resolve(name));
	for (;;) {
		const manifest = readCached(join(dir, 'package.json'));
		const parsed = manifest === null ? null : (JSON.parse(manifest) as { name?: string; version?: string });
		if (parsed?.name === name && parsed.version) return parsed.version;
		if (dirname(dir) === dir) throw new Error(`No package.json of ${name} above ${dir}`);
		dir = dirname(dir);
	}
}

/**
 * Vega and Vega-Lite versions, part of every cache key. Read from their `package.json` rather
 * than imported: a warm build takes every chart from the cache and never loads the renderers
 * (about 0.35 s CPU for vega and vega-lite's modules).
 */
let versions: string[] | null = null;
const rendererVersions = () => (versions ??= [installedVersion('vega'), installedVersion('vega-lite')]);

/** Content hash of a spec and the renderer versions: the cache key of its SVG. */
export function chartKey(spec: TopLevelSpec): string {
	return createHash('sha256')
		.update(JSON.stringify([RENDER_VERSION, ...rendererVersions(), spec]))
		.digest('hex')
		.slice(0, 32);
}

let codeVersion: string | null | undefined;
/**
 * Hash of the chart code that makes specs: every file of mlpages' `src/charts/` (the package
 * ships its sources), read once per process; null when that folder cannot be found, and then
 * callers key charts by their spec. An edit to a spec builder or the palette changes it.
 */
export function chartCodeVersion(): string | null {
	if (codeVersion !== undefined) return codeVersion;
	try {
		const dir = join(dirname(createRequire(import.meta.url).resolve('mlpages/package.json')), 'src', 'charts');
		const hash = createHash('sha256');
		for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) hash.update(`${name}\0`).update(readFileSync(join(dir, name)));
		codeVersion = hash.digest('hex').slice(0, 16);
	} catch {
		codeVersion = null;
	}
	return codeVersion;
}

/**
 * The cache key of a chart described by `key` (RenderSvgOptions.key): a hash of it, the chart
 * code's version and the renderer versions; null when the chart code's version is unknown.
 */
export function chartKeyOf(key: string): string | null {
	const code = chartCodeVersion();
	if (code === null) return null;
	return createHash('sha256')
		.update(JSON.stringify([RENDER_VERSION, code, ...rendererVersions(), key]))
		.digest('hex')
		.slice(0, 32);
}

/**
 * Renders a Vega-Lite spec to an SVG string at build time (compile → Vega View with renderer
 * `none` → `toSVG()`, on a worker thread), without a browser. Vega escapes text and attribute values it writes.
 * Unchanged specs are read from `<cacheDir>/<hash>.svg` instead of being rendered again; the
 * cache is written atomically (temp file, then rename), so parallel builds cannot read half a file.
 */
export async function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
	const { cacheDir = DEFAULT_CHART_CACHE, onMessage, onResult, key } = options;
	const file = cacheDir === false ? null : join(resolve(cacheDir), `${(key === undefined ? null : chartKeyOf(key)) ?? chartKey(spec)}.svg`);
	if (file) {
		// A synchronous read: a warm build reads one cached SVG per chart, and readFileSync costs
		// a fraction of fs/promises' open, fstat, read and close round trips for a small file.
		const hit = readCached(file);
		if (hit !== null) {
			onResult?.(true);
			return hit;
		}
	}
	// Compiling and rendering happen on a worker thread (render-pool.ts): pages go on rendering
	// while charts render on the other cores. Post-processing is a few regular expressions.
	let result;
	try {
		result = await renderInPool(spec);
	} catch (error) {
		for (const [level, message] of (error as { messages?: Array<['warn' | 'error', string]> }).messages ?? []) onMessage?.(level, message);
		throw error;
	}
	for (const [level, message] of result.messages) onMessage?.(level, message);
	const svg = stableSvgIds(compactSvg(roundSvgCoordinates(result.svg)));
	onResult?.(false);
	if (file && cacheDir !== false) {
		await mkdir(resolve(cacheDir), { recursive: true });
		const temp = `${file}.${process.pid}-${tempCounter++}.tmp`;
		await writeFile(temp, svg);
		await rename(temp, file);
	}
	return svg;
}
