/**
 * MLflow's run filter syntax (`mlflow.search_runs(filter_string=…)`), parsed and evaluated in the
 * browser. Every filter MLflow accepts means the same thing here:
 *
 * - comparisons joined by `and` (no `or`, no parentheses), keywords in any case;
 * - `metrics.<key>` against a number (`=`, `!=`, `<`, `<=`, `>`, `>=`) on the run's latest value;
 * - `params.<key>` and `tags.<key>` against a quoted string (`=`, `!=`, `LIKE`, `ILIKE`);
 * - `attributes.<key>` (or the bare key): `run_id`, `run_name`, `status`, `user_id` with
 *   `=`, `!=`, `LIKE`, `ILIKE`, `IN (…)`, `NOT IN (…)`; `start_time`, `end_time`, `created` in
 *   epoch milliseconds with numeric comparators;
 * - `datasets.name|digest|context`, true when any input dataset matches;
 * - keys with dots, spaces or dashes in backticks or quotes: ``tags.`mlflow.user` = 'x'``;
 * - a run without the metric, param or tag never matches, not even with `!=`.
 *
 * Beyond MLflow: params and tags also take `<`, `<=`, `>`, `>=` and an unquoted number with
 * `=`/`!=`, comparing numerically when the logged value is a number (`params.lr < 0.05`), and
 * `IN (…)`. Errors name the 1-based character position, e.g.
 * `Expected a comparison operator after "metrics.val_loss" at position 17`.
 */

/** The kinds of run field a filter can compare. */
export type EntityType = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

/** One parsed comparison. */
export interface FilterClause {
	type: EntityType;
	/** Key after normalisation of attribute aliases (`created` → `start_time`). */
	key: string;
	comparator: Comparator;
	/** A number for numeric comparisons, a string, or the list of `IN (…)`. */
	value: number | string | readonly string[];
	/** LIKE/ILIKE pattern as a regular expression. */
	pattern?: RegExp;
	/** 0-based offsets of the clause in the filter text. */
	start: number;
	end: number;
}

/** A dataset input of a run, as `datasets.*` sees it. */
export interface DatasetFields {
	name: string;
	digest: string;
	context: string | null;
}

/** Read access to one run's fields; the evaluator never sees the run's storage shape. */
export interface RunFields {
	/** Latest value of a metric; NaN and infinities as numbers; undefined when not logged. */
	metric(key: string): number | null | undefined;
	param(key: string): string | null | undefined;
	tag(key: string): string | null | undefined;
	/** `run_id`, `run_name`, `status`, `user_id` (strings) or `start_time`, `end_time` (epoch ms). */
	attribute(key: string): string | number | null | undefined;
	datasets(): readonly DatasetFields[];
}

/** A filter that cannot be parsed; `position` is 1-based, `start`/`end` are 0-based offsets. */
export class FilterExpressionError extends Error {
	override name = 'FilterExpressionError' as const;
	readonly position: number;
	readonly start: number;
	readonly end: number;
	constructor(message: string, start: number, end = start) {
		super(`${message} at position ${start + 1}`);
		this.position = start + 1;
		this.start = start;
		this.end = end;
	}
}

const ENTITY_ALIASES: Readonly<Record<string, EntityType>> = {
	metric: 'metric',
	metrics: 'metric',
	param: 'param',
	params: 'param',
	parameter: 'param',
	parameters: 'param',
	tag: 'tag',
	tags: 'tag',
	attribute: 'attribute',
	attributes: 'attribute',
	attr: 'attribute',
	run: 'attribute',
	dataset: 'dataset',
	datasets: 'dataset',
};
const ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = {
	created: 'start_time',
	Created: 'start_time',
	'run name': 'run_name',
	'Run name': 'run_name',
	'Run Name': 'run_name',
};
export const STRING_ATTRIBUTES = ['run_id', 'run_name', 'status', 'user_id'] as const;
export const NUMERIC_ATTRIBUTES = ['start_time', 'end_time'] as const;
const DATASET_KEYS = ['name', 'digest', 'context'];

