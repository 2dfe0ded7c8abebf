import type { DiffRun, DiffRunChange, RunFieldChange } from '../schemas/diff.ts';
import type { Run } from '../schemas/run.ts';
import type { DiffedSnapshot } from './read-snapshot.ts';

export interface RunsDiff {
	added: DiffRun[];
	removed: DiffRun[];
	changed: DiffRunChange[];
}

/**
 * Runs only in head (added), only in base (removed), and on both sides with a different status,
 * end time, params, tags or metric summaries (changed). Each list is sorted by experiment name,
 * then start time, then id.
 */
export function diffRuns(base: DiffedSnapshot, head: DiffedSnapshot): RunsDiff {
	const added: Array<[Run, DiffRun]> = [];
	const removed: Array<[Run, DiffRun]> = [];
	const changed: Array<[Run, DiffRunChange]> = [];
	for (const [id, run] of head.runs) {
		const before = base.runs.get(id);
		if (!before) added.push([run, describeRun(run, head)]);
		else {
			const changes = runChanges(before, run);
			if (changes.length > 0) changed.push([run, { ...describeRun(run, head), changes }]);
		}
	}
	for (const [id, run] of base.runs) if (!head.runs.has(id)) removed.push([run, describeRun(run, base)]);
	return { added: sorted(added), removed: sorted(removed), changed: sorted(changed) };
}

/** A run with its experiment's name and slug, taken from the same snapshot. */
export function describeRun(run: Run, snapshot: DiffedSnapshot): DiffRun {
	const experiment = snapshot.experiments.get(run.experimentId);
	return {
		id: run.id,
		name: run.name,
		experimentId: run.experimentId,
		experimentName: experiment?.name ?? null,
		experimentSlug: experiment?.slug ?? null,
		status: run.status,
	};
}

/** Status, end time, then params, tags and metrics by sorted key. */
export function runChanges(before: Run, after: Run): RunFieldChange[] {
	const changes: RunFieldChange[] = [];
	if (before.status !== after.status) {
		changes.push({ field: 'status', key: null, before: before.status, after: after.status });
	}
	if (before.endTime !== after.endTime) {
		changes.push({ field: 'endTime', key: null, before: before.endTime, after: after.endTime });
	}
	for (const field of ['params', 'tags'] as const) {
		for (const key of unionKeys(before[field], after[field])) {
			const [b, a] = [before[field][key] ?? null, after[field][key] ?? null];
			if (b !== a) changes.push({ field: field === 'params' ? 'param' : 'tag', key, before: b, after: a });
		}
	}
	for (const key of unionKeys(before.metrics, after.metrics)) {
		const [b, a] = [before.metrics[key], after.metrics[key]];
		// Any summary field counts (a new point at an old value changes `count`); the latest value is shown.
		if (JSON.stringify(b) !== JSON.stringify(a)) {
			changes.push({ field: 'metric', key, before: b?.last ?? null, after: a?.last ?? null });
		}
	}
	return changes;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
	return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function sorted<T extends DiffRun>(items: Array<[Run, T]>): T[] {
	return items
		.sort(([ra, a], [rb, b]) =>
			compare(a.experimentName ?? a.experimentId, b.experimentName ?? b.experimentId) ||
			(ra.startTime ?? 0) - (rb.startTime ?? 0) ||
			compare(a.id, b.id),
		)
		.map(([, item]) => item);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
