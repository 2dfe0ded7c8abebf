/**
 * The footer paragraph every page ends with (Provenance.astro: where the data came from, how new
 * it is, the commit of the build). It changes with every export and every commit while the rest
 * of a page does not: the page cache keeps pages without it, and the secret scan's memo knows a
 * page by the rest.
 */

/** Where a page without its footer had it. */
export const FOOTER_MARK = '<!--mlpages:provenance-->';
/** The footer paragraph's opening tag: the page's last `<p class="provenance">`. */
const FOOTER_OPEN = '<p class="provenance">';

/** Where the footer paragraph of `html` starts and ends (byte offsets in a Buffer); null when it has none. */
function footerAt(html: string | Buffer): { start: number; end: number } | null {
	const start = html.lastIndexOf(FOOTER_OPEN);
	if (start < 0) return null;
	const close = html.indexOf('</p>', start);
	return close < 0 ? null : { start, end: close + '</p>'.length };
}

/** `html` with its footer paragraph replaced by `by`; null when it has none. */
export function swapFooter(html: string, by: string): string | null {
	const at = footerAt(html);
	return at && html.slice(0, at.start) + by + html.slice(at.end);
}

/** The footer paragraph of `html`; null when it has none. */
export function footerOf(html: string): string | null {
	const at = footerAt(html);
	return at && html.slice(at.start, at.end);
}

/**
 * A page's bytes cut at its footer, without copying them: `rest` is the page with FOOTER_MARK
 * where the footer was (the same bytes whatever the footer says), in pieces; `footer` the
 * paragraph and `line` the 1-based line it starts on. Null when the page has no footer.
 */
export function splitFooter(page: Buffer): { rest: Buffer[]; footer: Buffer; line: number } | null {
	const at = footerAt(page);
	if (!at) return null;
	let line = 1;
	for (let i = page.indexOf(0x0a); i !== -1 && i < at.start; i = page.indexOf(0x0a, i + 1)) line++;
	return { rest: [page.subarray(0, at.start), FOOTER_MARK_BYTES, page.subarray(at.end)], footer: page.subarray(at.start, at.end), line };
}

const FOOTER_MARK_BYTES = Buffer.from(FOOTER_MARK);
