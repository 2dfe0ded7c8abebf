import type { Run } from '../schemas/run.ts';
import { parseFilter, type FilterClause, type RunFields } from './filter-expression.ts';

const STRICT_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function compare(
	lhs: number | string,
	op: FilterClause['comparator'],
	rhs: number | string,
): boolean {
	switch (op) {
		case '=':
			return lhs === rhs;
		case '!=':
			// Python's `nan != x` is true, and MLflow filters in Python.
			return lhs !== rhs || Number.isNaN(lhs);
		case '<':
			return lhs < rhs;
		case '<=':
			return lhs <= rhs;
		case '>':
			return lhs > rhs;
		case '>=':
			return lhs >= rhs;
		default:
			return false;
	}
}

function matchString(lhs: string, clause: FilterClause): boolean {
	const { comparator, value } = clause;
	if (clause.pattern) return clause.pattern.test(lhs);
	if (Array.isArray(value)) return value.includes(lhs) === (comparator === 'IN');
	if (typeof value === 'number') {
		// Beyond MLflow: a numeric comparison of a param or tag whose value is a number.
		return STRICT_NUMBER.test(lhs) && compare(Number(lhs), comparator, value);
	}
	return compare(lhs, comparator, value as string);
}

/** Whether one run satisfies one clause. A missing field never matches. */
export function matchesClause(run: RunFields, clause: FilterClause): boolean {
	const { type, key, value } = clause;
	if (type === 'dataset') {
		return run.datasets().some((d) => {
			const lhs = d[key as 'name' | 'digest' | 'context'];
			return lhs != null && matchString(lhs, clause);
		});
	}
	const lhs =
		type === 'metric'
			? run.metric(key)
			: type === 'param'
				? run.param(key)
				: type === 'tag'
					? run.tag(key)
					: run.attribute(key);
	if (lhs == null) return false;
	if (typeof lhs === 'number')
		return typeof value === 'number' && compare(lhs, clause.comparator, value);
	return matchString(lhs, clause);
}

/** Whether one run satisfies every clause (MLflow joins clauses with AND). */
export function matchesFilter(run: RunFields, clauses: readonly FilterClause[]): boolean {
	return clauses.every((clause) => matchesClause(run, clause));
}

/** Parses `text` once and returns a predicate; throws FilterExpressionError on a bad filter. */
export function compileFilter(text: string): (run: RunFields) => boolean {
	const clauses = parseFilter(text);
	return (run) => matchesFilter(run, clauses);
}

const metricNumber = (value: number | string): number =>
	typeof value === 'number'
		? value
		: value === 'Infinity'
			? Infinity
			: value === '-Infinity'
				? -Infinity
				: NaN;

/** Filter access to a snapshot run entity (its latest metric values, params, tags, inputs). */
export function runFields(run: Run): RunFields {
	return {
		metric: (key) => {
			const summary = run.metrics[key];
			return summary === undefined ? undefined : metricNumber(summary.last);
		},
		param: (key) => run.params[key],
		tag: (key) => run.tags[key],
		attribute: (key) =>
			({
				run_id: run.id,
				run_name: run.name,
				status: run.status,
				user_id: run.user,
				start_time: run.startTime,
				end_time: run.endTime,
			})[key],
		datasets: () => run.inputs,
	};
}
