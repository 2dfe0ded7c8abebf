/**
 * The runs of the benchmark's scale store (`npm run bench -- --runs 100000`, issue 14): every
 * run has 10 metrics of 20 steps, 20 params and 11 tags; 250 runs per experiment; every fifth
 * run is nested under the first run of its block of five (tag `mlflow.parentRunId`, same
 * experiment). Each field is a pure function of (seed, index), and a run's metric history of
 * (seed, index, key), so the store writer can insert metric rows key by key without keeping
 * runs in memory.
 *
 * Runs start one minute apart and log their 20 steps within 21 s, so for one metric key the
 * rows of run i all come before those of run i + 1 in time: inserted key by key, run by run,
 * step by step, the rows arrive in the order of MLflow's metrics primary key
 * (key, timestamp, step, run_uuid, value, is_nan), which keeps that B-tree append-only.
 */
import { createHash } from 'node:crypto';
import { createRandom } from '../demo/random.ts';

export const SCALE_METRIC_KEYS = ['accuracy', 'f1', 'learning_rate', 'loss', 'precision', 'recall', 'train_accuracy', 'train_loss', 'val_accuracy', 'val_loss'] as const;
export const SCALE_STEPS = 20;
export const SCALE_PARAMS = 20;
export const SCALE_TAGS = 11;
export const SCALE_RUNS_PER_EXPERIMENT = 250;
/** 2026-01-05 08:00 UTC: run i starts i minutes later. */
export const SCALE_EPOCH = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface ScaleRun {
	index: number;
	/** 32 hex characters, like MLflow's `uuid4().hex`. */
	id: string;
	experimentId: number;
	name: string;
	status: 'FINISHED' | 'FAILED';
	userId: string;
	startTime: number;
	endTime: number;
	/** Milliseconds between two logged steps (250–999). */
	stepMs: number;
	/** The parent's id for a nested run (index % 5 === 4), else null. */
	parentId: string | null;
	params: Record<string, string>;
	tags: Record<string, string>;
}

/** One metric's history, steps 0..19. */
export interface ScaleMetric {
	key: string;
	step: number[];
	timestamp: number[];
	value: number[];
}

/** Experiments of a store with `runs` runs (ids 1..n; runs 0–249 in experiment 1). */
export const scaleExperimentCount = (runs: number): number => Math.ceil(runs / SCALE_RUNS_PER_EXPERIMENT);
export const scaleExperimentId = (index: number): number => 1 + Math.floor(index / SCALE_RUNS_PER_EXPERIMENT);
/** Run `index` is nested under run `index - 4`: one run in five, its parent in the same experiment (250 is a multiple of 5). */
export const isNested = (index: number): boolean => index % 5 === 4;

export function scaleRunId(seed: number, index: number): string {
	return createHash('sha256').update(`mlpages-bench-scale/${seed}/${index}`).digest('hex').slice(0, 32);
}

/** Start time and step interval of run `index`: what scaleMetric needs without the whole run. */
export function scaleRunClock(seed: number, index: number): { startTime: number; stepMs: number } {
	const random = createRandom((seed * 2_000_003 + index * 7) >>> 0);
	return { startTime: SCALE_EPOCH + index * 60_000, stepMs: 250 + Math.floor(random.next() * 750) };
}

/** Run `index` without its metrics (scaleMetric gives those). */
export function scaleRun(seed: number, index: number): ScaleRun {
	const { startTime, stepMs } = scaleRunClock(seed, index);
	const random = createRandom((seed * 3_000_017 + index) >>> 0);
	const next = () => random.next();
	const endTime = startTime + (SCALE_STEPS + 1) * stepMs;
	const name = `sweep-${index}`;
	const userId = `user${index % 7}`;
	const params: Record<string, string> = {
		learning_rate: String(10 ** -(1 + next() * 3)),
		batch_size: String(2 ** (4 + Math.floor(next() * 5))),
		optimizer: next() < 0.5 ? 'adam' : 'sgd',
		epochs: String(SCALE_STEPS),
	};
	for (let p = 4; p < SCALE_PARAMS; p++) params[`param_${String(p).padStart(2, '0')}`] = next() < 0.5 ? String(Math.floor(next() * 1000)) : next().toFixed(4);
	const parentId = isNested(index) ? scaleRunId(seed, index - 4) : null;
	const tags: Record<string, string> = {
		'mlflow.runName': name,
		'mlflow.user': userId,
		'mlflow.source.name': 'sweep.py',
		'mlflow.source.type': 'LOCAL',
		'mlflow.source.git.commit': createHash('sha1').update(`commit/${index % 13}`).digest('hex'),
		team: index % 2 === 0 ? 'vision' : 'nlp',
		dataset: `shard-${index % 10}`,
		framework: 'torch',
		seed: String(index),
		sweep: `sweep-${Math.floor(index / SCALE_RUNS_PER_EXPERIMENT)}`,
	};
	if (parentId === null) tags['sweep.role'] = index % 5 === 0 ? 'parent' : 'trial';
	else tags['mlflow.parentRunId'] = parentId;
	return {
		index,
		id: scaleRunId(seed, index),
		experimentId: scaleExperimentId(index),
		name,
		status: next() < 0.95 ? 'FINISHED' : 'FAILED',
		userId,
		startTime,
		endTime,
		stepMs,
		parentId,
		params,
		tags,
	};
}

/** History of metric `SCALE_METRIC_KEYS[keyIndex]` of run `index`, given the run's clock. */
export function scaleMetric(seed: number, index: number, keyIndex: number, clock: { startTime: number; stepMs: number }): ScaleMetric {
	const key = SCALE_METRIC_KEYS[keyIndex]!;
	const random = createRandom((seed * 4_000_037 + index * 16 + keyIndex) >>> 0);
	const floor = 0.05 + random.next() * 0.3;
	const rate = 0.1 + random.next() * 0.2;
	const m: ScaleMetric = { key, step: [], timestamp: [], value: [] };
	for (let s = 0; s < SCALE_STEPS; s++) {
		const loss = floor + (2.3 - floor) * Math.exp(-rate * s) + (random.next() - 0.5) * 0.04;
		m.step.push(s);
		m.timestamp.push(clock.startTime + (s + 1) * clock.stepMs);
		m.value.push(key === 'learning_rate' ? 0.01 * 0.9 ** s : /loss/.test(key) ? loss : Math.min(1, Math.max(0, 1 - loss / 2.5)));
	}
	return m;
}
