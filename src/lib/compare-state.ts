import type { XAxisMode } from '../charts/compare-history.ts';

/** Most runs the compare page shows; the rest of a longer `?runs=` list is ignored and said so. */
export const MAX_COMPARE = 20;

/** What the compare page shows; all of it lives in the query string, so a reload keeps it. */
export interface CompareState {
	/** Run ids in the order given (`?runs=a,b`), duplicates and blanks removed, at most MAX_COMPARE. */
	runs: string[];
	/** How many ids beyond MAX_COMPARE were ignored. */
	dropped: number;
	/** Run the deltas are against (`?baseline=`); the first run when absent or not compared. */
	baseline: string | null;
	/** Show only params whose values differ (`?diff=1`). */
	onlyDiff: boolean;
	/** x axis of the history charts (`?x=step|time|relative`). */
	x: XAxisMode;
	/** Log y axis (`?log=1`). */
	logY: boolean;
	/** Smoothing weight in [0, 0.99] (`?smooth=0.6`). */
	smoothing: number;
}

/** Reads the compare state; unknown values fall back to defaults. */
export function readCompareState(query: URLSearchParams): CompareState {
	const ids = [
		...new Set(
			(query.get('runs') ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== ''),
		),
	];
	const runs = ids.slice(0, MAX_COMPARE);
	const baseline = query.get('baseline');
	const x = query.get('x');
	const smoothing = Number(query.get('smooth') ?? 0);
	return {
		runs,
		dropped: ids.length - runs.length,
		baseline: baseline !== null && runs.includes(baseline) ? baseline : (runs[0] ?? null),
		onlyDiff: query.get('diff') === '1',
		x: x === 'time' || x === 'relative' ? x : 'step',
		logY: query.get('log') === '1',
		smoothing: Number.isFinite(smoothing) ? Math.min(0.99, Math.max(0, smoothing)) : 0,
	};
}

/** Writes the state into `query`, leaving out defaults; other parameters are kept. */
export function writeCompareState(
	state: CompareState,
	query: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
	const set = (key: string, value: string | null) =>
		value === null ? query.delete(key) : query.set(key, value);
	set('runs', state.runs.length > 0 ? state.runs.join(',') : null);
	set('baseline', state.baseline && state.baseline !== state.runs[0] ? state.baseline : null);
	set('diff', state.onlyDiff ? '1' : null);
	set('x', state.x === 'step' ? null : state.x);
	set('log', state.logY ? '1' : null);
	set('smooth', state.smoothing > 0 ? String(state.smoothing) : null);
	return query;
}

/**
 * Link to the compare page for some runs. `base` is the site's base URL (ends with `/`); ids
 * are percent-encoded but commas stay literal, so the link reads `?runs=a,b`.
 */
export function compareHref(base: string, runIds: readonly string[]): string {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return `${prefix}compare/?runs=${runIds.map(encodeURIComponent).join(',')}`;
}
