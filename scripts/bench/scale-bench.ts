/**
 * The scale benchmark (`npm run bench -- --runs 100000`, issue 14): the SQLite scale store of
 * write-scale-store.ts, exported and built step by step. Every step's result is saved in
 * `<work>/scale-results.json` as soon as it ends, so a step that crashes or reaches a cap is a
 * result like any other, and steps run separately (`--steps`, `--work`) add up to one section.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEnd, runBareBuild, runExport, runSiteBuild, type BenchContext } from './bench-context.ts';
import { cachedCharts, privateBuildCwd, writeBareProject } from './build-dirs.ts';
import { treeSize } from './site-metrics.ts';
import { StepFailure, type ChildStats } from './timed-child.ts';
import { writeScaleStore, type ScaleStoreCounts } from './write-scale-store.ts';
import { scaleExperimentCount } from './scale-run.ts';
import { SHELL_RUN_THRESHOLD } from '../../src/lib/run-pages-mode.ts';

export const SCALE_STEPS = ['generate', 'export', 'reexport', 'build-cold', 'build-warm', 'bare'] as const;
export type ScaleStep = (typeof SCALE_STEPS)[number];

/** Pages of a site besides run and experiment pages (home, compare, changes, models, search, 404, …). */
export const OTHER_PAGES = 7;
/** Above 10,000 runs a site's run pages are one shell page (runPages "auto", run-pages-mode.ts). */
export const expectedPages = (runs: number) => (runs > SHELL_RUN_THRESHOLD ? 1 : runs) + scaleExperimentCount(runs) + OTHER_PAGES;

export interface StepResult {
	status: 'done' | 'failed' | 'skipped';
	/** When it ran (ISO time). */
	at: string;
	/** What happened, for a step that did not finish or was skipped. */
	note?: string;
	stats?: ChildStats;
	/** generate: what the store holds. */
	store?: ScaleStoreCounts;
	/** Builds: HTML pages in dist/ (done) and chart SVGs rendered; search-index time. */
	pages?: number;
	charts?: number;
	searchMs?: number | null;
	/** export: the snapshot; builds: dist/ (as far as it got). */
	size?: { bytes: number; files: number };
}

export type ScaleResults = Partial<Record<ScaleStep, StepResult>>;

const at = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const htmlPages = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length : 0);

export function scalePaths(work: string) {
	return {
		results: join(work, 'scale-results.json'),
		store: join(work, 'store', 'mlflow.db'),
		content: join(work, 'content'),
		cwd: join(work, 'build-cwd'),
		cacheDir: join(work, 'astro-cache'),
		outDir: join(work, 'site'),
		bareDir: join(work, 'bare-project'),
		bareOut: join(work, 'bare-dist'),
	};
}

export function loadScaleResults(work: string): ScaleResults {
	const file = scalePaths(work).results;
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ScaleResults) : {};
}

