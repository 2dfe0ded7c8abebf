/**
 * Shared pieces of the benchmark steps: folders, the two commands measured (export and
 * `astro build`), medians and formatting.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runPagesMode } from '../../src/lib/run-pages-mode.ts';
import { astroNodeOptions } from '../../src/cli/astro-heap.ts';
import { timedChild, type ChildCaps, type ChildEnd, type ChildStats } from './timed-child.ts';

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
	/** Caps of every measured child process (timed-child.ts), from the command line. */
	caps: ChildCaps;
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median of each field over the repeats (wall, CPU and peak RSS separately). */
export function medianStats(all: readonly ChildStats[]): ChildStats {
	const cpus = all.map((s) => s.cpuMs).filter((c): c is number => c !== null);
	return {
		wallMs: median(all.map((s) => s.wallMs)),
		cpuMs: cpus.length === all.length ? median(cpus) : null,
		peakRssBytes: Math.max(...all.map((s) => s.peakRssBytes)),
		treePeakRssBytes: Math.max(...all.map((s) => s.treePeakRssBytes)),
		pagesLogged: median(all.map((s) => s.pagesLogged)),
		exitCode: 0,
	};
}

/**
 * `mlpages export <source> --out <out> [--full]` with the example site's configuration, run as
 * `node bin/mlpages.js` (the compiled package) in the repository root; `full` for a cold export
 * (the incremental cache of an earlier export is not used).
 */
export function runExport(ctx: BenchContext, source: string, out: string, full = false): Promise<ChildStats> {
	return timedChild(process.execPath, ['bin/mlpages.js', 'export', '--root', 'examples/site', source, '--out', out, ...(full ? ['--full'] : [])], { ...ctx.caps, cwd: ctx.root, log: ctx.log });
}

/**
 * `astro build` of the example site with the snapshot `content`, from the private working directory
 * `cwd` (its chart cache) with Astro's cache in `cacheDir` and the site written to `outDir`, with
 * the NODE_OPTIONS `npm run build` would give it.
 */
export async function runSiteBuild(ctx: BenchContext, o: { content: string; cwd: string; cacheDir: string; outDir: string; onTick?: (s: ChildStats) => void }): Promise<SiteBuildStats> {
	const before = statSync(ctx.log).size;
	const stats = await timedChild(process.execPath, [join(ctx.root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', join(ctx.root, 'examples/site'), '--outDir', o.outDir], {
		cwd: o.cwd,
		// The heap limit `npm run build` gives astro build for this many runs (astro-heap.ts). The
		// run-pages mode `auto` picks for the benchmark's run count, held for every build: the
		// rebuild after one more run (10,001) must build the same kind of site as the cold one.
		env: { MLPAGES_CONTENT_DIR: o.content, MLPAGES_CACHE_DIR: o.cacheDir, MLPAGES_RUN_PAGES: runPagesMode('auto', ctx.runs).mode, NO_COLOR: '1', NODE_OPTIONS: astroNodeOptions(process.env['NODE_OPTIONS'], ctx.runs) },
		log: ctx.log,
		...ctx.caps,
		diskPath: dirname(o.outDir),
		...(o.onTick ? { onTick: o.onTick } : {}),
	});
	// The integration logs how long the search index took: "Indexed N pages for search … in 1.4 s."
	// `before` counts bytes: the log is sliced as bytes (Astro's lines hold multi-byte characters).
	const output = readFileSync(ctx.log).subarray(before).toString('utf8');
	const indexed = /Indexed \d+ pages for search[^\n]* in (\d+(?:\.\d+)?) s\./.exec(output);
	// And how many run pages came from the page cache: "Run pages: N reused from the page cache, M rendered."
	const pages = /Run pages: (\d+) reused from the page cache, (\d+) rendered\./.exec(output);
	return { ...stats, searchMs: indexed ? Number(indexed[1]) * 1000 : null, runPages: pages ? { reused: Number(pages[1]), rendered: Number(pages[2]) } : null };
}

/** A site build, with the part of its wall time that the Pagefind search index took (G9). */
export interface SiteBuildStats extends ChildStats {
	searchMs: number | null;
	/** Run pages taken from the page cache and rendered; null when the build did not say. */
	runPages: { reused: number; rendered: number } | null;
}

/** `astro build` of the bare project in `dir`. */
export function runBareBuild(ctx: BenchContext, dir: string, outDir: string): Promise<ChildStats> {
	return timedChild(process.execPath, [join(ctx.root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
		...ctx.caps,
		cwd: dir,
		env: { NO_COLOR: '1' },
		log: ctx.log,
		diskPath: dirname(outDir),
	});
}

export const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
export const ratio = (a: number | null, b: number | null) => (a === null || b === null ? NaN : a / b);

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
const duration = (ms: number) => (ms < 120_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 60_000).toFixed(0)} min`);

/**
 * What happened to a step that did not finish, for the result table, e.g. "killed after 40 min
 * (time cap) at 3.9 GB, 31,200 of 100,407 pages".
 */
export function describeEnd(end: ChildEnd, s: ChildStats, expectedPages?: number): string {
	const what =
		end.kind === 'crashed'
			? `exited with ${end.exitCode}${end.reason ? ` (${end.reason})` : ''} after ${duration(s.wallMs)}`
			: `killed after ${duration(s.wallMs)} (${end.kind === 'timeout' ? 'time' : end.kind === 'memory' ? 'memory' : 'free disk'} cap)`;
	const pages = expectedPages === undefined ? '' : `, ${s.pagesLogged.toLocaleString('en-US')} of ${expectedPages.toLocaleString('en-US')} pages`;
	return `${what} at ${gb(Math.max(s.peakRssBytes, s.treePeakRssBytes))}${pages}`;
}
