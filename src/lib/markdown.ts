import type { Element, Root, RootContent } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** Descriptions longer than this are shown as preformatted text instead of being parsed. */
export const MARKDOWN_MAX_CHARS = 200_000;

/**
 * GitHub's sanitisation schema, narrowed for a static site: links only to http(s) and mailto,
 * no images (remote ones would track readers, and CSP `img-src 'self'` would block them anyway).
 * The only `id`s left are the footnote ones, which remark-rehype already prefixes with
 * `user-content-` against DOM clobbering (raw HTML is dropped before sanitising), so the
 * sanitiser adds no second prefix that would break footnote links.
 */
const schema: SanitizeSchema = {
	...defaultSchema,
	clobberPrefix: '',
	tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'img' && tag !== 'picture'),
	protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: [] },
};

const HEADING = /^h([1-6])$/;

/**
 * Marks every remaining link as untrusted (no referrer, no opener, no ranking credit) and moves
 * headings one level down, since a description sits under the page's own `<h1>`.
 */
function rehypeUntrustedLinks() {
	const walk = (node: Root | RootContent) => {
		if (node.type === 'element' && node.tagName === 'a' && node.properties['href'] !== undefined) {
			(node as Element).properties['rel'] = ['nofollow', 'noopener', 'noreferrer'];
		}
		const level = node.type === 'element' ? HEADING.exec(node.tagName)?.[1] : undefined;
		if (level && node.type === 'element') node.tagName = `h${Math.min(Number(level) + 1, 6)}`;
		if ('children' in node) node.children.forEach(walk);
	};
	return (tree: Root) => walk(tree);
}

const processor = unified()
	.use(remarkParse)
	.use(remarkGfm)
	// Raw HTML in the source is dropped here (no allowDangerousHtml), then everything that
	// Markdown itself produced is sanitised, last, before stringifying.
	.use(remarkRehype)
	.use(rehypeSanitize, schema)
	.use(rehypeUntrustedLinks)
	.use(rehypeStringify)
	.freeze();

/**
 * Renders untrusted Markdown (registry and run descriptions) to HTML that is safe to inline with
 * `set:html`: GFM, no raw HTML, no scripts, no event handlers, no `javascript:` URLs, no images;
 * headings start at `<h2>`.
 * Over MARKDOWN_MAX_CHARS the text is returned escaped inside `<pre>`.
 */
export function renderMarkdown(markdown: string): string {
	if (markdown.length > MARKDOWN_MAX_CHARS) {
		return `<pre class="markdown-too-long">${escapeHtml(markdown)}</pre>`;
	}
	return String(processor.processSync(markdown));
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