const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB`;
const min = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

/** Runs `steps` in order, saving each result; never throws for a failed step. */
export async function runScaleSteps(ctx: BenchContext, steps: readonly ScaleStep[]): Promise<ScaleResults> {
	const p = scalePaths(ctx.work);
	const results = loadScaleResults(ctx.work);
	const save = (step: ScaleStep, r: StepResult) => {
		results[step] = r;
		writeFileSync(p.results, `${JSON.stringify(results, null, '\t')}\n`);
		ctx.say(`  ${step}: ${r.status}${r.note ? ` (${r.note})` : ''}${r.stats ? `, ${min(r.stats.wallMs)}, peak RSS ${gb(r.stats.peakRssBytes)} (tree ${gb(r.stats.treePeakRssBytes)})` : ''}`);
	};
	const pages = expectedPages(ctx.runs);
	const tick = (step: string) => (s: ChildStats) =>
		ctx.say(`  ${step}: ${min(s.wallMs)}, RSS peak ${gb(s.peakRssBytes)} (tree ${gb(s.treePeakRssBytes)})${s.pagesLogged ? `, ${s.pagesLogged.toLocaleString('en-US')} of ${pages.toLocaleString('en-US')} pages` : ''}`);
	/** Runs one child step; a StepFailure becomes a failed result with what it measured. */
	const child = async (step: ScaleStep, work: () => Promise<ChildStats & { searchMs?: number | null }>, after: (r: StepResult) => void = () => {}) => {
		try {
			const stats = await work();
			const r: StepResult = { status: 'done', at: at(), stats };
			after(r);
			save(step, r);
		} catch (error) {
			if (!(error instanceof StepFailure)) throw error;
			const r: StepResult = { status: 'failed', at: at(), stats: error.stats, note: describeEnd(error.end, error.stats, step.startsWith('build') || step === 'bare' ? pages : undefined) };
			after(r);
			save(step, r);
		}
	};
	const skip = (step: ScaleStep, note: string) => save(step, { status: 'skipped', at: at(), note });

	for (const step of steps) {
		ctx.say(`[${step}]`);
		if (step === 'generate') {
			mkdirSync(join(ctx.work, 'store'), { recursive: true });
			const cpu = process.cpuUsage();
			const t0 = performance.now();
			let shown = '';
			const store = writeScaleStore(p.store, ctx.runs, ctx.seed, (phase, done) => {
				const line = `${phase} ${Math.floor(done * 10) * 10} %`;
				if (line !== shown) ctx.say(`  store: ${(shown = line)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
			});
			const used = process.cpuUsage(cpu);
			// In this process: its peak so far is the generator's (it runs first).
			const stats: ChildStats = { wallMs: performance.now() - t0, cpuMs: (used.user + used.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024, treePeakRssBytes: 0, pagesLogged: 0, exitCode: 0 };
			save(step, { status: 'done', at: at(), stats, store, size: { bytes: store.bytes, files: 1 } });
		} else if (step === 'export' || step === 'reexport') {
			if (!existsSync(p.store)) skip(step, 'no store: run the generate step first, in this --work folder');
			else if (step === 'reexport' && results.export?.status !== 'done') skip(step, 'the cold export did not finish');
			else {
				if (step === 'export') rmSync(p.content, { recursive: true, force: true });
				await child(step, () => runExport({ ...ctx, caps: { ...ctx.caps, onTick: tick(step) } }, p.store, p.content, step === 'export'), (r) => (r.size = treeSize(p.content)));
			}
		} else if (step === 'build-cold' || step === 'build-warm') {
			if (results.export?.status !== 'done') skip(step, 'no complete snapshot: the export step did not finish');
			else if (step === 'build-warm' && results['build-cold']?.status !== 'done') skip(step, 'the cold build did not finish, so there is no warm cache');
			else {
				if (step === 'build-cold') {
					privateBuildCwd(p.cwd, ctx.root);
					rmSync(p.cacheDir, { recursive: true, force: true });
				}
				rmSync(p.outDir, { recursive: true, force: true });
				const before = cachedCharts(p.cacheDir);
				await child(step, () => runSiteBuild(ctx, { content: p.content, cwd: p.cwd, cacheDir: p.cacheDir, outDir: p.outDir, onTick: tick(step) }), (r) => {
					r.pages = htmlPages(p.outDir);
					r.charts = cachedCharts(p.cacheDir) - before;
					r.searchMs = (r.stats as { searchMs?: number | null } | undefined)?.searchMs ?? null;
					r.size = treeSize(p.outDir);
				});
				// The next step needs the disk more than anyone needs this partial site.
				if (results[step]?.status !== 'done') rmSync(p.outDir, { recursive: true, force: true });
			}
		} else {
			const n = results['build-cold']?.status === 'done' ? results['build-cold'].pages! : pages;
			writeBareProject(p.bareDir, ctx.root, n);
			rmSync(p.bareOut, { recursive: true, force: true });
			await child(step, () => runBareBuild({ ...ctx, caps: { ...ctx.caps, onTick: tick(step) } }, p.bareDir, p.bareOut), (r) => {
				r.pages = htmlPages(p.bareOut);
				r.size = treeSize(p.bareOut);
			});
			rmSync(p.bareOut, { recursive: true, force: true });
		}
	}
	return results;
}
