import type { Run } from '../../src/schemas/run.ts';
import type { MetricSummary } from '../../src/schemas/metric-summary.ts';

/** A metric summary whose latest value is `last` at `step`, for tests. */
export function summary(
	last: MetricSummary['last'],
	extra: Partial<MetricSummary> = {},
): MetricSummary {
	const finite = typeof last === 'number' ? last : null;
	return {
		last,
		lastStep: 9,
		lastTimestamp: 1_700_000_009_000,
		min: finite,
		minStep: finite === null ? null : 9,
		max: finite,
		maxStep: finite === null ? null : 9,
		count: 10,
		nonFiniteCount: finite === null ? 1 : 0,
		firstStep: 0,
		...extra,
	};
}

/** A valid snapshot run with defaults, for tests; `overrides` replace whole fields. */
export function makeRun(overrides: Partial<Run> & { id: string }): Run {
	return {
		experimentId: '1',
		name: null,
		status: 'FINISHED',
		lifecycleStage: 'active',
		startTime: 1_700_000_000_000,
		endTime: 1_700_000_060_000,
		user: null,
		parentRunId: null,
		description: null,
		params: {},
		tags: {},
		metrics: {},
		inputs: [],
		loggedModelIds: [],
		artifacts: [],
		...overrides,
	};
}
