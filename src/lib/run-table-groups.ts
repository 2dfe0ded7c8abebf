import type { RunTableData } from './run-table-data.ts';

/** Runs of a table that share one value of the param they are grouped by. */
export interface RunGroup {
	/** The shared param value; null for the runs that did not log the param. */
	value: string | null;
	/** Row indices of the member runs, in table order. */
	indices: number[];
}

/** Mean and sample standard deviation of a group's finite values. */
export interface MeanSd {
	mean: number;
	/** Sample standard deviation (n − 1); null for a single value. */
	sd: number | null;
	/** How many finite values went in. */
	n: number;
}

/**
 * Groups `rows` by the value of param `key`, in the order each value first appears among `rows`
 * (so a sorted table gives sorted groups); the runs without the param form the last group.
 */
export function groupByParam(data: RunTableData, rows: readonly number[], key: string): RunGroup[] {
	const column = Object.hasOwn(data.params, key) ? data.params[key]! : [];
	const groups = new Map<string | null, number[]>();
	for (const i of rows) {
		const value = column[i] ?? null;
		const members = groups.get(value);
		if (members) members.push(i);
		else groups.set(value, [i]);
	}
	const out = [...groups].map(([value, indices]) => ({ value, indices }));
	return [...out.filter((g) => g.value !== null), ...out.filter((g) => g.value === null)];
}

/** Mean ± sd of the finite numbers among `values`; null when there is none. */
export function meanSd(values: readonly (number | null)[]): MeanSd | null {
	const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (xs.length === 0) return null;
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	if (xs.length === 1) return { mean, sd: null, n: 1 };
	const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
	// Equal values summed in floating point leave a spread of ~1e-20: that is 0, not a number to show.
	const sd = Math.sqrt(variance);
	return { mean, sd: sd <= Math.abs(mean) * 1e-12 ? 0 : sd, n: xs.length };
}

/**
 * Orders groups by the mean of a metric (missing means last, ties keep their order), as a sorted
 * column orders runs.
 */
export function sortGroups(
	groups: readonly RunGroup[],
	mean: (group: RunGroup) => number | null,
	descending: boolean,
): RunGroup[] {
	const means = new Map(groups.map((g) => [g, mean(g)]));
	return [...groups].sort((a, b) => {
		const [x, y] = [means.get(a)!, means.get(b)!];
		if (x === null || y === null) return Number(x === null) - Number(y === null);
		return descending ? y - x : x - y;
	});
}
