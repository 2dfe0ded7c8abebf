import type { RunSeries, Series } from '../schemas/series.ts';
import { decodeColumn } from './series-columns.ts';

/**
 * Parses the text of a series or history file (`content/series/<id>.json`,
 * `content/histories/<id>.json`) and checks it against the shape of RunSeriesSchema, which the
 * exporter wrote it with: the same acceptance as `RunSeriesSchema.parse(JSON.parse(text))`
 * (test/site/parse-run-series.test.ts holds them side by side) at a fraction of the cost, since
 * it is a loop over number arrays rather than a zod check per array element. A build reads one
 * such file per run page; the zod parse was the biggest part of rendering one.
 * Unknown keys are dropped, as zod does.
 * @throws Error naming `file` and the first path that does not fit.
 */
export function parseRunSeries(text: string, file: string): RunSeries {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new Error(`${file}: (root) is not JSON (${(error as Error).message}); export the snapshot again.`);
	}
	return checkRunSeries(raw, file);
}

/**
 * parseRunSeries for a value already parsed (the browser's series loader gives one, its columns
 * decoded: plain arrays are accepted as they are).
 * @throws Error naming `file` and the first path that does not fit.
 */
export function checkRunSeries(raw: unknown, file: string): RunSeries {
	const fail = (path: string, what: string): never => {
		throw new Error(`${file}: ${path} ${what}; export the snapshot again.`);
	};
	if (!isObject(raw)) return fail('(root)', 'is not an object');
	const { digest, runId, maxPoints, metrics } = raw;
	if (digest !== undefined && typeof digest !== 'string') fail('digest', 'is not a string');
	if (typeof runId !== 'string') fail('runId', 'is not a string');
	if (!Number.isSafeInteger(maxPoints) || (maxPoints as number) <= 0) fail('maxPoints', 'is not a positive integer');
	if (!isObject(metrics)) return fail('metrics', 'is not an object');
	// A metric called `__proto__` is left out, as zod's record does.
	const out = Object.entries(metrics).filter(([key]) => key !== '__proto__').map(([key, s]): [string, Series] => {
		if (!isObject(s)) return fail(`metrics.${key}`, 'is not an object');
		const value = numbers(s['value'], false) ?? fail(`metrics.${key}.value`, 'is not a list of numbers');
		// Plain columns as before 0.3 (lengths not compared, as zod does not); encoded ones decode
		// to one integer per value (src/lib/series-columns.ts).
		const column = (name: 'step' | 'timestamp') =>
			Array.isArray(s[name])
				? (numbers(s[name], true) ?? fail(`metrics.${key}.${name}`, 'is not a list of integers'))
				: (decodeColumn(s[name], value.length) ?? fail(`metrics.${key}.${name}`, 'is not a list of integers nor an encoded column of one per value'));
		return [key, { step: column('step'), timestamp: column('timestamp'), value }];
	});
	const parsed: RunSeries = { runId: runId as string, maxPoints: maxPoints as number, metrics: Object.fromEntries(out) };
	if (typeof digest === 'string') parsed.digest = digest;
	return parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `list` when it is an array of numbers (safe integers with `integers`), else null. */
function numbers(list: unknown, integers: boolean): number[] | null {
	if (!Array.isArray(list)) return null;
	for (const n of list) {
		if (typeof n !== 'number' || !Number.isFinite(n) || (integers && !Number.isSafeInteger(n))) return null;
	}
	return list as number[];
}
