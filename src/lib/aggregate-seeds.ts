/** Params that only pick a random seed; runs that differ in nothing else are replicates. */
export const SEED_PARAMS: readonly string[] = ['seed', 'random_seed', 'random_state'];

/** Runs that share every param except the seed-like ones. */
export interface SeedGroup {
	/** Stable id of the group: the shared params as sorted `key=value` lines. */
	key: string;
	/** Shared params (seed-like ones left out), keys sorted. */
	params: Record<string, string>;
	/** Member run ids, in input order. */
	runIds: string[];
	/** Seed value of each member, aligned with `runIds`. */
	seeds: string[];
}

/**
 * Groups runs that have a seed-like param and identical other params. Only groups of runs with at
 * least two different seed values are returned (runs that share params and seed are repeats, not
 * replicates: eight runs all logged with `seed=42` are no seed group), in the order of their first
 * run; runs without a seed param are never grouped.
 * The caller decides the scope (one experiment, or runs of the same parent).
 */
export function groupBySeed(
	runs: readonly { id: string; params: Readonly<Record<string, string>> }[],
	seedParams: readonly string[] = SEED_PARAMS,
): SeedGroup[] {
	const groups = new Map<string, SeedGroup>();
	for (const run of runs) {
		const seedKey = seedParams.find((key) => key in run.params);
		if (seedKey === undefined) continue;
		const params: Record<string, string> = {};
		for (const key of Object.keys(run.params).sort())
			if (!seedParams.includes(key)) params[key] = run.params[key]!;
		const key = Object.entries(params)
			.map(([k, v]) => `${k}=${JSON.stringify(v)}`)
			.join('\n');
		const group = groups.get(key) ?? { key, params, runIds: [], seeds: [] };
		group.runIds.push(run.id);
		group.seeds.push(run.params[seedKey]!);
		groups.set(key, group);
	}
	return [...groups.values()].filter((group) => new Set(group.seeds).size >= 2);
}

/** Mean, sample standard deviation (n − 1) and count of some numbers. */
export interface MeanSd {
	mean: number;
	/** Sample standard deviation; 0 when n = 1. */
	sd: number;
	n: number;
}

/** Mean and sample standard deviation of the finite values; null when none is finite. */
export function meanSd(values: readonly number[]): MeanSd | null {
	const finite = values.filter(Number.isFinite);
	const n = finite.length;
	if (n === 0) return null;
	const mean = finite.reduce((sum, v) => sum + v, 0) / n;
	const sd = n === 1 ? 0 : Math.sqrt(finite.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
	return { mean, sd, n };
}

/** One step of an aggregated history: mean ±1 sd over the runs that cover the step. */
export interface BandPoint extends MeanSd {
	step: number;
	lower: number;
	upper: number;
}

/** Value of a history at `step`: exact, or interpolated between its neighbours; null outside. */
function valueAt(
	series: { step: readonly number[]; value: readonly number[] },
	step: number,
	from: number,
): [number | null, number] {
	let i = from;
	while (i < series.step.length && series.step[i]! < step) i++;
	if (i < series.step.length && series.step[i] === step) return [series.value[i]!, i];
	if (i === 0 || i === series.step.length) return [null, i];
	const [s0, s1] = [series.step[i - 1]!, series.step[i]!];
	const [v0, v1] = [series.value[i - 1]!, series.value[i]!];
	return [v0 + ((v1 - v0) * (step - s0)) / (s1 - s0), i];
}

/**
 * Mean ±1 sd per step of several histories of one metric. Steps are the union of the histories'
 * steps; a history that was downsampled and lacks a step contributes its linear interpolation
 * between the neighbouring points, and nothing outside its own first..last step. When the union
 * has more than `maxPoints` steps, evenly spaced ones are kept (first and last always), so the
 * band never has more points than a chart series may.
 */
export function aggregateHistories(
	histories: readonly { step: readonly number[]; value: readonly number[] }[],
	maxPoints = 1000,
): BandPoint[] {
	const sorted = histories.map((h) => {
		const order = h.step.map((_, i) => i).sort((a, b) => h.step[a]! - h.step[b]!);
		return { step: order.map((i) => h.step[i]!), value: order.map((i) => h.value[i]!) };
	});
	let steps = [...new Set(sorted.flatMap((h) => h.step))].sort((a, b) => a - b);
	if (steps.length > maxPoints) {
		const stride = (steps.length - 1) / (maxPoints - 1);
		steps = Array.from({ length: maxPoints }, (_, k) => steps[Math.round(k * stride)]!);
	}
	const cursors = sorted.map(() => 0);
	const band: BandPoint[] = [];
	for (const step of steps) {
		const values: number[] = [];
		sorted.forEach((h, j) => {
			const [value, next] = valueAt(h, step, cursors[j]!);
			cursors[j] = next;
			if (value !== null) values.push(value);
		});
		const stats = meanSd(values);
		if (stats)
			band.push({ step, ...stats, lower: stats.mean - stats.sd, upper: stats.mean + stats.sd });
	}
	return band;
}

/**
 * Mean ±1 sd of each metric's final value over the runs of a group, keys sorted. Non-finite final
 * values are left out of the statistics; a metric no run logged a finite value for is left out.
 */
export function aggregateFinalMetrics(
	finals: readonly Readonly<Record<string, number | null | undefined>>[],
): Record<string, MeanSd> {
	const keys = [...new Set(finals.flatMap((f) => Object.keys(f)))].sort();
	const out: Record<string, MeanSd> = {};
	for (const key of keys) {
		const stats = meanSd(finals.map((f) => f[key] ?? NaN));
		if (stats) out[key] = stats;
	}
	return out;
}
