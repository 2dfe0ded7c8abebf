import { skippedBadRecord } from '../messages.ts';
import { API, decodeOrWarn, isMissingEndpoint, isRecordFailure, listAll, type RestContext } from './rest-context.ts';
import { decodeMetric } from './rest-decode-tracking.ts';
import { array, object } from './rest-json-values.ts';
import type { RawMetricPoint, RawRun } from './source-reader.ts';

/** Page size of `metrics/get-history`: MLflow's client asks for 25000, GitLab caps pages at 1000. */
export const HISTORY_PAGE = { rest: 25_000, gitlab: 1000 } as const;

/** Remembers, for one export, whether the server lacks `metrics/get-history` (older GitLab). */
export interface HistoryState {
	missingEndpoint: boolean;
}

/**
 * Every point of every metric of a run, key by key (sorted), each key in the server's history
 * order. Pages of `metrics/get-history` always carry `max_results`. Where the endpoint does not
 * exist (GitLab before it was added), the points come from `runs/get` `data.metrics`, which
 * GitLab fills with every logged row; exact repeats there are dropped. A key the server no longer
 * knows (404) is skipped with a warning.
 */
export async function* restMetricPoints(
	ctx: RestContext,
	state: HistoryState,
	run: RawRun,
): AsyncGenerator<RawMetricPoint> {
	const keys = Object.keys(run.latestMetrics ?? {}).sort();
	if (run.latestMetrics === null) keys.push(...(await runMetricRows(ctx, run)).keys());
	for (const [index, key] of keys.entries()) {
		if (state.missingEndpoint) {
			const rows = await runMetricRows(ctx, run);
			for (const k of keys.slice(index)) yield* rows.get(k) ?? [];
			return;
		}
		const path = `${API}metrics/get-history`;
		const where = ctx.client.describe('GET', path, { run_id: run.id, metric_key: key });
		try {
			const params = { run_id: run.id, metric_key: key, max_results: HISTORY_PAGE[ctx.dialect] };
			for await (const item of listAll(ctx, 'GET', path, params, 'metrics')) {
				const point = decodeOrWarn(ctx, 'metric point', where, () => decodeMetric(item));
				if (point !== null) yield point.key === key ? point : { ...point, key };
			}
		} catch (error) {
			if (isMissingEndpoint(error)) {
				state.missingEndpoint = true;
				const rows = await runMetricRows(ctx, run);
				for (const k of keys.slice(index)) yield* rows.get(k) ?? [];
				return;
			}
			if (!isRecordFailure(error)) throw error;
			ctx.warn(skippedBadRecord(`metric "${key}" of run ${run.id}`, where, error.message));
		}
	}
}

/** `runs/get` `data.metrics` grouped by key, exact repeats dropped, in the order sent. */
async function runMetricRows(ctx: RestContext, run: RawRun): Promise<Map<string, RawMetricPoint[]>> {
	const path = `${API}runs/get`;
	const where = ctx.client.describe('GET', path, { run_id: run.id });
	const body = await ctx.client.json('GET', path, { run_id: run.id });
	const rows = decodeOrWarn(ctx, `metrics of run ${run.id}`, where, () =>
		array(object(object(body['run'], 'run')['data'], 'data')['metrics'], 'metrics'),
	);
	const byKey = new Map<string, RawMetricPoint[]>();
	const seen = new Set<string>();
	for (const row of rows ?? []) {
		const point = decodeOrWarn(ctx, 'metric point', where, () => decodeMetric(row));
		if (point === null) continue;
		const identity = JSON.stringify([point.key, point.step, point.timestamp, String(point.value)]);
		if (seen.has(identity)) continue;
		seen.add(identity);
		const list = byKey.get(point.key) ?? [];
		list.push(point);
		byKey.set(point.key, list);
	}
	return byKey;
}
