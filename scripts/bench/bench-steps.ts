/**
 * The measurements of `npm run bench`, in the order they run. Each pair (ours against its
 * baseline) is measured back to back on the same stores, so the ratios compare like with like.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, medianStats, runBareBuild, runExport, runSiteBuild, type BenchContext, type SiteBuildStats } from './bench-context.ts';
import { cachedCharts, privateBuildCwd, writeBareProject } from './build-dirs.ts';
import { measure, measureAsync, rawIterateMetrics, rawIterateMetricsPerRun, rawReadFileStore } from './raw-read.ts';
import { readerStream } from './reader-stream.ts';
import type { ChildStats } from './timed-child.ts';
import { appendBenchRun, FILE_STORE, SQLITE_STORE, writeBenchStores, type BenchStoreCounts } from './write-bench-stores.ts';
import { runCounts } from './synthetic-run.ts';

export interface Timing {
	wallMs: number;
	cpuMs: number | null;
}

export function generateStores(ctx: BenchContext): { counts: BenchStoreCounts; time: Timing } {
	const m = measure(() => writeBenchStores(join(ctx.work, 'stores'), ctx.runs, ctx.seed));
	return { counts: m.result, time: m };
}

export interface ExportFigures {
	baseline: Timing;
	/** The reader alone (scripts/bench/reader-stream.ts), alternating with the baseline. */
	reader: Timing;
	/** SQLite only: the exporter's access path (one ordered query per run), measured once. */
	perRunBaseline: Timing | null;
	cold: ChildStats;
	unchanged: ChildStats | null;
}

/** Baseline reads and cold exports alternate; then one re-export of the unchanged store. */
export async function measureExport(ctx: BenchContext, kind: 'sqlite' | 'file', exportRepeats: number, reexport: boolean): Promise<ExportFigures> {
	const source = join(ctx.work, 'stores', kind === 'sqlite' ? SQLITE_STORE : FILE_STORE);
	const out = join(ctx.work, `content-${kind}`);
	const baselines: Timing[] = [];
	const readers: Timing[] = [];
	const colds: ChildStats[] = [];
	const baseline = () => (kind === 'sqlite' ? measure(() => rawIterateMetrics(source)) : measure(() => rawReadFileStore(source)));
	baseline(); // warm the page cache and the code
	await measureAsync(() => readerStream(kind, source));
	for (let i = 0; i < Math.max(ctx.repeats, exportRepeats); i++) {
		if (i < ctx.repeats) baselines.push(baseline());
		if (i < ctx.repeats) readers.push(await measureAsync(() => readerStream(kind, source)));
		if (i < exportRepeats) {
			rmSync(out, { recursive: true, force: true });
			colds.push(await runExport(ctx, source, out, true));
		}
	}
	ctx.say(`  ${kind}: baseline ${median(baselines.map((b) => b.wallMs)).toFixed(0)} ms (CPU ${median(baselines.map((b) => b.cpuMs ?? NaN)).toFixed(0)}), reader ${median(readers.map((b) => b.wallMs)).toFixed(0)} ms, cold export ${median(colds.map((c) => c.wallMs)).toFixed(0)} ms (CPU ${median(colds.map((c) => c.cpuMs ?? NaN)).toFixed(0)})`);
	// Left out at 10,000 runs for time; at 1,000 it shows what the exporter's access path costs.
	const perRunBaseline = kind === 'sqlite' && ctx.runs <= 2_000 ? measure(() => rawIterateMetricsPerRun(source)) : null;
	const unchanged = reexport ? await runExport(ctx, source, out) : null;
	return {
		baseline: { wallMs: median(baselines.map((b) => b.wallMs)), cpuMs: median(baselines.map((b) => b.cpuMs ?? NaN)) },
		reader: { wallMs: median(readers.map((b) => b.wallMs)), cpuMs: median(readers.map((b) => b.cpuMs ?? NaN)) },
		perRunBaseline,
		cold: medianStats(colds),
		unchanged,
	};
}

export interface BuildFigures {
	pages: number;
	cold: ChildStats;
	coldCharts: number;
	warm: ChildStats;
	/** Median wall time of the warm builds' search indexing (Pagefind, in the after-build hook). */
	warmSearchMs: number | null;
	bare: ChildStats;
	outDir: string;
	cwd: string;
	cacheDir: string;
}

