/**
 * `npm run bench [-- --runs 1000|10000|100000] [--quick] [--keep] [--no-write]`: generates
 * synthetic MLflow stores, measures export and site build against their baselines in this one
 * run (ratios), prints PASS/MISS per target and writes the section of this size into
 * BENCHMARKS.md. `--quick` is a 100-run smoke run that writes nothing.
 *
 * Up to 10,000 runs: the sweep-shaped SQLite and file stores of synthetic-run.ts and the goals
 * of ../shared/reference/performance.md §7 (issue 8). Above 10,000 runs (or with `--scale`): the
 * SQLite scale store of scale-run.ts, step by step (scale-bench.ts; `--steps` picks steps,
 * `--work <dir>` reuses a kept scratch folder), with the targets of issue 14.
 *
 * Every measured process has caps (`--max-minutes`, `--max-rss-gb`, `--min-free-gb`); a scale
 * step that reaches one is reported as what happened. Exit status: 0 done (misses and stopped
 * scale steps included), 1 a step of the sweep benchmark failed, 2 wrong usage.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchContext } from './bench-context.ts';
import { generateStores, measureAddRun, measureBuild, measureExport } from './bench-steps.ts';
import { benchRows } from './bench-rows.ts';
import { infoTable, targetTable, writeSection } from './bench-report.ts';
import { dataStoreBytes, maxSeriesPoints, runPageSizes, treeSize } from './site-metrics.ts';
import { describeEnd } from './bench-context.ts';
import { StepFailure } from './timed-child.ts';
import { expectedPages, runScaleSteps, SCALE_STEPS, type ScaleStep } from './scale-bench.ts';
import { scaleRows } from './scale-rows.ts';

const USAGE = `Usage: npm run bench -- [--runs 1000|10000|100000] [--quick] [--keep] [--no-write] [--seed n]
  [--steps ${SCALE_STEPS.join(',')}] [--work <dir>] [--scale]
  [--max-minutes n (per process, default 60)] [--max-rss-gb n (per process tree, default 6)] [--min-free-gb n (default 5)]`;
let args;
try {
	args = parseArgs({
		options: {
			runs: { type: 'string', default: '1000' },
			quick: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false },
			'no-write': { type: 'boolean', default: false },
			seed: { type: 'string', default: '1' },
			steps: { type: 'string' },
			work: { type: 'string' },
			scale: { type: 'boolean', default: false },
			'max-minutes': { type: 'string', default: '60' },
			'max-rss-gb': { type: 'string', default: '6' },
			'min-free-gb': { type: 'string', default: '5' },
		},
	});
} catch (error) {
	console.error(`${(error as Error).message}\n${USAGE}`);
	process.exit(2);
}
const runs = args.values.quick ? 100 : Number(args.values.runs);
const seed = Number(args.values.seed);
const scale = args.values.scale || runs > 10_000;
// `--steps ''` runs nothing and writes the section from the results saved in the --work folder.
const steps = (args.values.steps?.split(',').filter(Boolean) ?? [...SCALE_STEPS]) as ScaleStep[];
const caps = { maxMinutes: Number(args.values['max-minutes']), maxRssGb: Number(args.values['max-rss-gb']), minFreeGb: Number(args.values['min-free-gb']) };
const usageError =
	!Number.isInteger(runs) || runs < 10 || !Number.isInteger(seed) ? 'expected whole numbers: --runs (10 or more) and --seed'
	: steps.some((s) => !SCALE_STEPS.includes(s)) ? `unknown step in --steps ${args.values.steps}: the steps are ${SCALE_STEPS.join(', ')}`
	: !scale && (args.values.steps !== undefined || args.values.work !== undefined) ? '--steps and --work are for the scale store (more than 10,000 runs, or --scale)'
	: Object.values(caps).some((c) => !(c > 0)) ? 'the caps (--max-minutes, --max-rss-gb, --min-free-gb) are positive numbers'
	: null;
if (usageError) {
	console.error(`${usageError}\n${USAGE}`);
	process.exit(2);
}

const root = process.cwd();
const sh = (cmd: string, a: string[]) => execFileSync(cmd, a, { encoding: 'utf8' }).trim();
// Scratch on tmpfs keeps disk noise out; the scale store's site (tens of GB) goes to disk.
const tmpfs = !scale && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const work = args.values.work ?? mkdtempSync(join(tmpfs, `mlpages-bench-${runs}-`));
const keep = args.values.keep || args.values.work !== undefined;
mkdirSync(work, { recursive: true });
const log = join(work, 'bench.log');
if (!existsSync(log)) writeFileSync(log, '');
const startedAt = new Date();
const loadBefore = sh('uptime', []);
const say = (line: string) => console.log(line);
const large = runs > 2_000;
const ctx: BenchContext = {
	root, work, runs, seed, repeats: large ? 1 : 3, log, say,
	caps: { timeoutMs: caps.maxMinutes * 60_000, maxRssBytes: caps.maxRssGb * 1e9, minFreeBytes: caps.minFreeGb * 1e9 },
};
const capsText = `caps per process: ${caps.maxMinutes} min, ${caps.maxRssGb} GB RSS (its processes together), ${caps.minFreeGb} GB of free disk`;
const cmd = [
	`npm run bench -- ${args.values.quick ? '--quick' : `--runs ${runs}`}`,
	scale && runs <= 10_000 ? ' --scale' : '',
	args.values.work !== undefined ? ' --work <dir>' : '',
	args.values.steps !== undefined ? ` --steps ${args.values.steps || "''"}` : '',
	...(['max-minutes', 'max-rss-gb', 'min-free-gb'] as const).map((flag) => (process.argv.some((a) => a.startsWith(`--${flag}`)) ? ` --${flag} ${args.values[flag]}` : '')),
].join('');
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

const machine = () =>
	`Machine: ${availableParallelism()} CPUs (\`nproc\`), ${sh('free', ['-g']).split('\n')[1]!.split(/\s+/)[1]} GB RAM (\`free -g\`), Node ${process.version}, scratch and outDir on ${tmpfs === '/dev/shm' ? 'tmpfs (/dev/shm)' : `disk (${tmpfs})`}.`;
const load = (before: string, after: string) => `Load (\`uptime\`) before: \`${before.replace(/^.*load/, 'load')}\`; after: \`${after.replace(/^.*load/, 'load')}\`.`;

/**
 * What the scale steps should take on this machine (2 shared cores), from the 100,000-run
 * section of BENCHMARKS.md, for the line printed at the start: the store 3.8 ms per run, the
 * export 6.1 ms, the re-export 3.5 ms, the bare build about 1 ms; each site build is bounded by
 * --max-minutes.
 */
