import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, View, version as vegaVersion } from 'vega';
import { compile, version as vegaLiteVersion, type TopLevelSpec } from 'vega-lite';
import { vegaLogger } from './vega-logger.ts';

/** Bump when the SVG post-processing changes, so cached charts are re-rendered. */
const RENDER_VERSION = 1;

let tempCounter = 0;

/** Default cache folder, relative to the working directory (the project root in a build). */
export const DEFAULT_CHART_CACHE = 'node_modules/.cache/mlpages/charts';

/** Options of renderSvg. */
export interface RenderSvgOptions {
	/** Cache folder; `false` turns caching off. @default DEFAULT_CHART_CACHE */
	cacheDir?: string | false;
	/** Receives what Vega-Lite and Vega warn about. @default ignore */
	onMessage?: (level: 'warn' | 'error', message: string) => void;
	/** Called with `true` on a cache hit and `false` on a render, for counting. */
	onResult?: (cached: boolean) => void;
}

/** Content hash of a spec and the renderer versions: the cache key of its SVG. */
export function chartKey(spec: TopLevelSpec): string {
	return createHash('sha256')
		.update(JSON.stringify([RENDER_VERSION, vegaVersion, vegaLiteVersion, spec]))
		.digest('hex')
		.slice(0, 32);
}

/**
 * Renders a Vega-Lite spec to an SVG string at build time (compile → Vega View with renderer
 * `none` → `toSVG()`), without a browser. Vega escapes text and attribute values it writes.
 * Unchanged specs are read from `<cacheDir>/<hash>.svg` instead of being rendered again; the
 * cache is written atomically (temp file, then rename), so parallel builds cannot read half a file.
 */
export async function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
	const { cacheDir = DEFAULT_CHART_CACHE, onMessage, onResult } = options;
	const file = cacheDir === false ? null : join(resolve(cacheDir), `${chartKey(spec)}.svg`);
	if (file) {
		const hit = await readFile(file, 'utf8').catch(() => null);
		if (hit !== null) {
			onResult?.(true);
			return hit;
		}
	}
	const logger = vegaLogger(onMessage);
	const vgSpec = compile(spec, { logger }).spec;
	const view = new View(parse(vgSpec), { renderer: 'none', logger, logLevel: 0 });
	const svg = await view.toSVG();
	view.finalize();
	onResult?.(false);
	if (file && cacheDir !== false) {
		await mkdir(resolve(cacheDir), { recursive: true });
		const temp = `${file}.${process.pid}-${tempCounter++}.tmp`;
		await writeFile(temp, svg);
		await rename(temp, file);
	}
	return svg;
}