const NUMERIC_OPS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_OPS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const PARAM_OPS: readonly Comparator[] = [...NUMERIC_OPS, 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const STRICT_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;
const BARE_KEY = /^[^\s<>=!(),'"`]+/;
const DELIMITER = /^(?:$|[\s(),])/;

const list = (ops: readonly string[]) => `${ops.slice(0, -1).join(', ')} or ${ops.at(-1)}`;

/** Turns a SQL LIKE pattern (`%` any run, `_` one character) into an anchored RegExp. */
export function likePattern(pattern: string, ignoreCase: boolean): RegExp {
	const body = pattern.replace(/[.*+?^${}()|[\]\\%_]/g, (c) =>
		c === '%' ? '.*' : c === '_' ? '.' : `\\${c}`,
	);
	return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/** Parses a filter; an empty or blank text gives no clauses. Throws FilterExpressionError. */
export function parseFilter(text: string): FilterClause[] {
	let i = 0;
	const ws = () => {
		while (i < text.length && /\s/.test(text[i]!)) i++;
	};
	const rest = () => text.slice(i);
	const found = () => {
		const token = /^\S+/.exec(rest())?.[0] ?? '';
		return token.length > 20 ? `${token.slice(0, 20)}…` : token;
	};
	const fail = (message: string, at = i, end = at): never => {
		throw new FilterExpressionError(message, at, end);
	};
	const quoted = (): string | null => {
		const quote = text[i];
		if (quote !== "'" && quote !== '"' && quote !== '`') return null;
		const start = i;
		let value = '';
		for (i++; i < text.length; i++) {
			const c = text[i]!;
			if (c === '\\' && quote !== '`' && i + 1 < text.length) value += text[++i];
			else if (c === quote && text[i + 1] === quote) value += text[i++];
			else if (c === quote) {
				i++;
				return value;
			} else value += c;
		}
		return fail(`Unterminated ${quote} quote`, start, text.length);
	};

	const comparison = (): FilterClause => {
		const start = i;
		let entityText = quoted();
		if (entityText === null) {
			entityText = WORD.exec(rest())?.[0] ?? '';
			i += entityText.length;
		}
		if (!entityText) return fail(`Expected a name such as metrics.val_loss, found "${found()}"`);
		let type: EntityType | undefined = 'attribute';
		let key = entityText;
		if (text[i] === '.') {
			type = ENTITY_ALIASES[entityText];
			if (!type) {
				fail(
					`Unknown kind "${entityText}"; use metrics., params., tags., attributes. or datasets.`,
					start,
				);
			}
			i++;
			const keyQuoted = quoted();
			key = keyQuoted ?? BARE_KEY.exec(rest())?.[0] ?? '';
			if (keyQuoted === null) i += key.length;
			if (key === '') fail(`Expected a key after "${text.slice(start, i)}"`);
		}
		const name = text.slice(start, i);
		if (type === 'attribute') {
			key = ATTRIBUTE_ALIASES[key] ?? key;
			if (![...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES].includes(key as never)) {
				fail(
					`Unknown attribute "${key}"; use ${list([...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES])}`,
					start,
					i,
				);
			}
		} else if (type === 'dataset' && !DATASET_KEYS.includes(key)) {
			fail(`Unknown dataset field "${key}"; use ${list(DATASET_KEYS)}`, start, i);
		}
		ws();
		const opStart = i;
		const op =
			/^(?:<=|>=|!=|=|<|>)/.exec(rest())?.[0] ??
			/^(?:not\s+in|i?like|in)(?=[\s('"]|$)/i.exec(rest())?.[0];
		if (!op) return fail(`Expected a comparison operator after "${name}"`);
		i += op.length;
		const comparator = op.toUpperCase().replace(/\s+/, ' ') as Comparator;
		const numericField =
			type === 'metric' || (type === 'attribute' && NUMERIC_ATTRIBUTES.includes(key as never));
		const allowed = numericField
			? NUMERIC_OPS
			: type === 'param' || type === 'tag'
				? PARAM_OPS
				: STRING_OPS;
		if (!allowed.includes(comparator)) {
			fail(`The operator ${comparator} cannot compare ${name}; use ${list(allowed)}`, opStart, i);
		}
		ws();
		const valueStart = i;
		const number = (): number | null => {
			const match = NUMBER.exec(rest());
			if (!match || !DELIMITER.test(text.slice(i + match[0].length))) return null;
			i += match[0].length;
			return Number(match[0]);
		};
		let value: FilterClause['value'];
		if (comparator === 'IN' || comparator === 'NOT IN') {
			if (text[i] !== '(') fail(`Expected "(" after ${comparator}`);
			i++;
			const values: string[] = [];
			for (;;) {
				ws();
				const itemStart = i;
				let item = quoted();
				if (item === null && number() !== null) item = text.slice(itemStart, i);
				if (item === null) fail(`Expected a quoted value in the list, found "${found()}"`);
				values.push(item!);
				ws();
				if (text[i] === ')') break;
				if (text[i] !== ',') fail(`Expected "," or ")" in the list, found "${found()}"`);
				i++;
			}
			i++;
			value = values;
		} else if (numericField || ['<', '<=', '>', '>='].includes(comparator)) {
			const isQuoted = /^['"]/.test(rest());
			const raw = isQuoted && !numericField ? quoted() : number();
			const parsed = typeof raw === 'string' && STRICT_NUMBER.test(raw) ? Number(raw) : raw;
			if (typeof parsed !== 'number') {
				const what = found() === '' ? '' : `, found "${found()}"`;
				return fail(`Expected a number to compare ${name} with${what}`, valueStart);
			}
			value = parsed;
		} else {
			const str = quoted();
			const num =
				str === null && (type === 'param' || type === 'tag') && !comparator.includes('LIKE')
					? number()
					: null;
			if (str === null && num === null) {
				fail(
					`Expected a quoted string to compare ${name} with, e.g. ${name} ${comparator} 'value'${found() ? `, found "${found()}"` : ''}`,
					valueStart,
				);
			}
			value = str ?? num!;
		}
		const clause: FilterClause = { type: type!, key, comparator, value, start, end: i };
		if (comparator === 'LIKE' || comparator === 'ILIKE')
			clause.pattern = likePattern(String(value), comparator === 'ILIKE');
		return clause;
	};

	const clauses: FilterClause[] = [];
	ws();
	if (i === text.length) return clauses;
	for (;;) {
		clauses.push(comparison());
		ws();
		if (i === text.length) return clauses;
		const word = /^\S+/.exec(rest())![0];
		if (/^or$/i.test(word))
			fail('OR is not supported: MLflow filters join comparisons with AND', i, i + 2);
		if (!/^and$/i.test(word)) fail(`Expected "and" or the end of the filter, found "${found()}"`);
		i += 3;
		ws();
		if (i === text.length) fail('Expected a comparison after "and"');
	}
}
