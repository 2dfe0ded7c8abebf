/**
 * Shared pieces of the benchmark steps: folders, the two commands measured (export and
 * `astro build`), medians and formatting.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { astroNodeOptions } from '../../src/cli/astro-heap.ts';
import { timedChild, type ChildStats } from './timed-child.ts';

export interface BenchContext {
	/** Project root (the working directory of `npm run bench`). */
	root: string;
	/** Scratch folder: stores, snapshots, build folders, logs. */
	work: string;
	runs: number;
	seed: number;
	/** Repeats of the cheap measurements (medians are reported). */
	repeats: number;
	log: string;
	say: (line: string) => void;
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median of each field over the repeats (wall, CPU and peak RSS separately). */
export function medianStats(all: readonly ChildStats[]): ChildStats {
	const cpus = all.map((s) => s.cpuMs).filter((c): c is number => c !== null);
	return {
		wallMs: median(all.map((s) => s.wallMs)),
		cpuMs: cpus.length === all.length ? median(cpus) : null,
		peakRssBytes: Math.max(...all.map((s) => s.peakRssBytes)),
		exitCode: 0,
	};
}

/**
 * `mlpages export <source> --out <out> [--full]` with the example site's configuration, run as
 * `node bin/mlpages.js` (the compiled package) in the repository root; `full` for a cold export
 * (the incremental cache of an earlier export is not used).
 */
export function runExport(ctx: BenchContext, source: string, out: string, full = false): Promise<ChildStats> {
	return timedChild(process.execPath, ['bin/mlpages.js', 'export', '--root', 'examples/site', source, '--out', out, ...(full ? ['--full'] : [])], { cwd: ctx.root, log: ctx.log });
}

/**
 * `astro build` of the example site with the snapshot `content`, from the private working directory
 * `cwd` (its chart cache) with Astro's cache in `cacheDir` and the site written to `outDir`, with
 * the NODE_OPTIONS `npm run build` would give it.
 */
export async function runSiteBuild(ctx: BenchContext, o: { content: string; cwd: string; cacheDir: string; outDir: string }): Promise<SiteBuildStats> {
	const before = statSync(ctx.log).size;
	const stats = await timedChild(process.execPath, [join(ctx.root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', join(ctx.root, 'examples/site'), '--outDir', o.outDir], {
		cwd: o.cwd,
		// The heap limit `npm run build` gives astro build for this many runs (astro-heap.ts).
		env: { MLPAGES_CONTENT_DIR: o.content, MLPAGES_CACHE_DIR: o.cacheDir, NO_COLOR: '1', NODE_OPTIONS: astroNodeOptions(process.env['NODE_OPTIONS'], ctx.runs) },
		log: ctx.log,
	});
	// The integration logs how long the search index took: "Indexed N pages for search … in 1.4 s."
	const output = readFileSync(ctx.log, 'utf8').slice(before);
	const indexed = /Indexed \d+ pages for search[^\n]* in (\d+(?:\.\d+)?) s\./.exec(output);
	return { ...stats, searchMs: indexed ? Number(indexed[1]) * 1000 : null };
}

/** A site build, with the part of its wall time that the Pagefind search index took (G9). */
export interface SiteBuildStats extends ChildStats {
	searchMs: number | null;
}

/** `astro build` of the bare project in `dir`. */
export function runBareBuild(ctx: BenchContext, dir: string, outDir: string): Promise<ChildStats> {
	return timedChild(process.execPath, [join(ctx.root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
		cwd: dir,
		env: { NO_COLOR: '1' },
		log: ctx.log,
	});
}

export const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
export const ratio = (a: number | null, b: number | null) => (a === null || b === null ? NaN : a / b);
