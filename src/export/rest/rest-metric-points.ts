import { skippedBadRecord } from '../../messages.ts';
import type { MlflowHttpError } from './http-errors.ts';
import { API, decodeOrWarn, isMissingEndpoint, isRecordFailure, type RestContext } from './rest-context.ts';
import { decodeMetric } from './rest-decode-tracking.ts';
import { array, object } from './rest-json-values.ts';
import { paginate, type Page } from './rest-paginate.ts';
import type { RawMetricPoint, RawRun } from '../source-reader.ts';

/** Page size of `metrics/get-history`: MLflow's client asks for 25000, GitLab caps pages at 1000. */
export const HISTORY_PAGE = { rest: 25_000, gitlab: 1000 } as const;

/** Remembers, for one export, whether the server lacks `metrics/get-history` (older GitLab). */
export interface HistoryState {
	missingEndpoint: boolean;
}

type FirstPage = { page: Page<unknown> } | { missing: true } | { failure: MlflowHttpError };

/**
 * Every point of every metric of a run, key by key (sorted), each key in the server's history
 * order. Pages of `metrics/get-history` always carry `max_results`; the first pages of the next
 * `window` keys are fetched ahead, so a run with many keys does not wait for one round trip per
 * key, while memory stays bounded by `window` pages. Where the endpoint does not exist (GitLab
 * before it was added), the points come from `runs/get` `data.metrics`, which GitLab fills with
 * every logged row; exact repeats there are dropped. A key the server no longer knows (404) is
 * skipped with a warning.
 */
export async function* restMetricPoints(
	ctx: RestContext,
	state: HistoryState,
	run: RawRun,
	window = 4,
): AsyncGenerator<RawMetricPoint> {
	let rows: Promise<Map<string, RawMetricPoint[]>> | undefined;
	const runRows = () => (rows ??= runMetricRows(ctx, run));
	const keys = run.latestMetrics === null ? [...(await runRows()).keys()].sort() : Object.keys(run.latestMetrics).sort();
	const path = `${API}metrics/get-history`;
	const paramsOf = (key: string) => ({ run_id: run.id, metric_key: key, max_results: HISTORY_PAGE[ctx.dialect] });
	const fetchPage = async (key: string, token: string | null): Promise<Page<unknown>> => {
		const body = await ctx.client.json('GET', path, token === null ? paramsOf(key) : { ...paramsOf(key), page_token: token });
		const next = body['next_page_token'];
		return { items: array(body['metrics'], 'metrics'), next: typeof next === 'string' ? next : null };
	};
	const firstPage = async (key: string): Promise<FirstPage> => {
		if (state.missingEndpoint) return { missing: true };
		try {
			return { page: await fetchPage(key, null) };
		} catch (error) {
			if (isMissingEndpoint(error)) {
				state.missingEndpoint = true;
				return { missing: true };
			}
			if (isRecordFailure(error)) return { failure: error };
			throw error;
		}
	};

	const ahead: Array<Promise<FirstPage>> = [];
	for (const [index, key] of keys.entries()) {
		while (ahead.length < Math.min(keys.length, index + Math.max(1, window))) {
			const pending = firstPage(keys[ahead.length] ?? '');
			// Awaited in key order below; this only keeps a failure of a key not reached yet from
			// being reported as unhandled when the caller stops early.
			pending.catch(() => {});
			ahead.push(pending);
		}
		const first = (await ahead[index]) as FirstPage;
		const where = ctx.client.describe('GET', path, { run_id: run.id, metric_key: key });
		if ('missing' in first) {
			yield* (await runRows()).get(key) ?? [];
			continue;
		}
		if ('failure' in first) {
			ctx.warn(skippedBadRecord(`metric "${key}" of run ${run.id}`, where, first.failure.message));
			continue;
		}
		const pages = paginate(where, (token) => (token === null ? Promise.resolve(first.page) : fetchPage(key, token)));
		for await (const item of pages) {
			const point = decodeOrWarn(ctx, 'metric point', where, () => decodeMetric(item));
			if (point !== null) yield point.key === key ? point : { ...point, key };
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
