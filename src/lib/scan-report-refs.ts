/**
 * Finds where components are used in the raw text of an MDX report, so that an error can name
 * the line of the reference. Reads JSX start tags `<Name attr="…" attr={…} />` of capitalised
 * components; string literals inside `{…}` (as in `runs={['a', 'b']}`) count as values.
 */

/** One attribute of a component tag, with the 1-based line its value starts on. */
export interface ScannedAttribute {
	component: string;
	attribute: string;
	/** The string value, or the string literals of an expression. */
	values: string[];
	line: number;
}

const TAG_START = /<([A-Z][A-Za-z0-9]*)(?=[\s/>])/g;
const STRING_LITERAL = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g;

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

/** The offset just after the `{…}` expression starting at `start`, skipping strings in it. */
function expressionEnd(source: string, start: number): number {
	let depth = 0;
	for (let i = start; i < source.length; i++) {
		const c = source[i];
		if (c === '"' || c === "'" || c === '`') {
			const close = source.indexOf(c, i + 1);
			i = close === -1 ? source.length : close;
		} else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return i + 1;
	}
	return source.length;
}

/** Every attribute of every component tag in `source`, in source order. */
export function scanReportRefs(source: string): ScannedAttribute[] {
	const lineStarts = [0];
	for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
	const lineOf = (offset: number) => {
		let line = 0;
		while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
		return line + 1;
	};
	const found: ScannedAttribute[] = [];
	for (const match of source.matchAll(TAG_START)) {
		const component = match[1]!;
		let i = match.index + match[0].length;
		while (i < source.length) {
			while (/\s/.test(source[i] ?? '')) i++;
			if (source[i] === '>' || source.startsWith('/>', i) || i >= source.length) break;
			const name = /^[A-Za-z_$][\w$-]*/.exec(source.slice(i))?.[0];
			if (!name) break;
			i += name.length;
			if (source[i] !== '=') {
				found.push({ component, attribute: name, values: [], line: lineOf(i) });
				continue;
			}
			i++;
			const start = i;
			const quote = source[i];
			let raw: string;
			if (quote === '"' || quote === "'") {
				const close = source.indexOf(quote, i + 1);
				i = close === -1 ? source.length : close + 1;
				raw = source.slice(start + 1, i - 1);
				found.push({ component, attribute: name, values: [raw], line: lineOf(start) });
			} else if (quote === '{') {
				i = expressionEnd(source, i);
				raw = source.slice(start + 1, i - 1);
				const values = [...raw.matchAll(STRING_LITERAL)].map((m) => unescape(m[1] ?? m[2] ?? ''));
				found.push({ component, attribute: name, values, line: lineOf(start) });
			} else break;
		}
	}
	return found;
}

/**
 * The 1-based line of a reference: the attribute of that component holding the value, else the
 * first line containing the value anywhere (front matter included), else 1.
 */
export function referenceLine(source: string, component: string, attribute: string, value: string): number {
	const hit = scanReportRefs(source).find(
		(a) => a.component === component && a.attribute === attribute && a.values.includes(value),
	);
	if (hit) return hit.line;
	const index = source.split('\n').findIndex((line) => line.includes(value));
	return index === -1 ? 1 : index + 1;
}
