import { describe, expect, it } from 'vitest';
import { inertMarkdown, markdownCode, markdownTable, markdownText } from '../../src/model-cards/markdown-text.ts';

describe('markdown-text', () => {
	it('escapes inline text so it cannot open tags, links or table rows', () => {
		expect(markdownText('a|b <script> [x](y) *z*\nnext')).toBe('a\\|b &lt;script&gt; \\[x\\](y) \\*z\\* next');
		expect(markdownTable(['k'], [['a|b']])).toBe('| k |\n| --- |\n| a\\|b |');
		expect(markdownCode('a`b')).toBe('``a`b``');
	});

	it('makes registry Markdown inert', () => {
		const hostile = '<script>x</script> [a](javascript:alert(1)) [b]( JaVaScRiPt:alert(1)) [c](JaVaScRiPt&#58;alert(1))\n[d]: data:text/html,x\n[ok](https://example.com)';
		const inert = inertMarkdown(hostile);
		expect(inert).toBe(
			'&lt;script>x&lt;/script> [a](#alert(1)) [b]( #alert(1)) [c](JaVaScRiPt&amp;#58;alert(1))\n[d]: #text/html,x\n[ok](https://example.com)',
		);
	});
});
