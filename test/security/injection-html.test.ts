/**
 * §4.1 of the security reference: HTML injection through every displayed field is escaped in the
 * pages of a site built from the hostile store. Each case checks the outcome the catalogue names:
 * the text is shown literally, and no element, attribute or URL was made from data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_NAMES, hostileRunId, MODEL_NAME, RUN_NAMES } from '../fixtures/hostile/make-hostile-store.ts';
import { INJECTION, PROTO_KEYS } from '../fixtures/hostile/naughty.ts';
import { decodeEntities, scripts, tags, type Tag } from './html.ts';
import { hostileSite } from './hostile-site.ts';

let site: Awaited<ReturnType<typeof hostileSite>>;
let allTags: Array<Tag & { page: string }>;
beforeAll(async () => {
	site = await hostileSite();
	allTags = site.pages.flatMap((page) => tags(site.read(page)).map((t) => ({ ...t, page })));
});

const runPage = (i: number) => site.read(`runs/${hostileRunId(i)}/index.html`);
const modelPages = () => site.pages.filter((p) => p.startsWith('models/') && p !== 'models/index.html');
/** The visible text of a page: tags removed, entities decoded. */
const textOf = (html: string) => decodeEntities(html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, ''));
/** The decoded values of every attribute of a page. */
const attributeValues = (html: string) => tags(html).flatMap((t) => Object.values(t.attributes).map(decodeEntities));

describe('no markup is made from data (#1, #2, #6, #10)', () => {
	it('builds a page for every run and experiment of the hostile store', () => {
		// The third model is named after a secret (make-secret-store.ts plantSecrets).
		expect(site.manifest.counts).toMatchObject({ runs: 20, experiments: 11, registeredModels: 3 });
		expect(site.pages.filter((p) => p.startsWith('runs/'))).toHaveLength(20);
		expect(site.pages.filter((p) => /^experiments\/[^/]+\/index\.html$/.test(p))).toHaveLength(11);
	});

	it('writes no NUL to any page: a NUL in a name (experiment "a\\u0000b") becomes U+FFFD (#39)', () => {
		expect(EXPERIMENT_NAMES).toContain('a\u0000b');
		expect(site.pages.filter((p) => site.read(p).includes('\u0000'))).toEqual([]);
		expect(site.pages.some((p) => site.read(p).includes('a\ufffdb'))).toBe(true);
	});

	it('has no event-handler attribute on any element of any page', () => {
		const handlers = allTags.filter((t) => Object.keys(t.attributes).some((a) => a.startsWith('on')));
		expect(handlers.map((t) => `${t.page}: ${t.text.slice(0, 80)}`)).toEqual([]);
	});

	it('has no element a payload would create: iframe, form, base, object, embed, math, style, meta refresh', () => {
		const made = allTags.filter(
			(t) =>
				['iframe', 'base', 'object', 'embed', 'math', 'mglyph', 'style', 'frame', 'applet'].includes(t.name) ||
				// The templates' own forms (chart controls) have no action, name or id.
				(t.name === 'form' && ['action', 'name', 'id'].some((a) => a in t.attributes)) ||
				// The alias pages redirect with a meta refresh of their own, to a path of this site.
				(t.name === 'meta' &&
					t.attributes['http-equiv']?.toLowerCase() === 'refresh' &&
					!(/\/@[a-z]+\/index\.html$/.test(t.page) && /^0;url=\/models\/[a-z0-9-]+\/\d+\/$/.test(t.attributes['content'] ?? ''))),
		);
		expect(made.map((t) => `${t.page}: ${t.text}`)).toEqual([]);
	});

	it('has no <img> whose source came from data (src=x, remote trackers): every image is a file of the site', () => {
		const images = allTags.filter((t) => t.name === 'img');
		expect(images.length).toBeGreaterThan(0);
		for (const img of images) expect(decodeEntities(img.attributes['src'] ?? ''), img.text).toMatch(/^\/(?!\/)/);
	});

	it('has no script element other than bundled modules, JSON data islands and the templates\' own inline modules', () => {
		const inline = new Set<string>();
		for (const page of site.pages) {
			for (const s of scripts(site.read(page))) {
				if (s.tag.attributes['src'] !== undefined || s.tag.attributes['type'] === 'application/json') continue;
				expect(s.body, page).not.toMatch(/__xss|onerror|<svg|<img/);
				inline.add(s.body);
			}
		}
		// The same few bodies on every page: template code, not data.
		expect(inline.size).toBeLessThanOrEqual(6);
	});

	it('shows a run named <script>…</script> as literal text in its title and heading', () => {
		const html = runPage(0);
		expect(html).toContain('<title>&lt;script&gt;window.__xss=1&lt;/script&gt;');
		expect(textOf(html)).toContain(INJECTION.script);
	});

	it('escapes a quote-breaking name inside attribute values (#2)', () => {
		const html = runPage(1);
		expect(attributeValues(html).some((v) => v.includes(INJECTION.attribute))).toBe(true);
		expect(html).not.toContain(`"${INJECTION.attribute.slice(1)}`);
		expect(textOf(html)).toContain(INJECTION.attribute);
	});

	it('shows an experiment and a model with markup in their names as text', () => {
		const exp = site.read('experiments/script-window-xss-1-script/index.html');
		expect(textOf(exp)).toContain(INJECTION.script);
		const model = modelPages().find((p) => p.endsWith('/1/index.html') && p.includes('img-src'))!;
		expect(textOf(site.read(model))).toContain(MODEL_NAME);
	});
});

