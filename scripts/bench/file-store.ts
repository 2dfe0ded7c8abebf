/**
 * Measures the file-store reader against the raw read ceiling (issue 3/8, goal G4 of
 * ../shared/reference/performance.md): a recursive `readdirSync` walk plus `readFileSync` of
 * every file the reader reads (everything outside `artifacts/` folders, which it only lists, and
 * outside experiment folders without meta.yaml, which it skips).
 * Warm cache: each side runs 7 times after a warm-up, interleaved; medians are compared. Then
 * the whole export (`node bin/mlpages.js export <store> --full`, a child process into a scratch
 * folder, start-up included) is timed 3 times against the same raw read, with its peak RSS.
 *
 * Usage: node scripts/bench/file-store.ts [mlruns folder]
 * (default: ../shared/fixtures/mlflow/Toma0916__GlobalWheatDetection/mlruns)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { timedChild, type ChildStats } from './timed-child.ts';

const root = process.argv[2] ?? '../shared/fixtures/mlflow/Toma0916__GlobalWheatDetection/mlruns';

function rawRead(): { files: number; bytes: number } {
	let files = 0;
	let bytes = 0;
	const walk = (dir: string, inArtifacts: boolean) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path, inArtifacts || entry.name === 'artifacts');
			else if (entry.isFile() && !inArtifacts) {
				bytes += readFileSync(path, 'utf8').length;
				files++;
			}
		}
	};
	// Experiment folders without meta.yaml are skipped by the reader, so they are left out here too.
	for (const top of [root, join(root, '.trash')]) {
		for (const entry of readdirSync(top, { withFileTypes: true })) {
			if (!entry.isDirectory() || entry.name === '.trash') continue;
			const dir = join(top, entry.name);
			if (entry.name === 'models' || existsSync(join(dir, 'meta.yaml'))) walk(dir, false);
		}
	}
	return { files, bytes };
}

async function readerRead(): Promise<{ runs: number; points: number; warnings: number }> {
	let runs = 0;
	let points = 0;
	let warnings = 0;
	const reader = await openFileStoreReader(root, { warn: () => warnings++, displayUri: 'mlruns' });
	for await (const experiment of reader.experiments()) {
		for await (const run of reader.runs(experiment)) {
			runs++;
			// As the exporter reads a history: through `each` when the reader offers it.
			const stream = reader.metricPoints(run);
			if (stream.each) stream.each(() => points++);
			else for await (const _ of stream) points++;
			for await (const _ of reader.artifacts(run)) {
			}
		}
		for await (const _ of reader.datasets(experiment)) {
		}
		for await (const _ of reader.loggedModels(experiment)) {
		}
	}
	for await (const model of reader.registeredModels()) {
		for await (const _ of reader.modelVersions(model)) {
		}
	}
	await reader.close();
	return { runs, points, warnings };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const raw: number[] = [];
const ours: number[] = [];
const shape = rawRead();
const counts = await readerRead();
for (let i = 0; i < 7; i++) {
	let t = performance.now();
	rawRead();
	raw.push(performance.now() - t);
	t = performance.now();
	await readerRead();
	ours.push(performance.now() - t);
}
const r = median(raw);
const o = median(ours);
console.log(`store: ${root}`);
console.log(`raw read: ${shape.files} files, ${(shape.bytes / 1e6).toFixed(1)} MB chars, median ${r.toFixed(1)} ms`);
console.log(`reader: ${counts.runs} runs, ${counts.points} points, ${counts.warnings} warnings, median ${o.toFixed(1)} ms`);
console.log(`ratio reader/raw: ${(o / r).toFixed(2)} (target <= 2)`);
console.log(`points/s over the reader's time: ${((counts.points / o) * 1000 / 1e6).toFixed(2)}M`);

const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mlpages-file-store-bench-'));
try {
	const exports: ChildStats[] = [];
	for (let i = 0; i < 3; i++) {
		exports.push(await timedChild(process.execPath, ['bin/mlpages.js', 'export', root, '--out', join(scratch, 'content'), '--full'], { cwd: process.cwd(), log: join(scratch, 'export.log') }));
	}
	const e = median(exports.map((x) => x.wallMs));
	console.log(`export (whole process, --full): median ${e.toFixed(1)} ms, peak RSS ${(Math.max(...exports.map((x) => x.peakRssBytes)) / 1e6).toFixed(0)} MB`);
	console.log(`ratio export/raw: ${(e / r).toFixed(2)} (target <= 2)`);
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
