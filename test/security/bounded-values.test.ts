/**
 * Issue 15, parts 4 and 6: no single value takes the build down or makes it quadratic. Markdown
 * nested thousands of levels deep, pathological emphasis and bracket patterns, URLs with a
 * malformed `%` escape and a 20,000-character model name are shown (truncated or as plain text)
 * in time linear in their length. Time is compared as a ratio within one process (4× the input
 * must take less than 8× the time), never against a duration.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { repositoryWebUrl, sourceLinks } from '../../src/components/run/source-links.ts';
import { MARKDOWN_MAX_DELIMITERS, markdownLimit, renderMarkdown } from '../../src/lib/markdown.ts';
import { modelArtifactPath } from '../../src/model-cards/mlmodel.ts';
import { fitText, socialImageSvg } from '../../src/model-cards/social-image.ts';
import { CRASH_VALUES, hostileRunId } from '../fixtures/hostile/make-hostile-store.ts';
import { repeated, timeRatio } from '../support/time-ratio.ts';
import { hostileSite } from './hostile-site.ts';

const render = (text: string) => {
	const reasons: string[] = [];
	const html = renderMarkdown(text, { onPlainText: (r) => reasons.push(r) });
	return { html, reasons };
};

describe('Markdown nested deeper than the renderer can go (#66)', () => {
	const indentedList = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
	it.each([
		['4 KB of ">"', '>'.repeat(4096)],
		['4 KB of "> "', '> '.repeat(2048)],
		['4 KB of "- "', '- '.repeat(2048)],
		['4 KB of "1. "', '1. '.repeat(1365)],
		['4 KB of "* > "', '* > '.repeat(1024)],
		['16 KB of ">"', '>'.repeat(16_000)],
		['a list indented 300 levels deep', indentedList],
	])('shows %s as escaped plain text, with the reason, instead of overflowing the stack', (_, text) => {
		const { html, reasons } = render(`<script>x</script>\n\n${text}`);
		expect(html.startsWith('<pre class="markdown-plain">&lt;script&gt;x&lt;/script&gt;')).toBe(true);
		expect(reasons).toHaveLength(1);
		expect(reasons[0]).toMatch(/^it nests deeper than 64 levels|more than \d+ emphasis markers/);
	});

	it('still renders ordinary nesting as Markdown, silently', () => {
		const { html, reasons } = render(`${'> '.repeat(8)}quoted\n\n- a\n  - b\n    - *c*`);
		expect(html).toContain('<blockquote>');
		expect(html).toContain('<em>c</em>');
		expect(reasons).toEqual([]);
	});
});

describe('Markdown that micromark pairs in quadratic time (#66, issue 15 part 6)', () => {
	it('shows 32 KB and 180 KB of "*a_" as plain text, with the reason', () => {
		for (const size of [32_000, 180_000]) {
			const text = '*a_'.repeat(size / 3);
			expect(markdownLimit(text)).toBe(`one of its paragraphs has more than ${MARKDOWN_MAX_DELIMITERS} emphasis markers (*, _, ~)`);
			expect(render(text).html.startsWith('<pre class="markdown-plain">*a_*a_')).toBe(true);
		}
		expect(markdownLimit('*a **a '.repeat(2000) + 'b' + ' a** a*'.repeat(2000))).toMatch(/emphasis markers/);
		expect(markdownLimit('['.repeat(5000) + 'a' + ']'.repeat(5000))).toMatch(/brackets/);
	});

	it('counts markers per paragraph and leaves fenced code out', () => {
		const paragraph = '*a* '.repeat(MARKDOWN_MAX_DELIMITERS / 4);
		expect(markdownLimit(Array.from({ length: 50 }, () => paragraph).join('\n\n'))).toBeNull();
		expect(markdownLimit(`\`\`\`\n${'[*_]'.repeat(10_000)}\n\`\`\`\n`)).toBeNull();
		expect(markdownLimit(`${paragraph}\n${paragraph}\n${paragraph}`)).not.toBeNull();
	});

	// [name, text of n characters]; texts beyond a bound fall back in microseconds, so each timing
	// renders them 20 times.
	const patterns: Array<[string, (n: number) => string]> = [
		['"*a_" repeated', (n) => '*a_'.repeat(n / 3)],
		['"a_ " repeated (closers, no openers)', (n) => 'a_ '.repeat(n / 3)],
		['"[a" repeated (link openers, no closers)', (n) => '[a'.repeat(n / 2)],
		['"a]" repeated (link closers, no openers)', (n) => 'a]'.repeat(n / 2)],
		['"[ a_" repeated', (n) => '[ a_'.repeat(n / 4)],
		['"[ (](" repeated', (n) => '[ (]('.repeat(n / 5)],
		['nested brackets', (n) => `${'['.repeat(n / 2)}a${']'.repeat(n / 2)}`],
		['"[a](<b" repeated (unclosed links)', (n) => '[a](<b'.repeat(n / 6)],
		['"~a~~" repeated', (n) => '~a~~'.repeat(n / 4)],
		['"![[]()" repeated', (n) => '![[]()'.repeat(n / 6)],
		['paragraphs of "*a_" under the bound', (n) => Array.from({ length: n / 400 }, () => '*a_'.repeat(MARKDOWN_MAX_DELIMITERS / 2 - 2)).join('\n\n')],
	];
	it.each(patterns)('renders %s in time linear in its length (2 KB → 8 KB: < 8× the time)', (_, make) => {
		const small = make(2_400);
		const times = markdownLimit(small) === null ? 1 : 20;
		const ratio = timeRatio(repeated((text: string) => renderMarkdown(text), times), small, make(9_600));
		expect(ratio).toBeLessThan(8);
	});
});

describe('URLs with a malformed % escape (#26, issue 15 part 4)', () => {
	const bad = ['%E0%A4%A', '%zz', '%', '%C0%AF'];
	it.each(bad)('a git remote URL holding %j gives no repository link and no error', (escape) => {
		expect(() => repositoryWebUrl(`https://gitlab.com/g/${escape}/p.git`)).not.toThrow();
		expect(repositoryWebUrl(`https://gitlab.com/g/${escape}/p.git`)).toBeNull();
		const links = sourceLinks({ 'mlflow.source.git.repoURL': `https://gitlab.com/g/${escape}/p.git`, 'mlflow.source.git.commit': 'abcdef1234567' });
		expect(links).toEqual([]);
	});

	it.each(bad)('a model-version source holding %j names no model path and throws nothing', (escape) => {
		const run = 'a'.repeat(32);
		expect(modelArtifactPath(`file:///x/${run}/artifacts/model${escape}`, run)).toBeNull();
		expect(modelArtifactPath(`file:///x/${run}/artifacts/model%20v2`, run)).toBe('model v2');
	});
});

describe('the social image of a very long model name (issue 15 part 6)', () => {
	const input = (n: number) => ({ name: 'm'.repeat(n), version: '1', aliases: ['champion'], metrics: [{ label: 'val_loss', value: '0.5' }], sparkline: null });

	it('fits a 20,000-character name in time linear in its length (5,000 → 20,000: < 8× the time)', () => {
		const ratio = timeRatio(socialImageSvg, input(5_000), input(20_000), 3);
		expect(ratio).toBeLessThan(8);
	});

	it('cuts the name with an ellipsis to fit its line', () => {
		const svg = socialImageSvg(input(20_000));
		const name = /font-weight="bold" fill="#f5f7fa"[^>]*>(m+…)<\/text>/.exec(svg)?.[1];
		expect(name).toBeDefined();
		expect(name!.length).toBeLessThan(60);
		expect(fitText('short', 40, 1000)).toBe('short');
		expect(fitText('x'.repeat(100), 40, 100)).toMatch(/^x+…$/);
		expect(fitText('\u{1F600}'.repeat(5000), 40, 100)).toMatch(/^(?:\u{1F600})+…$/u);
	});
});

describe('the hostile site, whose store holds each of these values', () => {
	let site: Awaited<ReturnType<typeof hostileSite>>;
	beforeAll(async () => {
		site = await hostileSite();
	});

	it('builds, showing the deep and the quadratic notes as plain text', () => {
		expect(site.read('experiments/tmp-pwned/index.html')).toContain(`<pre class="markdown-plain">${'&gt;'.repeat(4096)}</pre>`);
		expect(site.read('experiments/etc-passwd/index.html')).toContain('<pre class="markdown-plain">*a_*a_*a_');
		const slug = site.pages.find((p) => /^models\/etc-passwd[^/]*\/index\.html$/.test(p))!;
		expect(site.read(slug)).toContain(`<pre class="markdown-plain">${'- '.repeat(50)}`);
	});

	it('shows a git remote URL with a malformed escape as text, with no commit link', () => {
		const html = site.read(`runs/${hostileRunId(103)}/index.html`);
		expect(html).toContain(CRASH_VALUES.badEscapeRepo);
		expect(html).not.toContain('/-/commit/abcdef1234567890');
	});
});
