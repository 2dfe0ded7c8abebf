import type { Artifact, RunInput } from '../schemas/run.ts';
import type { MetricHistory } from './metric-history.ts';
import type { RawRun } from './source-reader.ts';

/**
 * The snapshot form of a run (validated by RunSchema before writing): the name falls back to
 * tag `mlflow.runName` and the user to tag `mlflow.user`; parent and description come from
 * `mlflow.parentRunId` and `mlflow.note.content`; maps are written with sorted keys.
 */
export function normaliseRun(
	raw: RawRun,
	parts: { histories: readonly MetricHistory[]; inputs: RunInput[]; artifacts: Artifact[] },
) {
	const tags = raw.tags;
	return {
		id: raw.id,
		experimentId: raw.experimentId,
		name: nonEmpty(raw.name) ?? nonEmpty(tags['mlflow.runName']),
		status: raw.status,
		lifecycleStage: raw.lifecycleStage,
		startTime: raw.startTime,
		endTime: raw.endTime,
		user: nonEmpty(raw.userId) ?? nonEmpty(tags['mlflow.user']),
		parentRunId: nonEmpty(tags['mlflow.parentRunId']),
		description: nonEmpty(tags['mlflow.note.content']),
		params: raw.params,
		tags,
		metrics: Object.fromEntries(parts.histories.map((h) => [h.key, h.summary])),
		inputs: [...parts.inputs].sort((a, b) => cmp(a.name, b.name) || cmp(a.digest, b.digest) || cmp(a.context ?? '', b.context ?? '')),
		loggedModelIds: [...new Set(raw.outputModelIds)].sort(),
		artifacts: [...parts.artifacts].sort((a, b) => cmp(a.path, b.path)),
	};
}

/** The string, or null when it is missing or empty. */
export function nonEmpty(value: string | null | undefined): string | null {
	return value === undefined || value === null || value === '' ? null : value;
}

/** Code-unit order, the same in every locale. */
export function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
