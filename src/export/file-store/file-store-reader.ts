import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportError, SourceMissing, SourceNotMlflow, SourceUnreadable } from '../../errors.ts';
import { skippedBadRecord } from '../../messages.ts';
import type { RawMetricPoint, RawRun, ReaderOptions, RunMemo, SourceReader } from '../source-reader.ts';
import { listRunArtifacts } from './file-store-artifacts.ts';
import { readDatasets } from './file-store-datasets.ts';
import { listExperimentFolders, readExperiment, type ExperimentLocation } from './file-store-experiments.ts';
import { readLoggedModels } from './file-store-logged-models.ts';
import { readMetricBatches } from './file-store-metrics.ts';
import { readModelVersions, readRegisteredModels, type RegisteredModelLocation } from './file-store-registry.ts';
import { listRunFolders, readRun, type RunLocation } from './file-store-runs.ts';
import { runStamp } from './file-store-run-stamp.ts';
import { fromBatches, fromSync } from './file-store-iterable.ts';
import { display, listKeyFiles, type StoreContext } from './file-store-walk.ts';

/**
 * Opens MLflow's file store (`mlruns/`, MLflow 1.x to 3.x) for reading; see
 * `../shared/reference/mlflow-formats.md` §1. Everything is read with synchronous calls, one
 * file at a time (the fastest way on a warm cache, and never more than one descriptor open);
 * records are read when iterated. Broken records are skipped with a warning naming the file.
 * Traces are ignored.
 *
 * @throws ExportError SourceMissing when nothing exists at `root`, SourceUnreadable when it
 * cannot be listed, SourceNotMlflow when it is not a folder holding `<id>/meta.yaml`, `.trash/`
 * or `models/`.
 */
