/**
 * §4.3 of the security reference: names never become paths. Experiment, run and model names
 * from the hostile store (`../`, absolute paths, NUL, 300 characters, Windows device names,
 * `index.html`, names differing only in case or Unicode form) give safe, distinct slugs and
 * files inside the output; artifact paths a server could list are refused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { safeArtifactPath } from '../../src/export/artifact-policy.ts';
import { slugify, uniqueSlugs } from '../../src/lib/slug.ts';
import { artifactFileName } from '../../src/lib/artifact-file-name.ts';
import { isSafeSegment } from '../../src/lib/is-safe-segment.ts';
import { ALIASES, ARTIFACT_NAMES, CORRUPT_IMAGE, EXPERIMENT_NAMES, hostileRunId, RUN_NAMES, UNSAFE_ALIASES } from '../fixtures/hostile/make-hostile-store.ts';
import { HOSTILE_ARTIFACT_PATHS, LOOKALIKE_NAMES, PATH_NAMES } from '../fixtures/hostile/naughty.ts';
import { filesUnder } from './html.ts';
import { hostileSite } from './hostile-site.ts';
import { brokenLinks } from '../../src/check/broken-links.ts';

const SAFE_SEGMENT = /^[A-Za-z0-9_@][A-Za-z0-9._@-]*$/;
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;

let site: Awaited<ReturnType<typeof hostileSite>>;
let experiments: Array<{ id: string; name: string; slug: string }>;
beforeAll(async () => {
	site = await hostileSite();
	const dir = join(site.content, 'experiments');
	experiments = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
});

describe('slugs and file names of the hostile store (#34-#43)', () => {
	it('gives every hostile experiment name a safe, unique slug of at most 80 characters', () => {
		const slugs = experiments.map((e) => e.slug);
		expect(new Set(slugs).size).toBe(experiments.length);
		for (const slug of slugs) {
			expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
			expect(slug.length).toBeLessThanOrEqual(80);
			expect(slug).not.toMatch(WINDOWS_DEVICE);
		}
		// A NUL is written to the snapshot as U+FFFD (src/lib/json.ts).
		expect(experiments.map((e) => e.name).sort()).toEqual([...EXPERIMENT_NAMES, RUN_NAMES[0]!].map((n) => n.replace('\u0000', '\ufffd')).sort());
	});

	it('keeps names exactly but for NUL, written as U+FFFD (HTML cannot hold it), while the slug drops it (#39)', () => {
		const nul = experiments.find((e) => e.name === 'a\ufffdb')!;
		expect(nul.slug).toBe('a-b');
		const json = readFileSync(join(site.content, 'experiments', `${nul.id}.json`), 'utf8');
		expect(json).toContain('"a\ufffdb"');
		expect(json).not.toContain('\\u0000');
	});

	it('writes snapshot files only under ids and slugs, never under names', () => {
		for (const file of filesUnder(site.content).filter((f) => !f.startsWith('artifacts/') && !f.startsWith('model-cards/'))) {
			for (const segment of file.split('/')) expect(segment, file).toMatch(SAFE_SEGMENT);
		}
	});

	it('writes the built site only under safe segments, with no Windows device name (#41, #43)', () => {
		// Artifact copies (run artifacts and thumbnails, model-card images) included: they are named
		// `<hash>-<slug>.<ext>`, never after the artifact's raw name.
		for (const file of filesUnder(site.dist)) {
			for (const segment of file.split('/')) {
				expect(segment, file).toMatch(SAFE_SEGMENT);
				expect(segment, file).not.toMatch(WINDOWS_DEVICE);
			}
		}
	});

	it('writes nothing outside the output: ../../../../tmp/pwned and /etc/passwd stay names (#34, #36)', () => {
		expect(existsSync('/tmp/pwned')).toBe(false);
		expect(experiments.find((e) => e.name === '../../../../tmp/pwned')!.slug).toBe('tmp-pwned');
		expect(experiments.find((e) => e.name === '/etc/passwd')!.slug).toBe('etc-passwd');
		expect(existsSync(join(site.dist, 'experiments/tmp-pwned/index.html'))).toBe(true);
	});

	it('keeps names that differ only in case or Unicode form apart, with no case-insensitive clash (#42)', () => {
		const cafe = experiments.filter((e) => e.name.normalize('NFC') === 'café');
		expect(cafe).toHaveLength(2);
		expect(cafe[0]!.slug).not.toBe(cafe[1]!.slug);
		const folded = filesUnder(site.dist).map((f) => f.toLowerCase().normalize('NFC'));
		expect(new Set(folded).size).toBe(folded.length);
		expect(site.read(`runs/${hostileRunId(8)}/index.html`)).toContain('>Run<');
		expect(site.read(`runs/${hostileRunId(9)}/index.html`)).toContain('>run<');
	});

	it('cannot shadow site files: an experiment named index.html or _astro gets a page of its own (#43)', () => {
		expect(experiments.find((e) => e.name === 'index.html')!.slug).toBe('index-html');
		expect(slugify('_astro')).toBe('astro');
		expect(slugify('.git')).toBe('git');
	});
});

describe('slug rules', () => {
	it.each(PATH_NAMES)('slugifies %j to letters, digits and single dashes', (name) => {
		expect(slugify(name)).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
	});

	it('suffixes Windows device names, which no Windows checkout could hold as folders (#41)', () => {
		const slugs = uniqueSlugs(['CON', 'nul', 'Com1', 'LPT9', 'aux.txt', 'prn'].map((name, i) => ({ key: String(i), name, suffix: String(i) })), 'experiment');
		expect([...slugs.values()]).toEqual(['con-0', 'nul-1', 'com1-2', 'lpt9-3', 'aux-txt', 'prn-5']);
	});

	it('keeps names differing only in case or Unicode form distinct', () => {
		const slugs = uniqueSlugs(LOOKALIKE_NAMES.map((name, i) => ({ key: String(i), name, suffix: String(i) })), 'run');
		expect(new Set(slugs.values()).size).toBe(LOOKALIKE_NAMES.length);
	});

	it('cuts a 256-byte name to at most 80 characters (#40)', () => {
		expect(slugify('a'.repeat(256))).toHaveLength(80);
		expect(slugify('é'.repeat(128)).length).toBeLessThanOrEqual(80);
	});
});

describe('artifact paths (#36-#39, #87)', () => {
	it.each(HOSTILE_ARTIFACT_PATHS)('refuses the artifact path %j', (path) => {
		expect(safeArtifactPath(path)).toBeNull();
	});

	it('accepts an ordinary nested path', () => {
		expect(safeArtifactPath('plots/loss.png')).toBe('plots/loss.png');
	});

	it('never copies HTML or SVG artifacts into the snapshot (#70)', () => {
		const copied = filesUnder(join(site.content, 'artifacts'));
		expect(copied.length).toBeGreaterThan(0);
		expect(copied.filter((f) => /\.(?:html?|svg)$/i.test(f))).toEqual([]);
	});

	it('serves no HTML or SVG artifact from the site origin (#70)', () => {
		const served = filesUnder(site.dist).filter((f) => /^runs\/[0-9a-f]{32}\/(?:artifacts|thumbs)\//.test(f));
		expect(served.length).toBeGreaterThan(0);
		expect(served.filter((f) => /\.(?:html?|svg|xml|js)$/i.test(f))).toEqual([]);
	});
});

describe('artifact file names in the built site', () => {
	it('names artifact copies, thumbnails and card images <hash>-<slug>.<ext>, never after the raw name', () => {
		const run = `runs/${hostileRunId(0)}/`;
		const files = filesUnder(site.dist).filter((f) => f.startsWith(run) || /^models\/[^/]+\/[^/]+\/images\//.test(f));
		for (const name of ARTIFACT_NAMES) {
			expect(files.filter((f) => f.includes(name.slice(0, 4)) && !/[0-9a-f]{16}-/.test(f)), name).toEqual([]);
		}
		expect(files).toContain(`${run}artifacts/${artifactFileName(ARTIFACT_NAMES[0])}`);
		expect(files).toContain(`${run}thumbs/${artifactFileName(ARTIFACT_NAMES[0], 'webp')}`);
		expect(files).toContain(`${run}artifacts/${artifactFileName(ARTIFACT_NAMES[1])}`);
		expect(files).toContain(`${run}artifacts/${artifactFileName(ARTIFACT_NAMES[2])}`);
		expect(artifactFileName(ARTIFACT_NAMES[0])).toMatch(/^[0-9a-f]{16}-img-src-x-onerror-window-xss-1\.png$/);
		expect(artifactFileName('CON.txt')).toMatch(/^[0-9a-f]{16}-con\.txt$/);
		expect(artifactFileName('a/x.png')).not.toBe(artifactFileName('b/x.png'));
	});

	it('keeps the original name for display and in the escaped download attribute', () => {
		const html = site.read(`runs/${hostileRunId(0)}/index.html`);
		// Astro escapes `&` and `"` in attribute values; `<` and `>` are inert inside quotes.
		expect(html).toContain('download="&quot;><svg onload=window.__xss=1>.txt"');
		expect(html).toContain('&quot;&gt;&lt;svg onload=window.__xss=1&gt;.txt</a>');
	});
});

describe('hostile aliases and versions as route parameters', () => {
	it('gives safe aliases a redirect page and unsafe ones none, listing them as text on the version page', () => {
		const slug = site.pages.find((p) => p.startsWith('models/img-src'))!.split('/')[1]!;
		const aliasPages = site.pages.filter((p) => p.startsWith(`models/${slug}/@`));
		expect(aliasPages.sort()).toEqual(ALIASES.map((a) => `models/${slug}/@${a}/index.html`).sort());
		const version = site.read(`models/${slug}/1/index.html`);
		for (const alias of UNSAFE_ALIASES) {
			const shown = alias.replace('\u0000', '\ufffd').replaceAll('&', '&amp;');
			expect(version, alias).toContain(`@${shown}`);
			expect(version, alias).not.toContain(`/@${encodeURIComponent(shown)}/`);
		}
	});

	it('accepts only plain URL segments as route parameters', () => {
		for (const ok of ['champion', 'prod-2', 'v_1', '12']) expect(isSafeSegment(ok), ok).toBe(true);
		for (const bad of [...UNSAFE_ALIASES, '', '.', '..', '.hidden', 'a b', 'é', 'a\\b', 'x'.repeat(256)]) expect(isSafeSegment(bad), bad).toBe(false);
	});
});

describe('a corrupt image artifact', () => {
	it('fails no build: it is not published, gets no thumbnail and no card image, and is listed as not published', () => {
		const run = `runs/${hostileRunId(0)}/`;
		const files = filesUnder(site.dist);
		expect(files.filter((f) => f.includes(artifactFileName(CORRUPT_IMAGE).replace(/\.png$/, '')))).toEqual([]);
		const html = site.read(`${run}index.html`);
		expect(html).not.toContain(`download="${CORRUPT_IMAGE}"`);
		expect(html).toMatch(new RegExp(`>${CORRUPT_IMAGE}</span>[^<]*<span class="muted"[^>]*>[^<]*not published`));
		const slug = site.pages.find((p) => p.startsWith('models/img-src'))!.split('/')[1]!;
		const card = site.read(`models/${slug}/1/index.html`);
		expect(card).not.toContain(`${run}artifacts/${artifactFileName(CORRUPT_IMAGE)}`);
		expect(card).toContain(`>${CORRUPT_IMAGE}</figcaption>`);
	});
});

describe('links of the hostile site', () => {
	it('lead to a page or file of the output, including links to aliases that get no page', () => {
		const { broken, checked } = brokenLinks(site.dist, '/');
		expect(checked).toBeGreaterThan(100);
		expect(broken).toEqual([]);
	});
});
