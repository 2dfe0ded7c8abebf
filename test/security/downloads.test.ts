/**
 * §4.1 #21 and the download sinks of the security reference: CSV exports cannot run formulas, the
 * Hugging Face README's YAML front matter and model-card.json keep hostile strings as plain
 * strings, and the social image's SVG source escapes every text.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { csvCell, tableToCsv } from '../../src/lib/run-table-export.ts';
import type { RunTableData } from '../../src/lib/run-table-data.ts';
import { socialImagePng, socialImageSvg } from '../../src/model-cards/social-image.ts';
import { MODEL_NAME } from '../fixtures/hostile/make-hostile-store.ts';
import { FORMULAS, INJECTION } from '../fixtures/hostile/naughty.ts';
import { tags } from './html.ts';
import { hostileSite } from './hostile-site.ts';

let site: Awaited<ReturnType<typeof hostileSite>>;
beforeAll(async () => {
	site = await hostileSite();
});
const versionDir = () => {
	const slug = site.pages.find((p) => p.startsWith('models/img-src'))!.split('/')[1]!;
	return `models/${slug}/1`;
};

describe('CSV downloads (#21)', () => {
	it.each(FORMULAS)('prefixes the formula %j with an apostrophe', (formula) => {
		const cell = csvCell(formula);
		expect(cell.replace(/^"/, '')).toMatch(/^'/);
	});

	it('keeps numbers, negative ones included, as numbers', () => {
		expect(csvCell(-0.5)).toBe('-0.5');
		expect(csvCell('-0.5')).toBe('-0.5');
		expect(csvCell(1e308)).toBe('1e+308');
	});

	it('exports the hostile experiment table with no cell a spreadsheet would run', () => {
		const data = JSON.parse(site.read('experiments/script-window-xss-1-script/runs.json')) as RunTableData;
		const columns = ['name', 'status', ...FORMULAS.map((_, i) => `params.formula_${i}`), 'params.p_script'];
		const csv = tableToCsv(data, columns, data.ids.map((_, i) => i));
		const cells = csv.split(/\r?\n/).slice(1).filter(Boolean).flatMap((line) => line.split(','));
		expect(cells.length).toBeGreaterThan(0);
		for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]|^-[^\d]/);
		expect(csv).toContain(`'${FORMULAS[0].replaceAll('"', '""')}`);
	});
});

describe('model-card downloads', () => {
	it('writes README.md front matter that YAML reads back as the exact strings, nothing more', () => {
		const readme = site.read(`${versionDir()}/README.md`);
		const [, front] = /^---\n([\s\S]*?)\n---\n/.exec(readme)!;
		const meta = YAML.parse(front!) as Record<string, unknown>;
		expect(meta['language']).toBe(INJECTION.islandEnd);
		expect(meta['tags']).toEqual(expect.arrayContaining([INJECTION.script, INJECTION.attribute]));
		expect(meta['metrics']).toEqual([INJECTION.vegaQuote]);
		expect((meta['model-index'] as Array<{ name: string }>)[0]!.name).toBe(MODEL_NAME);
		expect(Object.keys(meta).sort()).toEqual(['datasets', 'language', 'license', 'metrics', 'model-index', 'tags']);
	});

	// The people-written card (content/model-cards/*.md) is committed by the team and copied as
	// written; everything that came from the tracking store is escaped.
	it('escapes markup from the store in the README body and drops its javascript: links', () => {
		const authored = `${INJECTION.script} and [x](javascript:window.__xss=1)`;
		const body = site.read(`${versionDir()}/README.md`).replace(/^---\n[\s\S]*?\n---\n/, '');
		expect(body).toContain(authored);
		const fromStore = body.replace(authored, '');
		expect(fromStore).not.toMatch(/<script|<img|<iframe|<svg|<\/script/i);
		expect(fromStore).not.toMatch(/\]\(javascript:/i);
		expect(fromStore).toContain('&lt;/script&gt;&lt;script&gt;window.\\_\\_xss=1&lt;/script&gt;');
	});

	it('writes model-card.json as valid JSON holding the hostile names exactly', () => {
		const card = JSON.parse(site.read(`${versionDir()}/model-card.json`)) as { name: string; datasets: Array<{ name: string; source: string }> };
		expect(card.name).toBe(MODEL_NAME);
		expect(card.datasets[0]).toMatchObject({ name: INJECTION.islandEnd, source: INJECTION.jsUrl });
	});

	it('serves a real PNG as og.png', async () => {
		const png = await sharp(join(site.dist, versionDir(), 'og.png')).metadata();
		expect(png).toMatchObject({ format: 'png', width: 1200, height: 630 });
		expect(readdirSync(join(site.dist, versionDir()))).toContain('og.png');
	});
});

describe('social image source', () => {
	const input = {
		name: MODEL_NAME,
		version: INJECTION.attribute,
		aliases: [INJECTION.script, '"/><script>x</script>'],
		metrics: [{ label: INJECTION.islandEnd, value: '<b>1</b>' }],
		sparkline: { label: INJECTION.comment, values: [1, 2, 3] },
		kicker: '<foreignObject><iframe/></foreignObject>',
		footer: 'a\u0000b\u001b[31m',
	};

	it('escapes every text: the SVG has only the elements the template writes', () => {
		const svg = socialImageSvg(input);
		expect(new Set(tags(svg).map((t) => t.name))).toEqual(new Set(['svg', 'rect', 'text', 'g', 'polyline']));
		// A name too long for one line is wrapped at spaces, so the markup may span two lines.
		expect(svg).toContain('&lt;img src=x');
		expect(svg).toContain('onerror=window.__xss=1&gt;');
		expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
	});

	it('renders hostile text to a PNG without failing', async () => {
		const meta = await sharp(await socialImagePng(input, false)).metadata();
		expect(meta).toMatchObject({ format: 'png', width: 1200, height: 630 });
	});
});