describe('Markdown descriptions are sanitised (#6-#11)', () => {
	const described = () => [site.read('experiments/script-window-xss-1-script/index.html'), ...modelPages().map((p) => site.read(p))];

	it('drops javascript:, data: and vbscript: URLs from every href and src (#7, #13)', () => {
		const urls = allTags.flatMap((t) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((a) => decodeEntities(t.attributes[a] ?? '')));
		expect(urls.filter((u) => /^\s*(?:javascript|vbscript|data:text)/i.test(u.replace(/[\u0000-\u0020]/g, '')))).toEqual([]);
	});

	it('gives links to other sites rel="noopener noreferrer nofollow" and no target (#8)', () => {
		for (const html of described()) {
			for (const a of tags(html).filter((t) => t.name === 'a' && /evil\.example/.test(t.attributes['href'] ?? ''))) {
				expect(a.attributes['rel']).toContain('nofollow');
				expect(a.attributes['target']).toBeUndefined();
			}
		}
	});

	it('leaves no id or name from data that could clobber the DOM (#11)', () => {
		const clobbering = allTags.filter((t) => ['scripts', 'getelementbyid', '__proto__'].includes((t.attributes['id'] ?? t.attributes['name'] ?? '').toLowerCase()));
		expect(clobbering.map((t) => t.text)).toEqual([]);
	});

	it('keeps the readable text of a sanitised description', () => {
		const model = modelPages().find((p) => p.endsWith('/1/index.html') && p.includes('img-src'))!;
		expect(textOf(site.read(model))).toMatch(/Notes/);
	});
});

describe('values shown as text (#3, #12-#14, #16, #18-#20)', () => {
	it('does not linkify a javascript: or data: tag value, and escapes a quote-breaking URL (#12, #13)', () => {
		const html = runPage(0);
		const text = textOf(html);
		expect(text).toContain(INJECTION.jsUrl);
		expect(text).toContain(INJECTION.dataUrl);
		expect(tags(html).filter((t) => t.name === 'a').map((t) => decodeEntities(t.attributes['href'] ?? ''))).not.toContain(INJECTION.urlBreakout);
	});

	it('shows template syntax literally: nothing is evaluated (#14)', () => {
		const text = textOf(runPage(4));
		expect(text).toContain(INJECTION.template);
		expect(text).toContain(INJECTION.templateLiteral);
		expect(text).toContain(INJECTION.erb);
		expect(text).not.toContain('49');
	});

	it('shows JavaScript-string breakers as text, not code (#3)', () => {
		const text = textOf(runPage(0));
		expect(text).toContain(INJECTION.jsString);
		expect(text).toContain(INJECTION.jsUnicode);
	});

	// `__proto__` itself is left out: it is dropped on the way (a plain-object assignment in the
	// SQLite reader, and zod's z.record), without polluting any prototype; reported separately.
	it('shows prototype-named params and tags as ordinary rows, polluting nothing (#18)', () => {
		const text = textOf(runPage(0));
		for (const key of PROTO_KEYS.filter((k) => k !== '__proto__')) {
			expect(text).toContain(`${key} value`);
			expect(text).toContain(`${key} tag`);
		}
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('__proto__ value');
	});

	it('shows params named image and title as plain rows (#16)', () => {
		const text = textOf(runPage(0));
		expect(text).toContain('data:x,a" onerror="window.__xss=1');
		expect(text).toContain('<b>title</b>');
	});

	it('isolates a right-to-left override in <bdi> (#19)', () => {
		const html = runPage(5);
		expect(html).toMatch(/<bdi[^>]*>[^<]*\u202Egnp\.exe/);
	});

	it('shows the full 100,000-character run name on its own page (#20)', () => {
		expect(textOf(runPage(6))).toContain(INJECTION.long);
		expect(RUN_NAMES[6]).toHaveLength(100_000);
	});
});
