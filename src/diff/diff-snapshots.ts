import { DIFF_SCHEMA_VERSION, type DiffSide, type MetricDelta, type SnapshotDiff } from '../schemas/diff.ts';
import { formatMetric } from '../lib/format-metric.ts';
import { diffModels } from './diff-models.ts';
import { diffRuns } from './diff-runs.ts';
import { metricDeltas, type DiffConfig } from './metric-deltas.ts';
import type { DiffedSnapshot } from './read-snapshot.ts';

/**
 * Compares two snapshots: runs, model versions, alias moves and tracked metric deltas, and the
 * threshold gate. Pure and deterministic: equal inputs give equal output, with no time in it.
 */
export function diffSnapshots(base: DiffedSnapshot, head: DiffedSnapshot, config: DiffConfig): SnapshotDiff {
	const runs = diffRuns(base, head);
	const models = diffModels(base, head);
	const deltas = metricDeltas(base, head, config);
	const judged = deltas.filter((d) => d.verdict !== null);
	const failing = judged.filter((d) => d.verdict === 'fail');
	return {
		schemaVersion: DIFF_SCHEMA_VERSION,
		base: side(base),
		head: side(head),
		counts: {
			runsAdded: runs.added.length,
			runsRemoved: runs.removed.length,
			runsChanged: runs.changed.length,
			versionsAdded: models.versionsAdded.length,
			versionsRemoved: models.versionsRemoved.length,
			aliasMoves: models.aliasMoves.length,
			metricDeltas: deltas.length,
		},
		runs,
		models,
		metricDeltas: deltas,
		gate: {
			status: judged.length === 0 ? 'none' : failing.length > 0 ? 'fail' : 'pass',
			failures: failing.map(thresholdFailure),
		},
	};
}

function side(snapshot: DiffedSnapshot): DiffSide {
	return { label: snapshot.label, kind: snapshot.kind, dataThrough: snapshot.manifest.dataThrough };
}

/** Whether a diff has nothing to report. */
export function isEmptyDiff(diff: SnapshotDiff): boolean {
	return Object.values(diff.counts).every((n) => n === 0);
}

/**
 * The sentence for a failing threshold.
 * @example "val_loss of penguins@champion got worse by 0.05 (+16.67%), more than the allowed 0.02."
 */
export function thresholdFailure(delta: MetricDelta): string {
	if (delta.direction === null) {
		return `${delta.metric} of ${delta.subject} changed, and its threshold cannot be checked: its direction is unknown. Set metrics.direction["${delta.metric}"] to "lower" or "higher".`;
	}
	const worsening = Math.abs(delta.delta ?? 0);
	const pct = delta.deltaPct === null ? '' : ` (${Math.abs(delta.deltaPct).toFixed(2)}%)`;
	const allowed = [
		delta.threshold?.maxWorsening !== undefined ? formatMetric(delta.threshold.maxWorsening) : null,
		delta.threshold?.maxWorseningPct !== undefined ? `${delta.threshold.maxWorseningPct}%` : null,
	]
		.filter((x) => x !== null)
		.join(' or ');
	return `${delta.metric} of ${delta.subject} got worse by ${formatMetric(worsening)}${pct}, more than the allowed ${allowed}.`;
}
