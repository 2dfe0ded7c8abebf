/**
 * Generates the bundled example MLflow store from real models trained on Palmer Penguins.
 *
 *   node scripts/demo/generate.ts [--out examples/mlflow.db] [--format sqlite|file]
 *
 * `sqlite` (default) writes an MLflow 3.14 SQLite database at `--out` and the artifacts in the
 * `mlartifacts/` folder next to it; run and model artifact URIs are `mlflow-artifacts:/...`,
 * which `mlflow server` resolves against that folder. `file` writes the same content as an
 * MLflow file store (`mlruns/` layout) in the folder `--out` (default `.tmp/demo-mlruns`), with
 * artifacts inside each run's and logged model's `artifacts/` folder. Output is byte-for-byte
 * reproducible. Exit status 2 on a usage error.
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoStore } from './build-store.ts';
import { writeArtifactRoot } from './write-artifacts.ts';
import { writeFileStore } from './write-file-store.ts';
import { writeSqliteStore } from './write-sqlite.ts';
import { fileURLToPath } from 'node:url';

/** Options of {@link generateDemo}. */
export interface GenerateOptions {
	/** SQLite file (format `sqlite`) or store folder (format `file`). */
	out: string;
	format: 'sqlite' | 'file';
}

/** Builds the demo store and writes it; returns counts for the caller to report. */
export async function generateDemo(
	options: GenerateOptions,
): Promise<{ runs: number; metricPoints: number; bestSweepValAccuracy: number }> {
	const { store, bestSweepValAccuracy } = await buildDemoStore();
	const out = resolve(options.out);
	if (options.format === 'sqlite') {
		const artifactRoot = join(dirname(out), 'mlartifacts');
		rmSync(artifactRoot, { recursive: true, force: true });
		writeArtifactRoot(store, artifactRoot);
		writeSqliteStore(store, out);
	} else {
		writeFileStore(store, out);
	}
	return {
		runs: store.runs.length,
		metricPoints: store.runs.reduce((sum, run) => sum + run.metrics.length, 0),
		bestSweepValAccuracy,
	};
}

const USAGE = 'Usage: node scripts/demo/generate.ts [--out <path>] [--format sqlite|file]';

// Run as a command (not imported); `import.meta.main` needs Node 22.18.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
	let values: { out?: string | undefined; format?: string | undefined };
	try {
		({ values } = parseArgs({
			options: { out: { type: 'string' }, format: { type: 'string', default: 'sqlite' } },
		}));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
		process.exit(2);
	}
	const format = values.format;
	if (format !== 'sqlite' && format !== 'file') {
		process.stderr.write(`Unknown --format "${String(format)}": use sqlite or file.\n${USAGE}\n`);
		process.exit(2);
	}
	// The file-store copy is for comparisons only; by default it goes to the ignored .tmp/ folder.
	const out = values.out ?? (format === 'sqlite' ? 'examples/mlflow.db' : '.tmp/demo-mlruns');
	const started = performance.now();
	const result = await generateDemo({ out, format });
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	process.stdout.write(
		`Wrote ${result.runs} runs (${result.metricPoints} metric points) to ${out} in ${seconds} s.\n`,
	);
}
