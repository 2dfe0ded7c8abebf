import { knownDirection, metricDirection } from '../lib/metric-direction.ts';
import { primaryMetric } from '../lib/primary-metric.ts';
import type { MetricThreshold, MlpagesConfig } from '../schemas/config.ts';
import type { DeltaEnd, MetricDelta } from '../schemas/diff.ts';
import type { Run } from '../schemas/run.ts';
import type { DiffedSnapshot } from './read-snapshot.ts';

export type DiffConfig = Pick<MlpagesConfig, 'metrics' | 'diff'>;

/** Rounds away float noise (0.1 + 0.2) so deltas and threshold checks are stable. */
const tidy = (x: number) => Number(x.toPrecision(12));

/**
 * Deltas of the tracked metrics of one run per subject, on each side: for every alias of every
 * model, the source run of the version it points to; for every experiment, its best run, the
 * active run with the best latest value of the experiment's primary metric (as the experiment
 * page ranks runs). Tracked metrics are that primary metric and every metric with a threshold that
 * the run logged. Only deltas whose value, run or version differs are returned, aliases first.
 */
export function metricDeltas(base: DiffedSnapshot, head: DiffedSnapshot, config: DiffConfig): MetricDelta[] {
	return [...aliasDeltas(base, head, config), ...bestRunDeltas(base, head, config)];
}

function aliasDeltas(base: DiffedSnapshot, head: DiffedSnapshot, config: DiffConfig): MetricDelta[] {
	const deltas: MetricDelta[] = [];
	for (const slug of [...new Set([...base.models.keys(), ...head.models.keys()])].sort()) {
		const [b, h] = [base.models.get(slug), head.models.get(slug)];
		const aliases = [...new Set([...Object.keys(b?.aliases ?? {}), ...Object.keys(h?.aliases ?? {})])].sort();
		for (const alias of aliases) {
			const [vb, vh] = [b?.aliases[alias] ?? null, h?.aliases[alias] ?? null];
			const [rb, rh] = [sourceRun(base, slug, vb), sourceRun(head, slug, vh)];
			const keys = new Set([
				...trackedKeys(base, rb, config),
				...trackedKeys(head, rh, config),
			]);
			for (const metric of [...keys].sort()) {
				const delta = makeDelta(config, metric, end(rb, metric, vb), end(rh, metric, vh), {
					kind: 'alias',
					subject: `${(h ?? b)!.name}@${alias}`,
					modelSlug: slug,
					alias,
					experimentId: null,
					experimentSlug: null,
				});
				if (delta) deltas.push(delta);
			}
		}
	}
	return deltas;
}

function bestRunDeltas(base: DiffedSnapshot, head: DiffedSnapshot, config: DiffConfig): MetricDelta[] {
	const deltas: MetricDelta[] = [];
	const ids = [...new Set([...base.experiments.keys(), ...head.experiments.keys()])];
	const experiment = (id: string) => (head.experiments.get(id) ?? base.experiments.get(id))!;
	ids.sort((x, y) => (experiment(x).name < experiment(y).name ? -1 : experiment(x).name > experiment(y).name ? 1 : 0));
	for (const id of ids) {
		const { name, slug } = experiment(id);
		const [runsB, runsH] = [experimentRuns(base, id), experimentRuns(head, id)];
		// One primary metric for both sides, so the best runs are ranked by the same key.
		const primary = primaryMetric(name, config.metrics.primary, [...runsB, ...runsH].map((r) => Object.keys(r.metrics)));
		if (!primary) continue;
		// Ranking needs an order even when the direction is unknown; judging the delta does not use it.
		const direction = metricDirection(primary, config.metrics.direction);
		const [rb, rh] = [bestRun(runsB, primary, direction), bestRun(runsH, primary, direction)];
		const thresholded = Object.keys(config.diff?.thresholds ?? {}).filter((key) => (rb !== null && key in rb.metrics) || (rh !== null && key in rh.metrics));
		for (const metric of [...new Set([primary, ...thresholded])].sort()) {
			const delta = makeDelta(config, metric, end(rb, metric, null), end(rh, metric, null), {
				kind: 'best-run',
				subject: `best run of ${name}`,
				modelSlug: null,
				alias: null,
				experimentId: id,
				experimentSlug: slug,
			});
			if (delta) deltas.push(delta);
		}
	}
	return deltas;
}

