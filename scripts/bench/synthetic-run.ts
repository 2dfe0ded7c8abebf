/**
 * The synthetic MLflow runs of `npm run bench`: a pure function of (seed, index), so the same
 * flags always give the same stores. The mix imitates a tracking server used for sweeps:
 *
 * | share | kind    | metric histories (steps)            | charts per run page |
 * |-------|---------|-------------------------------------|---------------------|
 * | 60 %  | final   | none: 20 single-value metrics       | 0                   |
 * | 30 %  | short   | loss, val_loss: 20–100 steps        | 2                   |
 * |  9 %  | medium  | loss, val_loss, val_accuracy: 1,000 | 3                   |
 * |  1 %  | long    | loss, val_loss, val_accuracy: 10,000| 3                   |
 *
 * Every run has 20 metric keys (histories plus single-value `test_*` metrics), 50 params and
 * 6 tags. About 620 points per run on average: 0.6M at 1,000 runs, 6.2M at 10,000.
 */
import { createHash } from 'node:crypto';
import { createRandom } from '../demo/random.ts';

export type RunKind = 'final' | 'short' | 'medium' | 'long';

/** One metric key's points, in step order; step 0 only for single-value metrics. */
export interface SyntheticMetric {
	key: string;
	step: number[];
	timestamp: number[];
	value: number[];
}

export interface SyntheticRun {
	index: number;
	/** 32 hex characters, like MLflow's `uuid4().hex`. */
	id: string;
	experimentId: number;
	name: string;
	kind: RunKind;
	status: 'FINISHED' | 'FAILED';
	userId: string;
	startTime: number;
	endTime: number;
	params: Record<string, string>;
	tags: Record<string, string>;
	metrics: SyntheticMetric[];
}

export const METRICS_PER_RUN = 20;
export const PARAMS_PER_RUN = 50;
/** 2026-01-05 08:00 UTC: runs start one minute apart from here. */
export const BENCH_EPOCH = Date.UTC(2026, 0, 5, 8, 0, 0);
const HISTORY_KEYS = ['loss', 'val_loss', 'val_accuracy'] as const;

/** Experiments of a store with `runs` runs: one per started 500 runs, at least two (ids 1..n). */
export function experimentCount(runs: number): number {
	return Math.max(2, Math.ceil(runs / 500));
}

/** The kind of run `index`: a fixed pattern over each block of 100 indexes (1 long, 9 medium, 30 short, 60 final). */
export function runKind(index: number): RunKind {
	const slot = (index * 37) % 100;
	return slot === 0 ? 'long' : slot <= 9 ? 'medium' : slot <= 39 ? 'short' : 'final';
}

/** Steps of each history of a run of `kind` (0: single-value metrics only). */
function historyLength(kind: RunKind, next: () => number): number {
	if (kind === 'long') return 10_000;
	if (kind === 'medium') return 1_000;
	if (kind === 'short') return 20 + Math.floor(next() * 81);
	return 0;
}

/** Deterministic run id from the seed and the index. */
export function syntheticRunId(seed: number, index: number): string {
	return createHash('sha256').update(`mlpages-bench/${seed}/${index}`).digest('hex').slice(0, 32);
}

/**
 * Run `index` of a store of `runs` runs (the experiment is `1 + index % experimentCount(runs)`).
 * `kind` overrides the pattern (the benchmark adds one `short` run to measure a re-export).
 */
export function syntheticRun(seed: number, runs: number, index: number, kind: RunKind = runKind(index)): SyntheticRun {
	const random = createRandom((seed * 1_000_003 + index) >>> 0);
	const next = () => random.next();
	const steps = historyLength(kind, next);
	const historyKeys = kind === 'final' ? [] : kind === 'short' ? HISTORY_KEYS.slice(0, 2) : HISTORY_KEYS;
	const startTime = BENCH_EPOCH + index * 60_000;
	const stepMs = 250 + Math.floor(next() * 750);
	const endTime = startTime + Math.max(1, steps) * stepMs + 5_000;
	const lr = 10 ** -(1 + next() * 3);
	const metrics: SyntheticMetric[] = historyKeys.map((key) => {
		const m: SyntheticMetric = { key, step: [], timestamp: [], value: [] };
		const floor = 0.05 + next() * 0.3;
		const rate = 2 / steps + next() * (4 / steps);
		for (let s = 0; s < steps; s++) {
			const noise = (next() - 0.5) * 0.04;
			const loss = floor + (2.3 - floor) * Math.exp(-rate * s) + noise;
			m.step.push(s);
			m.timestamp.push(startTime + (s + 1) * stepMs);
			m.value.push(key === 'val_accuracy' ? Math.min(1, Math.max(0, 1 - loss / 2.5)) : loss);
		}
		return m;
	});
	for (let k = metrics.length; k < METRICS_PER_RUN; k++) {
		const key = `test_metric_${String(k).padStart(2, '0')}`;
		metrics.push({ key, step: [Math.max(0, steps - 1)], timestamp: [endTime - 1_000], value: [next()] });
	}
	const params: Record<string, string> = {};
	params['learning_rate'] = String(lr);
	params['batch_size'] = String(2 ** (4 + Math.floor(next() * 5)));
	params['optimizer'] = next() < 0.5 ? 'adam' : 'sgd';
	for (let p = Object.keys(params).length; p < PARAMS_PER_RUN; p++) {
		params[`param_${String(p).padStart(2, '0')}`] = next() < 0.5 ? String(Math.floor(next() * 1000)) : next().toFixed(4);
	}
	const name = `bench-${kind}-${index}`;
	const userId = `user${index % 7}`;
	return {
		index,
		id: syntheticRunId(seed, index),
		experimentId: 1 + (index % experimentCount(runs)),
		name,
		kind,
		status: next() < 0.95 ? 'FINISHED' : 'FAILED',
		userId,
		startTime,
		endTime,
		params,
		tags: {
			'mlflow.runName': name,
			'mlflow.user': userId,
			'mlflow.source.name': 'train.py',
			'mlflow.source.type': 'LOCAL',
			'mlflow.source.git.commit': createHash('sha1').update(`commit/${index % 13}`).digest('hex'),
			team: index % 2 === 0 ? 'vision' : 'nlp',
		},
		metrics,
	};
}

/** Points and run-page charts (histories of at least 2 points) of a run. */
export function runCounts(run: SyntheticRun): { points: number; charts: number } {
	let points = 0;
	let charts = 0;
	for (const m of run.metrics) {
		points += m.step.length;
		if (m.step.length >= 2) charts++;
	}
	return { points, charts };
}
