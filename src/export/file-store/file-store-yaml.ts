import { isMap, isScalar, parseDocument } from 'yaml';

/**
 * One `meta.yaml` of MLflow's file store: a top-level mapping written by PyYAML (YAML 1.1,
 * `sort_keys=True`). Values are typed as PyYAML would read them, and each scalar keeps its
 * source text, so that ids written unquoted by old MLflow versions (`experiment_id: 0`, or an
 * 18-digit id above 2^53) come back exactly. Unknown keys are simply never asked for.
 */
export interface FileStoreMeta {
	/** The value as parsed (YAML 1.1 types), or undefined when the key is absent. */
	get(key: string): unknown;
	/** A string field: strings as written, numbers and booleans as their source text; null when absent or null. */
	text(key: string): string | null;
	/** An integer field (epoch milliseconds, statuses, versions); null when absent, null or not an integer. */
	int(key: string): number | null;
	/** A nested mapping as a plain object; null when absent or not a mapping. */
	map(key: string): Record<string, unknown> | null;
}

/**
 * Parses the text of a `meta.yaml`.
 * @throws Error whose message is the reason, ready for `skippedBadRecord`: binary data, invalid
 * or truncated YAML, or a document that is not a mapping.
 */
export function parseFileStoreMeta(text: string): FileStoreMeta {
	if (text.includes('\0')) throw new Error('it holds binary data, not YAML');
	return parseFlatMeta(text) ?? parseAnyMeta(text);
}

/** Full YAML 1.1 parsing with the `yaml` package, for anything the flat reader declines. */
function parseAnyMeta(text: string): FileStoreMeta {
	const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
	const problem = doc.errors[0];
	if (problem !== undefined) throw new Error(`it is not valid YAML (${firstLine(problem.message)})`);
	if (!isMap(doc.contents)) throw new Error('it is not a YAML mapping');
	const values = new Map<string, unknown>();
	const sources = new Map<string, string>();
	for (const pair of doc.contents.items) {
		if (!isScalar(pair.key)) continue;
		const key = String(pair.key.value);
		const node = pair.value;
		if (isScalar(node)) {
			values.set(key, node.value);
			if (typeof node.source === 'string') sources.set(key, node.source);
		} else if (node !== null && typeof node === 'object' && 'toJS' in node) {
			values.set(key, (node as { toJS(d: typeof doc): unknown }).toJS(doc));
		} else {
			values.set(key, null);
		}
	}
	return metaOf(values, sources);
}

/**
 * Reads the flat shape PyYAML gives nearly every meta.yaml (`key: value` lines, values plain,
 * single-quoted, `[]` or `{}`) 15 to 30 times faster than the `yaml` package (measured on the 920
 * meta.yaml files of ../shared/fixtures, fallbacks included), typing plain
 * scalars with PyYAML's own implicit resolvers (PyYAML quotes any string those would not keep
 * a string). Returns null, so the caller parses fully, at the first line outside that shape:
 * indentation, double quotes, block scalars, comments, floats, dates, non-decimal integers.
 */
function parseFlatMeta(text: string): FileStoreMeta | null {
	const values = new Map<string, unknown>();
	const sources = new Map<string, string>();
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	if (lines.length === 0) return null;
	for (const raw of lines) {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		const match = FLAT_LINE.exec(line);
		if (match === null) return null;
		const key = match[1]!;
		const source = match[2] ?? '';
		if (values.has(key)) return null;
		const c = source.charCodeAt(0);
		if (source === '') values.set(key, null);
		else if (c === 39) {
			if (!SINGLE_QUOTED.test(source)) return null;
			values.set(key, source.slice(1, -1).replaceAll("''", "'"));
		} else if (source === '[]') values.set(key, []);
		else if (source === '{}') values.set(key, {});
		else if (NULL.test(source)) values.set(key, null);
		else if (BOOL.test(source)) values.set(key, /^(?:yes|true|on)$/i.test(source));
		else if (DECIMAL_INT.test(source)) {
			values.set(key, Number(source));
			sources.set(key, source);
		} else if (NOT_PLAIN_START.test(source) || source.includes(' #') || source.includes(': ') || source.endsWith(':')) return null;
		else if (c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57)) {
			// Starts like a number: a string only if PyYAML's int, float and timestamp resolvers all refuse it.
			if (PY_INT.test(source) || PY_FLOAT.test(source) || PY_TIMESTAMP.test(source)) return null;
			values.set(key, source);
		} else if (source === '<<' || source === '=' || source.endsWith(' ')) return null;
		else values.set(key, source);
	}
	return metaOf(values, sources);
}

const FLAT_LINE = /^([A-Za-z_][A-Za-z0-9_.]*):(?: (\S.*))?$/;
const SINGLE_QUOTED = /^'(?:[^']|'')*'$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const DECIMAL_INT = /^-?(?:0|[1-9][0-9]*)$/;
const NOT_PLAIN_START = /^[\-?:,[\]{}#&*!|>"%@`]/;
// PyYAML's implicit resolvers (yaml/resolver.py), used only to decline.
const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PY_TIMESTAMP = /^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?/;

function metaOf(values: Map<string, unknown>, sources: Map<string, string>): FileStoreMeta {
	return {
		get: (key) => values.get(key),
		text(key) {
			const value = values.get(key);
			if (typeof value === 'string') return value;
			if (value === null || value === undefined || typeof value === 'object') {
				return value instanceof Date ? (sources.get(key) ?? null) : null;
			}
			return sources.get(key) ?? String(value);
		},
		int(key) {
			const value = values.get(key);
			// An integer beyond ±2^53 is handed on as its nearest double: the exporter leaves it out
			// with a warning (exact-integers.ts) rather than losing it silently here.
			if (typeof value === 'number') return Number.isInteger(value) ? value : null;
			if (typeof value === 'bigint') return Number(value);
			if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
			return null;
		},
		map(key) {
			const value = values.get(key);
			if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
			if (value instanceof Map) return Object.fromEntries(value) as Record<string, unknown>;
			return value as Record<string, unknown>;
		},
	};
}

const firstLine = (message: string) => message.split('\n', 1)[0]!.replace(/\.$/, '');
