/**
 * The part of a built page that Pagefind indexes: its `data-pagefind-body` element, whole, in a
 * minimal document with the page's `<html lang>` and `<title>`. Everything else of the page
 * (tables, charts, navigation) is left out before Pagefind parses it, which is what it would
 * ignore anyway: with a `data-pagefind-body` anywhere in a site, Pagefind indexes only those
 * regions. Null when the page has none (it is then not in the index either).
 *
 * Tags are read with their quoted attributes, so a `<` inside an attribute value is no tag; text
 * holds no raw `<` (pages escape it).
 */
export function searchSummary(html: string): string | null {
	const marker = html.indexOf('data-pagefind-body');
	if (marker === -1) return null;
	const start = html.lastIndexOf('<', marker);
	const open = /^<([a-zA-Z][\w-]*)/.exec(html.slice(start, start + 40));
	if (start === -1 || !open) return null;
	const name = open[1]!.toLowerCase();
	const TAG = /<(\/?)([a-zA-Z][\w-]*)(?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*(\/?)>/g;
	TAG.lastIndex = start;
	let depth = 0;
	for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
		if (m[2]!.toLowerCase() !== name || m[3] === '/') continue;
		depth += m[1] === '/' ? -1 : 1;
		if (depth === 0) {
			const region = html.slice(start, TAG.lastIndex);
			const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1];
			const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? '';
			return `<!DOCTYPE html><html${lang ? ` lang="${lang}"` : ''}><head><title>${title}</title></head><body>${region}</body></html>`;
		}
	}
	return null;
}
