/**
 * Stable JSON for the snapshot: object keys sorted recursively (by UTF-16 code unit, as
 * `Array.prototype.sort` does), 2-space indent, a trailing newline. Arrays keep their order.
 * Two equal values always give the same bytes, so a re-export shows up as a readable diff.
 *
 * @throws TypeError on a non-finite number, a bigint or a function: JSON cannot hold them, and
 * `JSON.stringify` would silently write `null` (metric values are normalised before this point).
 */
export function stableStringify(value: unknown): string {
	return `${JSON.stringify(sortKeys(value, '$'), null, 2)}\n`;
}

function sortKeys(value: unknown, path: string): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`Non-finite number ${value} at ${path} cannot be written as JSON.`);
		return value;
	}
	if (Array.isArray(value)) {
		// Metric histories are long arrays of numbers: check them in place, without copying.
		let plain = true;
		for (let i = 0; i < value.length && plain; i++) {
			const item: unknown = value[i];
			if (typeof item !== 'number') plain = false;
			else if (!Number.isFinite(item)) sortKeys(item, `${path}[${i}]`);
		}
		return plain ? value : value.map((item, i) => sortKeys(item === undefined ? null : item, `${path}[${i}]`));
	}
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const item = (value as Record<string, unknown>)[key];
			if (item !== undefined) out[key] = sortKeys(item, `${path}.${key}`);
		}
		return out;
	}
	throw new TypeError(`A ${typeof value} at ${path} cannot be written as JSON.`);
}