const htmlPages = (dir: string): number =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;

/**
 * A cold site build (empty chart and Astro caches), then warm site builds and bare builds of the
 * same number of HTML pages, alternating, after one untimed bare warm-up build.
 */
export async function measureBuild(ctx: BenchContext, tmpfs: string, warmRepeats: number): Promise<BuildFigures> {
	const content = join(ctx.work, 'content-sqlite');
	const cwd = join(ctx.work, 'build-cwd');
	const cacheDir = join(ctx.work, 'astro-cache');
	const outDir = join(tmpfs, 'site');
	const bareDir = join(ctx.work, 'bare-project');
	const bareOut = join(tmpfs, 'bare-dist');
	privateBuildCwd(cwd, ctx.root);
	rmSync(cacheDir, { recursive: true, force: true });
	rmSync(outDir, { recursive: true, force: true });
	const o = { content, cwd, cacheDir, outDir };
	const cold = await runSiteBuild(ctx, o);
	const coldCharts = cachedCharts(cacheDir);
	const pages = htmlPages(outDir);
	ctx.say(`  cold build ${(cold.wallMs / 1000).toFixed(1)} s (CPU ${((cold.cpuMs ?? NaN) / 1000).toFixed(1)}), ${pages} HTML pages, ${coldCharts} charts rendered, peak RSS ${(cold.peakRssBytes / 1e6).toFixed(0)} MB`);
	writeBareProject(bareDir, ctx.root, pages);
	await runBareBuild(ctx, bareDir, bareOut);
	const warms: SiteBuildStats[] = [];
	const bares: ChildStats[] = [];
	for (let i = 0; i < warmRepeats; i++) {
		bares.push(await runBareBuild(ctx, bareDir, bareOut));
		warms.push(await runSiteBuild(ctx, o));
	}
	const barePages = htmlPages(bareOut);
	if (barePages < pages) throw new Error(`the bare build wrote ${barePages} pages, not ${pages}`);
	const cpuS = (xs: ChildStats[]) => (median(xs.map((x) => x.cpuMs ?? NaN)) / 1000).toFixed(1);
	ctx.say(`  warm build ${(median(warms.map((w) => w.wallMs)) / 1000).toFixed(1)} s (CPU ${cpuS(warms)}), bare build ${(median(bares.map((b) => b.wallMs)) / 1000).toFixed(1)} s (CPU ${cpuS(bares)})`);
	const searches = warms.map((w) => w.searchMs).filter((m): m is number => m !== null);
	const warmSearchMs = searches.length === warms.length ? median(searches) : null;
	return { pages, cold, coldCharts, warm: medianStats(warms), warmSearchMs, bare: medianStats(bares), outDir, cwd, cacheDir };
}

export interface AddRunFigures {
	runId: string;
	runCharts: number;
	reexport: ChildStats;
	rebuild: SiteBuildStats;
	chartsRendered: number;
}

/** Adds one run to both stores, re-exports the SQLite store into its snapshot and rebuilds. */
export async function measureAddRun(ctx: BenchContext, build: BuildFigures): Promise<AddRunFigures> {
	const run = appendBenchRun(join(ctx.work, 'stores'), ctx.runs, ctx.seed);
	const content = join(ctx.work, 'content-sqlite');
	const reexport = await runExport(ctx, join(ctx.work, 'stores', SQLITE_STORE), content);
	const before = cachedCharts(build.cacheDir);
	const rebuild = await runSiteBuild(ctx, { content, cwd: build.cwd, cacheDir: build.cacheDir, outDir: build.outDir });
	const chartsRendered = cachedCharts(build.cacheDir) - before;
	ctx.say(`  +1 run: re-export ${(reexport.wallMs / 1000).toFixed(1)} s (CPU ${((reexport.cpuMs ?? NaN) / 1000).toFixed(1)}), rebuild ${(rebuild.wallMs / 1000).toFixed(1)} s (CPU ${((rebuild.cpuMs ?? NaN) / 1000).toFixed(1)}), ${chartsRendered} charts rendered${rebuild.runPages ? `, ${rebuild.runPages.rendered} run pages rendered, ${rebuild.runPages.reused} reused` : ''}`);
	return { runId: run.id, runCharts: runCounts(run).charts, reexport, rebuild, chartsRendered };
}
