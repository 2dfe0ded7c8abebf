/**
 * `npm run bench [-- --runs 1000|10000] [--quick] [--keep] [--no-write]`: generates synthetic
 * MLflow stores (scripts/bench/synthetic-run.ts), measures export and site build against their
 * raw baselines in this one run (ratios, goals of ../shared/reference/performance.md §7 as
 * issue 8 states them), prints PASS/MISS per target and writes the section of this size into
 * BENCHMARKS.md. `--quick` is a 100-run smoke run that writes nothing. Exit status: 0 done
 * (misses included), 1 a step failed, 2 wrong usage.
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
import { dataStoreBytes, maxSeriesPoints, runPageSizes } from './site-metrics.ts';

const USAGE = 'Usage: npm run bench -- [--runs 1000|10000] [--quick] [--keep] [--no-write] [--seed n]';
let args;
try {
	args = parseArgs({
		options: {
			runs: { type: 'string', default: '1000' },
			quick: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false },
			'no-write': { type: 'boolean', default: false },
			seed: { type: 'string', default: '1' },
		},
	});
} catch (error) {
	console.error(`${(error as Error).message}\n${USAGE}`);
	process.exit(2);
}
const runs = args.values.quick ? 100 : Number(args.values.runs);
const seed = Number(args.values.seed);
if (!Number.isInteger(runs) || runs < 10 || !Number.isInteger(seed)) {
	console.error(USAGE);
	process.exit(2);
}

const root = process.cwd();
const sh = (cmd: string, a: string[]) => execFileSync(cmd, a, { encoding: 'utf8' }).trim();
const tmpfs = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const work = mkdtempSync(join(tmpfs, `mlpages-bench-${runs}-`));
mkdirSync(work, { recursive: true });
const log = join(work, 'bench.log');
writeFileSync(log, '');
const startedAt = new Date();
const loadBefore = sh('uptime', []);
const say = (line: string) => console.log(line);
const large = runs > 2_000;
const ctx: BenchContext = { root, work, runs, seed, repeats: large ? 1 : 3, log, say };
const cmd = `npm run bench -- ${args.values.quick ? '--quick' : `--runs ${runs}`}`;
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

try {
	say(`mlpages bench: ${runs} runs, seed ${seed}, scratch ${work} (${tmpfs === '/dev/shm' ? 'tmpfs /dev/shm' : 'os tmpdir'})`);
	say(`load: ${loadBefore}`);
	const gen = generateStores(ctx);
	say(`[${elapsed()}] stores: ${gen.counts.runs} runs, ${gen.counts.experiments} experiments, ${gen.counts.points.toLocaleString('en-US')} metric points, ${gen.counts.files.toLocaleString('en-US')} files`);
	// The SQLite store (the main path) and the site first, the legacy file store last, so that a
	// run stopped early at 10,000 runs has printed the figures that matter most.
	const sqlite = await measureExport(ctx, 'sqlite', large ? 1 : 3, true);
	say(`[${elapsed()}] SQLite export measured`);
	const build = await measureBuild(ctx, work, large ? 1 : 3);
	say(`[${elapsed()}] builds measured`);
	const added = await measureAddRun(ctx, build);
	say(`[${elapsed()}] re-export and rebuild after adding run ${added.runId} measured`);
	const file = await measureExport(ctx, 'file', large ? 1 : 3, true);
	say(`[${elapsed()}] file-store export measured`);
	const pages = runPageSizes(build.outDir);
	const series = maxSeriesPoints(join(work, 'content-sqlite'));
	const store = dataStoreBytes(build.cacheDir);
	const { targets, info } = benchRows({ runs, gen, sqlite, file, build, added, pages, series, store });
	const loadAfter = sh('uptime', []);
	const total = elapsed();
	const lines = [
		`## ${runs.toLocaleString('en-US')} runs`,
		'',
		`\`${cmd}\`, ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}, ${total} in all. Machine: ${availableParallelism()} CPUs (\`nproc\`), ${sh('free', ['-g']).split('\n')[1]!.split(/\s+/)[1]} GB RAM (\`free -g\`), Node ${process.version}, scratch and outDir on ${tmpfs === '/dev/shm' ? 'tmpfs (/dev/shm)' : tmpfs}.`,
		`Load (\`uptime\`) before: \`${loadBefore.replace(/^.*load/, 'load')}\`; after: \`${loadAfter.replace(/^.*load/, 'load')}\`.`,
		'',
		...targetTable(targets),
		'',
		...infoTable(info),
	];
	say('');
	for (const line of lines) say(line);
	if (!args.values.quick && !args.values['no-write']) {
		writeSection(join(root, 'BENCHMARKS.md'), '# Benchmarks', `runs-${runs}`, lines, ['runs-1000', 'runs-10000']);
		say(`\nwrote the ${runs}-run section of BENCHMARKS.md`);
	}
} catch (error) {
	console.error(`bench failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	if (args.values.keep) say(`kept ${work}`);
	else rmSync(work, { recursive: true, force: true });
	// The exports ran in this project, so their incremental caches (named after the scratch
	// paths, useless once those are gone) were written to its node_modules/.cache/mlpages/.
	const caches = join(root, 'node_modules', '.cache', 'mlpages');
	for (const name of existsSync(caches) ? readdirSync(caches) : []) {
		const path = join(caches, name);
		if (/^export-[0-9a-f]+\.json$/.test(name) && statSync(path).mtimeMs >= startedAt.getTime()) rmSync(path, { force: true });
	}
}
