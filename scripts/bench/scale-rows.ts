/**
 * The result tables of the scale benchmark: the targets of issue 14 that a 100,000-run store
 * measures, with PASS/MISS, or what happened to a step that did not finish; and the figures
 * behind them, per step: wall and CPU time, peak RSS of the largest process and of the whole
 * process tree, pages per second, bytes and files per run.
 */
import type { InfoRow, TargetRow } from './bench-report.ts';
import type { ScaleResults, StepResult } from './scale-bench.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (b: number) => `${n(b / 1e6)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const wall = (ms: number) => (ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`);
const cpu = (r: StepResult) => (r.stats?.cpuMs == null ? '' : ` (CPU ${wall(r.stats.cpuMs)})`);
const rss = (r: StepResult) => (r.stats ? `peak RSS ${mb(r.stats.peakRssBytes)}${r.stats.treePeakRssBytes ? ` (all its processes together ${mb(r.stats.treePeakRssBytes)})` : ''}` : '');

/** "not run", "skipped: …" or "<what happened>" for a step without a complete result. */
function notDone(r: StepResult | undefined): string {
	if (!r) return 'not run';
	if (r.status === 'skipped') return `skipped: ${r.note}`;
	return r.note ?? 'failed';
}

function perRun(size: { bytes: number; files: number } | undefined, runs: number): string {
	if (!size) return 'n/a';
	return `${mb(size.bytes)} in ${n(size.files)} files: ${kb(size.bytes / runs)} and ${(size.files / runs).toFixed(2)} files per run`;
}

function buildRow(r: StepResult | undefined, runs: number): string {
	if (r?.status === 'done' && r.stats) {
		return `${wall(r.stats.wallMs)}${cpu(r)}, ${n(r.pages ?? 0)} pages, ${((r.pages ?? 0) / (r.stats.wallMs / 1000)).toFixed(0)} pages/s, ${n(r.charts ?? 0)} charts rendered, ${rss(r)}; dist/ ${perRun(r.size, runs)}`;
	}
	if (r?.status === 'failed' && r.stats) {
		return `**${notDone(r)}**: ${(r.stats.pagesLogged / (r.stats.wallMs / 1000)).toFixed(1)} pages/s until then, ${rss(r)}; dist/ so far ${perRun(r.size, runs)}`;
	}
	return notDone(r);
}

export function scaleRows(res: ScaleResults, runs: number): { targets: TargetRow[]; info: InfoRow[] } {
	const { generate: gen, export: exp, reexport: re, 'build-cold': cold, 'build-warm': warm, bare } = res;
	const done = (r: StepResult | undefined): r is StepResult & { status: 'done'; stats: NonNullable<StepResult['stats']> } => r?.status === 'done' && r.stats !== undefined;
	const children = [exp, re, cold, warm, bare].filter((r): r is StepResult => r?.stats !== undefined);
	const peak = Math.max(0, ...children.map((r) => Math.max(r.stats!.peakRssBytes, r.stats!.treePeakRssBytes)));
	const targets: TargetRow[] = [
		{
			goal: `Cold build of ${n(runs)} runs, 2 cores (empty chart and Astro caches)`,
			measured: done(cold) ? wall(cold.stats.wallMs) : notDone(cold),
			target: '≤ 20 min (goal 10)',
			pass: done(cold) && cold.stats.wallMs <= 20 * 60_000,
		},
		{
			goal: 'Peak RSS of every process (export, re-export, builds, bare build; a build’s processes summed)',
			measured: children.length ? `${mb(peak)} at most${children.some((r) => r.status !== 'done') ? ' (steps that did not finish included, up to where they stopped)' : ''}` : 'not run',
			target: '≤ 4 GB',
			pass: done(cold) && peak <= 4e9 && children.every((r) => r.status === 'done'),
		},
		{
			goal: `\`dist/\` of ${n(runs)} runs (the default build; large-site mode is the target’s)`,
			measured: done(cold) && cold.size ? `${mb(cold.size.bytes)}, ${n(cold.size.files)} files` : notDone(cold),
			target: '≤ 1 GB and ≤ 200,000 files',
			pass: done(cold) && cold.size !== undefined && cold.size.bytes <= 1e9 && cold.size.files <= 200_000,
		},
		{
			goal: 'Re-export of the unchanged store vs cold export',
			measured: done(re) && done(exp) ? `${((re.stats.wallMs / exp.stats.wallMs) * 100).toFixed(0)} % (${wall(re.stats.wallMs)} / ${wall(exp.stats.wallMs)})` : notDone(done(exp) ? re : exp),
			target: '≤ 10 %',
			pass: done(re) && done(exp) && re.stats.wallMs <= 0.1 * exp.stats.wallMs,
		},
	];
	const vsBare = (r: StepResult | undefined) => (done(r) && done(bare) ? `${(r.stats.wallMs / bare.stats.wallMs).toFixed(2)}× (${wall(r.stats.wallMs)} / ${wall(bare.stats.wallMs)})` : 'n/a (needs both builds)');
	const s = gen?.store;
	const info: InfoRow[] = [
		{
			figure: 'Store generated (`mlflow.db`, MLflow 3.14 schema `b7e4c1a90f23`, in the benchmark’s process)',
			value: done(gen) && s ? `${n(s.runs)} runs (${n(s.nested)} nested) in ${n(s.experiments)} experiment${s.experiments === 1 ? '' : 's'}, ${n(s.points)} metric rows, ${n(s.params)} params, ${n(s.tags)} tags, ${mb(s.bytes)}; ${wall(gen.stats.wallMs)}${cpu(gen)}, ${(s.points / (gen.stats.wallMs / 1000) / 1e6).toFixed(2)}M rows/s, ${rss(gen)}` : notDone(gen),
		},
		{
			figure: 'Cold export (`mlpages export mlflow.db --full`, whole process)',
			value: done(exp) ? `${wall(exp.stats.wallMs)}${cpu(exp)}, ${n(runs / (exp.stats.wallMs / 1000))} runs/s, ${rss(exp)}` : notDone(exp),
		},
		{ figure: 'Snapshot (`content/`)', value: done(exp) ? perRun(exp.size, runs) : notDone(exp) },
		{ figure: 'Re-export, store unchanged', value: done(re) ? `${wall(re.stats.wallMs)}${cpu(re)}, ${rss(re)}` : notDone(re) },
		{ figure: 'Cold site build', value: buildRow(cold, runs) },
		{ figure: 'Warm site build (same snapshot, chart and Astro caches kept)', value: buildRow(warm, runs) },
		{ figure: 'Bare Astro build, same page count', value: done(bare) ? `${wall(bare.stats.wallMs)}${cpu(bare)}, ${n(bare.pages ?? 0)} pages, ${((bare.pages ?? 0) / (bare.stats.wallMs / 1000)).toFixed(0)} pages/s, ${rss(bare)}` : notDone(bare) },
		{ figure: 'Cold build vs bare build', value: vsBare(cold) },
		{ figure: 'Warm build vs bare build', value: vsBare(warm) },
	];
	return { targets, info };
}
