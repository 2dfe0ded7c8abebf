import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_CHARS, renderMarkdown } from '../../src/lib/markdown.ts';

/** Every way an inert output could still run code or leak readers. */
function expectInert(html: string) {
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toMatch(/<(iframe|form|base|meta|style|object|embed|link|svg|math|img|input name)/i);
	expect(html).not.toMatch(/\son[a-z]+\s*=/i);
	expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
	expect(html).not.toMatch(/target=/i);
	expect(html).not.toMatch(/\s(name|id)="(?!user-content-)/i);
}

describe('renderMarkdown', () => {
	it('renders GitHub-flavoured Markdown', () => {
		const html = renderMarkdown('# Title\n\n**bold** ~~gone~~\n\n| a | b |\n| - | -: |\n| 1 | 2 |\n\n- [x] done');
		expect(html).toContain('<h2>Title</h2>');
		expect(html).toContain('<strong>bold</strong>');
		expect(html).toContain('<del>gone</del>');
		expect(html).toContain('<td align="right">2</td>');
		expect(html).toContain('type="checkbox"');
	});

	it('moves headings one level down, below the page title', () => {
		expect(renderMarkdown('# a\n\n###### f')).toBe('<h2>a</h2>\n<h6>f</h6>');
	});

	it('keeps http(s) and mailto links, marked untrusted', () => {
		const html = renderMarkdown('[site](https://example.org/x?a=1&b=2) <mailto:a@example.org>');
		expect(html).toContain('href="https://example.org/x?a=1&#x26;b=2" rel="nofollow noopener noreferrer"');
		expect(html).toContain('href="mailto:a@example.org"');
	});

	// security.md 4.1 #6–#11, the Markdown rows.
	it.each([
		['<script>window.__xss=1</script>'],
		['<svg><script>alert(1)</script></svg>'],
		['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
		['[x](javascript:alert(1))'],
		['[x](JaVaScRiPt&#58;alert(1))'],
		['[x](\u0001javascript:alert(1))'],
		['[x](java\tscript:alert(1))'],
		['<a href="https://evil.example" target="_blank">x</a>'],
		['<img src="https://tracker.example/p.gif">'],
		['![pixel](https://tracker.example/p.gif)'],
		['<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'],
		['<form action=https://evil.example><input name=q></form>'],
		['<base href="https://evil.example/">'],
		['<meta http-equiv="refresh" content="0;url=https://evil.example">'],
		['<style>*{display:none}</style>'],
		['<details open ontoggle=alert(1)>'],
		['<form name="scripts">x</form>'],
		['<img name="getElementById">'],
		['<a id="__proto__">'],
		['[x](vbscript:msgbox(1)) [y](data:text/html,<script>alert(1)</script>)'],
	])('renders %j inert', (input) => {
		expectInert(renderMarkdown(input));
	});

	it('keeps footnote links working with prefixed ids', () => {
		const html = renderMarkdown('Claim.[^1]\n\n[^1]: Source.');
		expect(html).toContain('href="#user-content-fn-1"');
		expect(html).toContain('id="user-content-fn-1"');
		expect(html).not.toContain('user-content-user-content');
	});

	it('shows a very long description as escaped preformatted text', () => {
		const long = `<script>x</script>${'- '.repeat(MARKDOWN_MAX_CHARS)}`;
		const html = renderMarkdown(long);
		expect(html.startsWith('<pre class="markdown-plain">&lt;script&gt;x&lt;/script&gt;')).toBe(true);
	});

	it('leaves template syntax literal', () => {
		const html = renderMarkdown("{{constructor.constructor('alert(1)')()}} ${alert(1)} <%= 7*7 %>");
		expect(html).toContain("{{constructor.constructor('alert(1)')()}} ${alert(1)}");
	});
});
