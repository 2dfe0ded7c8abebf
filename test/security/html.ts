/**
 * A small reader of built HTML for the security tests. Astro escapes text (`<` → `&lt;`) and
 * attribute values (`"` → `&quot;`), so start tags can be found with a regular expression: a
 * `<` in data never reaches the page raw. Quoted attribute values are consumed with their tag,
 * so a `<script>` inside a value is not counted as a tag.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Tag {
	/** The whole start tag as written. */
	text: string;
	/** Lower-case element name. */
	name: string;
	/** Lower-case attribute name → raw (still escaped) value. */
	attributes: Record<string, string>;
	/** Offset of the tag in the page. */
	index: number;
}

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=>"'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

/** The start tags of a page, in order. */
export function tags(html: string): Tag[] {
	const found: Tag[] = [];
	for (const m of html.matchAll(TAG)) {
		const attributes: Record<string, string> = {};
		for (const [, key, a, b, c] of m[2]!.matchAll(ATTRIBUTE)) attributes[key!.toLowerCase()] = a ?? b ?? c ?? '';
		found.push({ text: m[0], name: m[1]!.toLowerCase(), attributes, index: m.index });
	}
	return found;
}

/** The text of every `<script>` element with its start tag. */
export function scripts(html: string): Array<{ tag: Tag; body: string }> {
	return tags(html)
		.filter((t) => t.name === 'script')
		.map((tag) => {
			const start = tag.index + tag.text.length;
			return { tag, body: html.slice(start, html.indexOf('</script>', start)) };
		});
}

/** Decodes the entities Astro writes in text and attribute values. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|quot|amp|lt|gt|apos|#39);/gi, (_all, e: string) => {
		const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", '#39': "'" };
		if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
		return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
	});
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
export function filesUnder(dir: string): string[] {
	const walk = (d: string): string[] =>
		readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
	return walk(dir).map((f) => relative(dir, f).split('\\').join('/'));
}