function expectedScaleMinutes(selected: readonly ScaleStep[]): { typical: number; atMost: number } {
	const per: Record<ScaleStep, number> = { generate: 0.0038, export: 0.0061, reexport: 0.0035, 'build-cold': 0, 'build-warm': 0, bare: 0.001 };
	const typical = selected.reduce((sum, step) => sum + (per[step] * runs) / 60, 0);
	const builds = selected.filter((step) => step === 'build-cold' || step === 'build-warm').length;
	return { typical: Math.ceil(typical), atMost: Math.ceil(typical + builds * caps.maxMinutes) };
}

try {
	say(`mlpages bench: ${runs} runs${scale ? ' (scale store)' : ''}, seed ${seed}, scratch ${work} (${tmpfs === '/dev/shm' ? 'tmpfs /dev/shm' : 'disk'}), ${capsText}`);
	say(`load: ${loadBefore}`);
	let lines: string[];
	if (scale) {
		const expected = expectedScaleMinutes(steps);
		say(`steps: ${steps.join(', ')}; expected: ${expected.typical ? `about ${expected.typical} min for the steps other than site builds, ` : ''}at most ${expected.atMost} min with each site build at its cap`);
		const results = await runScaleSteps(ctx, steps);
		const { targets, info } = scaleRows(results, runs);
		const earlier = SCALE_STEPS.filter((step) => results[step] && !steps.includes(step));
		lines = [
			`## ${runs.toLocaleString('en-US')} runs (scale store)`,
			'',
			`\`${cmd}\`, ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}, ${elapsed()} in all, steps ${steps.join(', ') || 'none (the section from saved results)'}${earlier.length ? `; ${earlier.map((step) => `${step} from ${results[step]!.at}`).join(', ')} measured earlier in the same \`--work\` folder` : ''}. ${machine()} ${capsText[0]!.toUpperCase()}${capsText.slice(1)}; ${expectedPages(runs).toLocaleString('en-US')} pages expected.`,
			load(loadBefore, sh('uptime', [])),
			'',
			...targetTable(targets),
			'',
			...infoTable(info),
		];
	} else {
		const gen = generateStores(ctx);
		say(`[${elapsed()}] stores: ${gen.counts.runs} runs, ${gen.counts.experiments} experiments, ${gen.counts.points.toLocaleString('en-US')} metric points, ${gen.counts.files.toLocaleString('en-US')} files`);
		// The SQLite store (the main path) and the site first, the legacy file store last, so that a
		// run stopped early at 10,000 runs has printed the figures that matter most.
		const sqlite = await measureExport(ctx, 'sqlite', large ? 1 : 3, true);
		say(`[${elapsed()}] SQLite export measured`);
		const snapshot = treeSize(join(work, 'content-sqlite'));
		const build = await measureBuild(ctx, work, large ? 1 : 3);
		say(`[${elapsed()}] builds measured`);
		const dist = treeSize(build.outDir);
		const added = await measureAddRun(ctx, build);
		say(`[${elapsed()}] re-export and rebuild after adding run ${added.runId} measured`);
		const file = await measureExport(ctx, 'file', large ? 1 : 3, true);
		say(`[${elapsed()}] file-store export measured`);
		const pages = runPageSizes(build.outDir);
		const series = maxSeriesPoints(join(work, 'content-sqlite'));
		const store = dataStoreBytes(build.cacheDir);
		const { targets, info } = benchRows({ runs, gen, sqlite, file, build, added, pages, series, store, snapshot, dist });
		lines = [
			`## ${runs.toLocaleString('en-US')} runs`,
			'',
			`\`${cmd}\`, ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}, ${elapsed()} in all. ${machine()}`,
			load(loadBefore, sh('uptime', [])),
			'',
			...targetTable(targets),
			'',
			...infoTable(info),
		];
	}
	say('');
	for (const line of lines) say(line);
	if (!args.values.quick && !args.values['no-write']) {
		const key = scale && runs <= 10_000 ? `scale-runs-${runs}` : `runs-${runs}`;
		writeSection(join(root, 'BENCHMARKS.md'), '# Benchmarks', key, lines, ['runs-1000', 'runs-10000', 'runs-100000']);
		say(`\nwrote the ${runs}-run section of BENCHMARKS.md`);
	}
} catch (error) {
	const end = error instanceof StepFailure ? ` (${describeEnd(error.end, error.stats)})` : '';
	console.error(`bench failed: ${(error as Error).message}${end}`);
	process.exitCode = 1;
} finally {
	// The exports ran in this project, so their incremental caches (named after the scratch
	// paths) were written to its node_modules/.cache/mlpages/: kept with the scratch folder (a
	// later re-export step needs them), removed with it.
	if (keep) say(`kept ${work}`);
	else rmSync(work, { recursive: true, force: true });
	const caches = join(root, 'node_modules', '.cache', 'mlpages');
	for (const name of existsSync(caches) && !keep ? readdirSync(caches) : []) {
		const path = join(caches, name);
		if (/^export-[0-9a-f]+\.json$/.test(name) && statSync(path).mtimeMs >= startedAt.getTime()) rmSync(path, { force: true });
	}
}