export async function openFileStoreReader(root: string, options: ReaderOptions): Promise<SourceReader> {
	// A record read twice (runs() iterated again) reports its problem once.
	const reported = new Set<string>();
	/** Warnings given while one run is read, kept with it in the memo. */
	let capture: string[] | null = null;
	const warn = (message: string) => {
		capture?.push(message);
		if (reported.has(message)) return;
		reported.add(message);
		options.warn(message);
	};
	let memo: RunMemo | null = null;
	/** Metric-file fingerprints of the runs handed out, from their stamps. */
	const fingerprints = new Map<string, string>();
	const ctx: StoreContext = { root: resolve(root), displayUri: options.displayUri, warn };
	checkStore(ctx);
	const experiments = new Map<string, ExperimentLocation>();
	const runs = new Map<string, { loc: RunLocation; exp: ExperimentLocation }>();
	const registered = new Map<string, RegisteredModelLocation>();

	/**
	 * A run from the memo when its folder's stamp is unchanged, else read (and recorded). The
	 * stamp is taken before reading, so a run that changes while it is read is read again next time.
	 */
	const readRunMemoised = (loc: RunLocation, exp: ExperimentLocation): RawRun | null => {
		const stamp = runStamp(loc, exp);
		if (stamp !== null) fingerprints.set(loc.id, stamp.metrics);
		const hit = stamp === null || memo === null ? null : memo.get(loc.id, stamp.text);
		if (hit !== null) {
			for (const m of hit.warnings) warn(m);
			return hit.raw;
		}
		const warnings: string[] = [];
		capture = warnings;
		try {
			const run = readRun(ctx, loc, exp);
			if (run !== null && stamp !== null) memo?.set(loc.id, stamp.text, run, warnings);
			return run;
		} finally {
			capture = null;
		}
	};

	const experimentLocation = (id: string) => {
		if (!experiments.has(id)) for (const loc of listExperimentFolders(ctx)) experiments.set(loc.id, loc);
		return experiments.get(id);
	};
	/** Reads one record; a file-system failure (permissions, a file vanishing) skips it with a warning. */
	const guarded = <T>(what: string, rel: string, read: () => T): T | null => {
		try {
			return read();
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (typeof code !== 'string') throw error;
			ctx.warn(skippedBadRecord(what, display(ctx, rel), `it cannot be read (${code})`));
			return null;
		}
	};

	return {
		source: { kind: 'file', uri: options.displayUri },
		experiments: () =>
			fromSync(function* () {
				for (const loc of listExperimentFolders(ctx)) {
					const experiment = guarded('experiment', loc.rel, () => readExperiment(ctx, loc));
					if (experiment === null) continue;
					experiments.set(experiment.id, loc);
					yield experiment;
				}
			}),
		runs: (experiment) =>
			fromSync(function* () {
				const exp = experimentLocation(experiment.id);
				if (exp === undefined) return;
				for (const loc of guarded('experiment', exp.rel, () => listRunFolders(exp)) ?? []) {
					const seen = runs.get(loc.id);
					if (seen !== undefined && seen.loc.dir !== loc.dir) {
						const reason = `run ${loc.id} also exists in experiment ${seen.exp.id}`;
						ctx.warn(skippedBadRecord('run', display(ctx, loc.rel), reason));
						continue;
					}
					const run = guarded('run', loc.rel, () => readRunMemoised(loc, exp));
					if (run === null) continue;
					runs.set(run.id, { loc, exp });
					yield run;
				}
			}),
		metricPoints: (run) => {
			function* batches(): Generator<RawMetricPoint[]> {
				const found = runs.get(run.id);
				if (found === undefined || !found.loc.folders.has('metrics')) return;
				const { loc } = found;
				const files = guarded('run', loc.rel, () => listKeyFiles(ctx, join(loc.dir, 'metrics'), `${loc.rel}/metrics`));
				for (const file of files ?? []) {
					const batches = readMetricBatches(ctx, file, 'run');
					for (;;) {
						const next = guarded('metric file', file.rel, () => batches.next());
						if (next === null || next.done === true) break;
						yield next.value;
					}
				}
			}
			return Object.assign(fromBatches(batches), {
				each(visit: (key: string, value: number, timestamp: number, step: number) => void) {
					for (const batch of batches()) for (const p of batch) visit(p.key, p.value, p.timestamp, p.step);
				},
			});
		},
		datasets: (experiment) =>
			fromSync(() => {
				const exp = experimentLocation(experiment.id);
				return exp === undefined ? [] : (guarded('experiment', exp.rel, () => readDatasets(ctx, exp)) ?? []);
			}),
		loggedModels: (experiment) =>
			fromSync(() => {
				const exp = experimentLocation(experiment.id);
				return exp === undefined ? [] : (guarded('experiment', exp.rel, () => readLoggedModels(ctx, exp)) ?? []);
			}),
		registeredModels: () =>
			fromSync(function* () {
				for (const { model, loc } of guarded('registry', 'models', () => readRegisteredModels(ctx)) ?? []) {
					registered.set(model.name, loc);
					yield model;
				}
			}),
		modelVersions: (model) =>
			fromSync(() => {
				const loc = registered.get(model.name);
				return loc === undefined ? [] : (guarded('registered model', loc.rel, () => readModelVersions(ctx, loc)) ?? []);
			}),
		metricsFingerprint: (run: RawRun) => {
			if (!runs.has(run.id)) return null;
			return fingerprints.get(run.id) ?? null;
		},
		useRunMemo: (m: RunMemo) => {
			memo = m;
		},
		artifacts: (run: RawRun) =>
			fromSync(() => {
				const found = runs.get(run.id);
				if (found === undefined) return [];
				const { loc, exp } = found;
				return guarded('artifacts', loc.rel, () => listRunArtifacts(ctx, loc.rel, exp.id, loc.id, run.artifactUri)) ?? [];
			}),
		close: async () => {},
	};
}

/** Throws unless `ctx.root` is a folder that looks like MLflow's file store. */
function checkStore(ctx: StoreContext): void {
	let entries: Dirent[] | null;
	try {
		entries = statSync(ctx.root).isDirectory() ? readdirSync(ctx.root, { withFileTypes: true }) : null;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') throw exportError(SourceMissing, ctx.displayUri);
		if (typeof code === 'string') throw exportError(SourceUnreadable, ctx.displayUri, `it cannot be listed (${code})`);
		throw error;
	}
	if (entries === null) throw exportError(SourceNotMlflow, ctx.displayUri, 'it is a file, not an mlruns/ folder');
	const isStore = entries.some(
		(e) =>
			e.isDirectory() &&
			(e.name === '.trash' || e.name === 'models' || (/^\d+$/.test(e.name) && existsSync(join(ctx.root, e.name, 'meta.yaml')))),
	);
	if (!isStore) {
		throw exportError(SourceNotMlflow, ctx.displayUri, 'it holds no <experiment id>/meta.yaml, .trash/ or models/ folder');
	}
}
