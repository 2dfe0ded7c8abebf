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
 * Deepest nesting of Markdown nodes rendered (block quotes, lists, emphasis): the Markdown to
 * HTML steps recurse once per level, and 4 KB of `>` overflowed the stack.
 */
export const MARKDOWN_MAX_DEPTH = 64;
/**
 * Most emphasis delimiter runs (`*`, `_`, `~`) and most brackets (`[`, `]`) in one block
 * (text between blank lines, outside fenced code). micromark pairs delimiters and brackets in
 * time quadratic in their number per block (`*a_` repeated: 12 s at 32 KB); bounding them per
 * block keeps the whole rendering linear in the text's length.
 */
export const MARKDOWN_MAX_DELIMITERS = 250;
/**
 * Longest run of quote, list-marker and indentation characters a line may start with. Every
 * level of nesting takes at least one of them, and micromark opens nested containers in time
 * that grows faster than their number (64,000 `>` took 150 s), so deeper text is not parsed.
 */
export const MARKDOWN_MAX_PREFIX = 4 * MARKDOWN_MAX_DEPTH;

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
 * Why a text is not rendered as Markdown (too long, a line nesting too deeply, too many
 * delimiters or brackets in one block), or null. Linear in the text's length; the exact nesting
 * depth is checked again after parsing.
 */
export function markdownLimit(markdown: string): string | null {
	if (markdown.length > MARKDOWN_MAX_CHARS) return `it is longer than ${MARKDOWN_MAX_CHARS.toLocaleString('en-US')} characters`;
	const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*/y;
	let fence: string | null = null;
	let delimiters = 0;
	let brackets = 0;
	// One pass over the characters, returning as soon as a bound is passed: regular expressions
	// with `g` would allocate an array of every match of a 180 KB line first.
	for (let start = 0; start <= markdown.length; ) {
		let end = markdown.indexOf('\n', start);
		if (end === -1) end = markdown.length;
		FENCE.lastIndex = start;
		const marker = FENCE.exec(markdown)?.[1];
		if (fence !== null) {
			if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && markdown.slice(start, end).trim() === marker) fence = null;
		} else if (marker !== undefined) fence = marker;
		else {
			let i = start;
			while (i < end && PREFIX.has(markdown.charCodeAt(i))) i++;
			if (i - start > MARKDOWN_MAX_PREFIX) {
				return `it nests deeper than ${MARKDOWN_MAX_DEPTH} levels (a line starts with more than ${MARKDOWN_MAX_PREFIX} quote, list or indentation characters)`;
			}
			let blank = true;
			for (let j = start; j < end; j++) {
				const c = markdown.charCodeAt(j);
				if (c !== 0x20 && c !== 0x09 && c !== 0x0d) blank = false;
				if ((c === 0x2a || c === 0x5f || c === 0x7e) && markdown.charCodeAt(j - 1) !== c) delimiters++;
				else if (c === 0x5b || c === 0x5d) brackets++;
			}
			if (blank) {
				delimiters = 0;
				brackets = 0;
			}
			if (delimiters > MARKDOWN_MAX_DELIMITERS) return `one of its paragraphs has more than ${MARKDOWN_MAX_DELIMITERS} emphasis markers (*, _, ~)`;
			if (brackets > MARKDOWN_MAX_DELIMITERS) return `one of its paragraphs has more than ${MARKDOWN_MAX_DELIMITERS} brackets`;
		}
		start = end + 1;
	}
	return null;
}

/** Characters that start quotes, list items and indentation (`>`, `-`, `*`, `+`, `1.`, `1)`, spaces, tabs). */
const PREFIX = new Set(Array.from('\t >*+-.)0123456789', (c) => c.charCodeAt(0)));

/** The depth of a tree, counted without recursion (the tree may be thousands of levels deep). */
function treeDepth(root: { children?: unknown[] }): number {
	let deepest = 0;
	const stack: Array<[{ children?: unknown[] }, number]> = [[root, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (depth > deepest) deepest = depth;
		for (const child of node.children ?? []) stack.push([child as { children?: unknown[] }, depth + 1]);
	}
	return deepest;
}

/** Options of renderMarkdown. */
export interface RenderMarkdownOptions {
	/** Told why, when the text is shown as plain text instead of rendered Markdown. */
	onPlainText?: (reason: string) => void;
}

/**
 * Renders untrusted Markdown (registry and run descriptions) to HTML that is safe to inline with
 * `set:html`: GFM, no raw HTML, no scripts, no event handlers, no `javascript:` URLs, no images;
 * headings start at `<h2>`.
 * Text beyond a bound (markdownLimit: length, delimiters or brackets per block; nesting deeper
 * than MARKDOWN_MAX_DEPTH; or a stack overflow all the same) is returned escaped inside `<pre>`,
 * and `onPlainText` is told why: one value never fails the build.
 */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions = {}): string {
	const plain = (reason: string) => {
		options.onPlainText?.(reason);
		return `<pre class="markdown-plain">${escapeHtml(markdown)}</pre>`;
	};
	const limit = markdownLimit(markdown);
	if (limit !== null) return plain(limit);
	try {
		const tree = processor.parse(markdown);
		if (treeDepth(tree) > MARKDOWN_MAX_DEPTH) return plain(`it nests deeper than ${MARKDOWN_MAX_DEPTH} levels`);
		return processor.stringify(processor.runSync(tree));
	} catch (error) {
		if (error instanceof RangeError) return plain('it nests too deeply to render');
		throw error;
	}
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
