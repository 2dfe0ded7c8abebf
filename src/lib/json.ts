/**
 * Stable JSON for the snapshot: object keys sorted recursively (by UTF-16 code unit, as
 * `Array.prototype.sort` does), 2-space indent, a trailing newline. Arrays keep their order.
 * An array holding only numbers (a metric history column) is written compactly on one line,
 * `[1,2,3]`, so a 2.4M-point history is not one number per line; every other array and every
 * object is written one item per line. Two equal values always give the same bytes, so a
 * re-export shows up as a readable diff. A NUL (U+0000) in a string or key is written as U+FFFD:
 * HTML cannot hold it, and every page is made from this snapshot.
 *
 * How: a sorted copy of the value goes through the native `JSON.stringify(…, null, 2)`, twice
 * as fast as writing it piece by piece; each number array is formatted on its own and stands in
 * the copy as the string `"\u0000<index>"`, swapped back afterwards. No string of the copy can
 * hold a NUL (they become U+FFFD), so the stand-ins cannot be mistaken for data.
 *
 * @throws TypeError on a non-finite number, a bigint or a function: JSON cannot hold them, and
 * `JSON.stringify` would silently write `null` (metric values are normalised before this point).
 */
export function stableStringify(value: unknown): string {
	const arrays: string[] = [];
	const text = JSON.stringify(prepare(value, [], arrays), null, 2);
	return `${arrays.length === 0 ? text : text.replace(/"\\u0000(\d+)"/g, (_match, i: string) => arrays[Number(i)]!)}\n`;
}

/** `$.a.b[2]` for an error message; `path` holds the keys and indexes from the root. */
const pathOf = (path: ReadonlyArray<string | number>) => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

/** The sorted, NUL-free copy of `value` that JSON.stringify writes; number arrays are formatted into `arrays`. */
function prepare(value: unknown, path: Array<string | number>, arrays: string[]): unknown {
	if (value === null || value === undefined) return null;
	switch (typeof value) {
		case 'string':
			return noNul(value);
		case 'boolean':
			return value;
		case 'number':
			if (!Number.isFinite(value)) throw new TypeError(`Non-finite number ${value} at ${pathOf(path)} cannot be written as JSON.`);
			return value;
		case 'object':
			break;
		default:
			throw new TypeError(`A ${typeof value} at ${pathOf(path)} cannot be written as JSON.`);
	}
	if (Array.isArray(value)) {
		if (value.length === 0) return value;
		// Metric histories are long arrays of numbers: check them in place, write them on one line.
		let plain = true;
		for (let i = 0; i < value.length && plain; i++) {
			const item: unknown = value[i];
			if (typeof item !== 'number') plain = false;
			else if (!Number.isFinite(item)) throw new TypeError(`Non-finite number ${item} at ${pathOf([...path, i])} cannot be written as JSON.`);
		}
		if (plain) {
			arrays.push(JSON.stringify(value));
			return `\u0000${arrays.length - 1}`;
		}
		return value.map((item: unknown, i) => {
			path.push(i);
			const out = prepare(item, path, arrays);
			path.pop();
			return out;
		});
	}
	if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return prepare((value as { toJSON: () => unknown }).toJSON(), path, arrays);
	const record = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(record).sort()) {
		const item = record[key];
		if (item === undefined) continue;
		path.push(key);
		const copy = prepare(item, path, arrays);
		path.pop();
		// An own property even for the key `__proto__` (assigning it would set the prototype).
		if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
		else out[noNul(key)] = copy;
	}
	return out;
}

const noNul = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', '\ufffd') : text);
