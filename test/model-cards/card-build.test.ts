import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import matter from 'gray-matter';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardImagePath } from '../../src/model-cards/card-images.ts';
import { ModelCardSchema } from '../../src/schemas/model-card.ts';
import { RunSchema } from '../../src/schemas/run.ts';
import { ASTRO_BIN, EXAMPLE_SITE } from '../support/example-site.ts';
import { THEME_SCRIPT } from '../../src/integration/theme-script.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/content/cards');
// Inside the project, so Astro keeps its server build in the output folder instead of the
// shared `.astro/` (other build tests run in parallel).
const temp = join(EXAMPLE_SITE, '.tmp', `model-cards-${process.pid}`);
const SITE = 'https://example.gitlab.io';
const BASE = '/group/project/';

function buildEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
	return env;
}

async function build(contentDir: string, out: string) {
	try {
		await promisify(execFile)(process.execPath, [ASTRO_BIN, 'build', '--outDir', out, '--silent'], {
			cwd: EXAMPLE_SITE,
			env: { ...buildEnv(), MLPAGES_CONTENT_DIR: contentDir, MLPAGES_CACHE_DIR: join(out, '..', 'cache'), BASE_PATH: BASE, SITE, ASTRO_TELEMETRY_DISABLED: '1' },
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		throw new Error(`astro build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
	}
}

const first = join(temp, 'first', 'dist');
const second = join(temp, 'second', 'dist');
const later = join(temp, 'later-content');
const read = (out: string, path: string) => readFileSync(join(out, path), 'utf8');
const cardPages = (out: string) =>
	readdirSync(join(out, 'models'), { recursive: true, encoding: 'utf8' })
		// A model's version pages; its timeline (`<model>/timeline/`) is not a card.
		.filter((f) => /^[^@/]+\/[^@/]+\/index\.html$/.test(f) && !/^[^/]+\/timeline\//.test(f))
		.sort();

beforeAll(async () => {
	rmSync(temp, { recursive: true, force: true });
	mkdirSync(temp, { recursive: true });
	// A later export: version 4 is added and `champion` moves to it.
	cpSync(fixture, later, { recursive: true });
	const model = JSON.parse(read(later, 'models/penguins-classifier.json'));
	writeFileSync(join(later, 'models/penguins-classifier.json'), JSON.stringify({ ...model, aliases: { ...model.aliases, champion: '4' }, versions: [...model.versions, '4'] }, null, 2));
	const v3 = JSON.parse(read(later, 'model-versions/penguins-classifier/3.json'));
	// Registry stages as MLflow's legacy workflow sets them: 4 in Production, 2 in Staging, 3 archived.
	writeFileSync(join(later, 'model-versions/penguins-classifier/3.json'), JSON.stringify({ ...v3, aliases: [], stage: 'Archived' }, null, 2));
	writeFileSync(join(later, 'model-versions/penguins-classifier/4.json'), JSON.stringify({ ...v3, version: '4', aliases: ['champion'], stage: 'Production', creationTime: v3.creationTime + 60_000 }, null, 2));
	const v2 = JSON.parse(read(later, 'model-versions/penguins-classifier/2.json'));
	writeFileSync(join(later, 'model-versions/penguins-classifier/2.json'), JSON.stringify({ ...v2, stage: 'Staging' }, null, 2));
	await build(fixture, first);
	await build(later, second);
}, 300_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('built model cards', () => {
	it('have every section, and say "More information needed" for what is unknown', () => {
		const sections = ['model-details', 'uses', 'bias-risks-limitations', 'recommendations', 'training-data', 'factors', 'metrics', 'lineage'];
		for (const version of ['1', '2', '3']) {
			const html = read(first, `models/penguins-classifier/${version}/index.html`);
			const ids = [...html.matchAll(/<section class="card-section" id="([^"]+)"/g)].map((m) => m[1]);
			expect(ids.slice(0, sections.length), version).toStrictEqual(sections);
		}
		const v1 = read(first, 'models/penguins-classifier/1/index.html');
		expect(v1.match(/More information needed/g)?.length).toBeGreaterThan(10);
		expect(v1).toContain('For teaching and for demonstrating mlpages.');
	});

	it('carry Open Graph and Twitter previews with an absolute 1200×630 image', async () => {
		const html = read(first, 'models/penguins-classifier/3/index.html');
		const og = `${SITE}${BASE}models/penguins-classifier/3/og.png`;
		expect(html).toContain(`<meta property="og:image" content="${og}">`);
		expect(html).toContain('<meta property="og:title" content="penguins-classifier v3 (@champion)">');
		expect(html).toMatch(/<meta property="og:description" content="Model card of penguins-classifier version 3 by grace\. accuracy \(test\) 0\.985/);
		expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
		const meta = await sharp(join(first, 'models/penguins-classifier/3/og.png')).metadata();
		expect([meta.format, meta.width, meta.height]).toStrictEqual(['png', 1200, 630]);
	});

	it('offer a README.md whose model-index holds the run metrics, and a model-card.json', () => {
		const json = ModelCardSchema.parse(JSON.parse(read(first, 'models/penguins-classifier/2/model-card.json')));
		const run = RunSchema.parse(JSON.parse(read(fixture, `runs/${json.lineage.run?.id}.json`)));
		const { data } = matter(read(first, 'models/penguins-classifier/2/README.md'));
		const metrics = (data['model-index'][0].results as { metrics: { name: string; value: number }[] }[]).flatMap((r) => r.metrics);
		expect(Object.fromEntries(metrics.map((m) => [m.name, m.value]))).toStrictEqual(
			Object.fromEntries(Object.entries(run.metrics).map(([k, s]) => [k, s.last])),
		);
		const html = read(first, 'models/penguins-classifier/2/index.html');
		expect(html).toContain(`href="${BASE}models/penguins-classifier/2/README.md"`);
		expect(html).toContain(`href="${BASE}models/penguins-classifier/2/model-card.json"`);
	});

	it('show the logged confusion matrix as an optimised WebP', async () => {
		const html = read(first, 'models/penguins-classifier/2/index.html');
		const image = cardImagePath('plots/confusion_matrix.png');
		const src = `${BASE}models/penguins-classifier/2/${image}`;
		expect(html).toMatch(new RegExp(`<img src="${src}" width="240" height="240" alt="Artifact plots/confusion_matrix.png of the source run"`));
		const meta = await sharp(join(first, 'models/penguins-classifier/2', image)).metadata();
		expect([meta.format, meta.width]).toStrictEqual(['webp', 240]);
		// The HTML artifact of the same run is never published as a page.
		expect(existsSync(join(first, 'models/penguins-classifier/2', cardImagePath('plots/report.html')))).toBe(false);
	});

	it('sanitise registry Markdown and escape hostile names', () => {
		// With attribute values emptied, escaped text holds no `<`: every tag left is real markup.
		// The theme script (src/integration/theme-script.ts) is the page's own; nothing else may be a script.
		const markup = (html: string) => html.replace(`<script>${THEME_SCRIPT}</script>`, '').replace(/="[^"]*"/g, '=""');
		const v3 = read(first, 'models/penguins-classifier/3/index.html');
		expect(v3).toContain('Deeper trees.');
		expect(markup(v3)).not.toMatch(/<script|<img src=""\s*onerror|\son[a-z]+=/i);
		expect(v3).not.toMatch(/javascript:/i);
		const evil = read(first, 'models/evil-script-alert-x-script-quotes/1/index.html');
		expect(markup(evil)).not.toMatch(/<script|\son[a-z]+=/i);
		expect(evil).toContain('evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
		expect(evil).toContain('@prod&quot;&gt;&lt;script&gt;');
	});

	it('show registry stages in the model list, on the model page and in the card header', () => {
		const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
		// The list and the model page name the versions in use, Production first; Archived is not in use.
		for (const page of ['models/index.html', 'models/penguins-classifier/index.html']) {
			const html = read(second, page);
			const chips = [...html.matchAll(/<a class="chip stage stage-(\w+)" href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
			expect(chips, page).toStrictEqual([
				['production', `${BASE}models/penguins-classifier/4/`, 'Production → 4'],
				['staging', `${BASE}models/penguins-classifier/2/`, 'Staging → 2'],
			]);
		}
		// Each card says its own stage, archived too; `None` says nothing.
		expect(text(read(second, 'models/penguins-classifier/4/index.html'))).toMatch(/Production/);
		expect(read(second, 'models/penguins-classifier/3/index.html').replace(/ data-astro-cid-\w+/g, '')).toMatch(/<span class="chip stage stage-archived" title="Registry stage">Archived<\/span>/);
		expect(read(first, 'models/penguins-classifier/3/index.html')).not.toMatch(/class="chip stage/);
		expect(read(first, 'models/index.html')).not.toMatch(/class="chip stage/);
	});

	it('keep their URLs when a later export adds a version and moves an alias', () => {
		const before = cardPages(first);
		const after = cardPages(second);
		expect(before).toContain('penguins-classifier/3/index.html');
		expect(after).toStrictEqual([...before, 'penguins-classifier/4/index.html'].sort());
		for (const page of before) {
			const version = page.split('/')[1];
			expect(read(second, `models/${page}`), page).toMatch(new RegExp(`<span class="muted"[^>]*>version ${version}</span>`));
			for (const file of ['README.md', 'model-card.json', 'og.png']) {
				expect(existsSync(join(second, 'models', page.replace('index.html', file))), `${page} ${file}`).toBe(true);
			}
		}
		const target = `${BASE}models/penguins-classifier/`;
		expect(read(first, 'models/penguins-classifier/@champion/index.html')).toContain(`<a href="${target}3/">version 3</a>`);
		expect(read(second, 'models/penguins-classifier/@champion/index.html')).toContain(`<a href="${target}4/">version 4</a>`);
		expect(read(second, 'models/penguins-classifier/@challenger/index.html')).toContain(`<a href="${target}2/">version 2</a>`);
		expect(relative(second, join(second, 'models/penguins-classifier/3/index.html'))).toBe('models/penguins-classifier/3/index.html');
	});
});