/** The run with the best finite latest value of `metric`; ties go to the earlier start, then the smaller id. */
export function bestRun(runs: readonly Run[], metric: string, direction: 'lower' | 'higher'): Run | null {
	const rank = (run: Run, value: number) => [direction === 'lower' ? value : -value, run.startTime ?? 0] as const;
	let best: { run: Run; rank: readonly [number, number] } | null = null;
	for (const run of runs) {
		const value = finiteLast(run, metric);
		if (value === null) continue;
		const r = rank(run, value);
		const wins =
			best === null ||
			r[0] < best.rank[0] ||
			(r[0] === best.rank[0] && (r[1] < best.rank[1] || (r[1] === best.rank[1] && run.id < best.run.id)));
		if (wins) best = { run, rank: r };
	}
	return best?.run ?? null;
}

function experimentRuns(snapshot: DiffedSnapshot, experimentId: string): Run[] {
	return [...snapshot.runs.values()].filter((r) => r.experimentId === experimentId && r.lifecycleStage === 'active');
}

function sourceRun(snapshot: DiffedSnapshot, slug: string, version: string | null): Run | null {
	const runId = version === null ? null : snapshot.versions.get(`${slug}/${version}`)?.runId;
	return runId ? (snapshot.runs.get(runId) ?? null) : null;
}

/** The primary metric of the run's experiment and the thresholded metrics the run logged. */
function trackedKeys(snapshot: DiffedSnapshot, run: Run | null, config: DiffConfig): string[] {
	if (!run) return [];
	const name = snapshot.experiments.get(run.experimentId)?.name ?? '';
	const siblings = experimentRuns(snapshot, run.experimentId).map((r) => Object.keys(r.metrics));
	const primary = primaryMetric(name, config.metrics.primary, siblings.length > 0 ? siblings : [Object.keys(run.metrics)]);
	const keys = Object.keys(config.diff?.thresholds ?? {}).filter((key) => key in run.metrics);
	return primary && primary in run.metrics ? [primary, ...keys] : keys;
}

function finiteLast(run: Run, metric: string): number | null {
	const last = run.metrics[metric]?.last;
	return typeof last === 'number' && Number.isFinite(last) ? last : null;
}

function end(run: Run | null, metric: string, version: string | null): DeltaEnd {
	return { value: run ? finiteLast(run, metric) : null, runId: run?.id ?? null, version };
}

type Subject = Pick<MetricDelta, 'kind' | 'subject' | 'modelSlug' | 'alias' | 'experimentId' | 'experimentSlug'>;

function makeDelta(config: DiffConfig, metric: string, b: DeltaEnd, h: DeltaEnd, subject: Subject): MetricDelta | null {
	if (b.value === null && h.value === null) return null;
	if (b.value === h.value && b.runId === h.runId && b.version === h.version) return null;
	const direction = knownDirection(metric, config.metrics.direction);
	const threshold: MetricThreshold | null = config.diff?.thresholds[metric] ?? null;
	const both = b.value !== null && h.value !== null;
	const delta = both ? tidy(h.value! - b.value!) : null;
	const deltaPct = both && b.value !== 0 ? tidy(((h.value! - b.value!) / Math.abs(b.value!)) * 100) : null;
	const worsening = delta === null || direction === null ? null : direction === 'lower' ? delta : -delta;
	const outcome =
		b.value === null
			? 'added'
			: h.value === null
				? 'removed'
				: delta === 0
					? 'same'
					: worsening === null
						? 'changed'
						: worsening > 0
							? 'worse'
							: 'better';
	let verdict: MetricDelta['verdict'] = null;
	// A threshold on a metric of unknown direction cannot tell worse from better: the gate fails
	// closed (loadDiffConfig rejects such a configuration before it gets here).
	if (threshold && direction === null && delta !== null) verdict = delta === 0 ? 'pass' : 'fail';
	else if (threshold && worsening !== null) {
		const pct = b.value === 0 ? null : tidy((worsening / Math.abs(b.value!)) * 100);
		const tooMuch =
			(threshold.maxWorsening !== undefined && worsening > threshold.maxWorsening) ||
			(threshold.maxWorseningPct !== undefined && pct !== null && pct > threshold.maxWorseningPct);
		verdict = tooMuch ? 'fail' : 'pass';
	}
	return { ...subject, metric, direction, base: b, head: h, delta, deltaPct, outcome, threshold, verdict };
}
