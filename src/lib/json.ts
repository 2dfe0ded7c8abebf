/**
 * Stable JSON for the snapshot: object keys sorted recursively (by UTF-16 code unit, as
 * `Array.prototype.sort` does), 2-space indent, a trailing newline. Arrays keep their order.
 * An array holding only numbers (a metric history column), or a Float64Array, is written
 * compactly on one line, `[1,2,3]`, so a 2.4M-point history is not one number per line; every
 * other array and every object is written one item per line. Two equal values always give the
 * same bytes (a Float64Array the same as the array of its numbers), so a re-export shows up as a
 * readable diff. A NUL (U+0000) in a string or key is written as U+FFFD: HTML cannot hold it, and
 * every page is made from this snapshot.
 *
 * @throws TypeError on a non-finite number, a bigint or a function: JSON cannot hold them, and
 * `JSON.stringify` would silently write `null` (metric values are normalised before this point).
 */
export function stableStringify(value: unknown): string {
	const out: string[] = [];
	write(value, [], '', out);
	out.push('\n');
	return out.join('');
}

/** `$.a.b[2]` for an error message; `path` holds the keys and indexes from the root. */
const pathOf = (path: ReadonlyArray<string | number>) => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

function write(value: unknown, path: Array<string | number>, indent: string, out: string[]): void {
	if (value === null || value === undefined) {
		out.push('null');
		return;
	}
	if (typeof value === 'string') {
		out.push(JSON.stringify(noNul(value)));
		return;
	}
	if (typeof value === 'boolean') {
		out.push(value ? 'true' : 'false');
		return;
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`Non-finite number ${value} at ${pathOf(path)} cannot be written as JSON.`);
		out.push(JSON.stringify(value));
		return;
	}
	const inner = `${indent}  `;
	if (value instanceof Float64Array) {
		// Number-to-string is the same algorithm in join() and JSON.stringify() for finite numbers.
		for (let i = 0; i < value.length; i++) {
			if (!Number.isFinite(value[i]!)) throw new TypeError(`Non-finite number ${value[i]} at ${pathOf([...path, i])} cannot be written as JSON.`);
		}
		out.push(`[${value.join(',')}]`);
		return;
	}
	if (Array.isArray(value)) {
		if (value.length === 0) {
			out.push('[]');
			return;
		}
		// Metric histories are long arrays of numbers: check them in place, write them on one line.
		let plain = true;
		for (let i = 0; i < value.length && plain; i++) {
			const item: unknown = value[i];
			if (typeof item !== 'number') plain = false;
			else if (!Number.isFinite(item)) throw new TypeError(`Non-finite number ${item} at ${pathOf([...path, i])} cannot be written as JSON.`);
		}
		if (plain) {
			out.push(JSON.stringify(value));
			return;
		}
		out.push('[\n');
		for (let i = 0; i < value.length; i++) {
			out.push(inner);
			path.push(i);
			write(value[i], path, inner, out);
			path.pop();
			out.push(i < value.length - 1 ? ',\n' : '\n');
		}
		out.push(`${indent}]`);
		return;
	}
	if (typeof value === 'object') {
		if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
			write((value as { toJSON: () => unknown }).toJSON(), path, indent, out);
			return;
		}
		const record = value as Record<string, unknown>;
		const keys: string[] = [];
		for (const k of Object.keys(record)) if (record[k] !== undefined) keys.push(k);
		if (keys.length === 0) {
			out.push('{}');
			return;
		}
		keys.sort();
		out.push('{\n');
		for (let i = 0; i < keys.length; i++) {
			const key = keys[i]!;
			out.push(inner, JSON.stringify(noNul(key)), ': ');
			path.push(key);
			write(record[key], path, inner, out);
			path.pop();
			out.push(i < keys.length - 1 ? ',\n' : '\n');
		}
		out.push(`${indent}}`);
		return;
	}
	throw new TypeError(`A ${typeof value} at ${pathOf(path)} cannot be written as JSON.`);
}

const noNul = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', '\ufffd') : text);
