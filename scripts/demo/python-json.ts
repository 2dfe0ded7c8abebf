/**
 * JSON text as Python's `json.dumps` writes it with default separators (`", "` and `": "`), the
 * form MLflow stores in tags, dataset columns and MLmodel signatures. Floats keep JavaScript's
 * shortest round-trip form, which matches Python's `repr` for the values used here.
 */
export function pythonJson(value: unknown, indent?: number): string {
	const pad = (depth: number): string =>
		indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
	const write = (item: unknown, depth: number): string => {
		if (item === null || item === undefined) return 'null';
		if (typeof item === 'number') {
			if (Number.isNaN(item)) return 'NaN';
			if (!Number.isFinite(item)) return item > 0 ? 'Infinity' : '-Infinity';
			return Number.isInteger(item) && !Object.is(item, -0) ? String(item) : String(item);
		}
		if (typeof item === 'string' || typeof item === 'boolean') return JSON.stringify(item);
		const separator = indent === undefined ? ', ' : ',';
		if (Array.isArray(item)) {
			if (item.length === 0) return '[]';
			return `[${item.map((entry) => pad(depth + 1) + write(entry, depth + 1)).join(separator)}${pad(depth)}]`;
		}
		const entries = Object.entries(item as Record<string, unknown>);
		if (entries.length === 0) return '{}';
		return `{${entries
			.map(([key, entry]) => `${pad(depth + 1)}${JSON.stringify(key)}: ${write(entry, depth + 1)}`)
			.join(separator)}${pad(depth)}}`;
	};
	return write(value, 0);
}
