import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { previewDescription, previewTitle, socialImageInput } from '../../src/model-cards/card-preview.ts';
import { loadModelCard } from '../../src/model-cards/load-model-card.ts';
import { escapeXml, socialImagePng, socialImageSvg } from '../../src/model-cards/social-image.ts';

const HOSTILE = 'evil <script>alert("x")</script> & \'q\' ]]> <!-- \u0007';

describe('social image', () => {
	it('is a 1200×630 PNG', async () => {
		const card = loadModelCard(resolve(import.meta.dirname, '../fixtures/content/cards'), 'penguins-classifier', '3')!;
		const input = socialImageInput(card, { runId: 'r', maxPoints: 10, metrics: { test_accuracy: { step: [0, 1, 2], timestamp: [0, 1, 2], value: [0.8, 0.9, 0.95] } } });
		expect(input.metrics.map((m) => m.label)).toStrictEqual(['accuracy (test)', 'f1_macro (test)', 'loss (train)']);
		expect(input.sparkline?.label).toBe('test_accuracy by step');
		const png = await socialImagePng(input, false);
		const meta = await sharp(png).metadata();
		expect([meta.format, meta.width, meta.height]).toStrictEqual(['png', 1200, 630]);
		expect(previewTitle(card)).toBe('penguins-classifier v3 (@champion)');
		// The image names the version only: an alias moves, a shared image stays.
		expect(card.aliases).toContain('champion');
		expect(input.aliases).toEqual([]);
		expect(socialImageSvg(input)).not.toContain('champion');
		expect(previewDescription(card)).toMatch(/^Model card of penguins-classifier version 3 by grace\. accuracy \(test\) 0\.985/);
	});

	it('is written in 256 colours, at most 60 % of the bytes of a true-colour PNG of the same picture', async () => {
		const card = loadModelCard(resolve(import.meta.dirname, '../fixtures/content/cards'), 'penguins-classifier', '3')!;
		const input = socialImageInput(card, { runId: 'r', maxPoints: 10, metrics: { test_accuracy: { step: [0, 1, 2, 3], timestamp: [0, 1, 2, 3], value: [0.7, 0.8, 0.9, 0.95] } } });
		const png = await socialImagePng(input, false);
		const trueColour = await sharp(Buffer.from(socialImageSvg(input))).png({ compressionLevel: 9 }).toBuffer();
		// IHDR's colour type (the 26th byte of a PNG): 3 is indexed colour, 6 RGBA.
		expect([png[25], trueColour[25]]).toEqual([3, 6]);
		expect(png.length).toBeLessThanOrEqual(0.6 * trueColour.length);
	});

	it('is made once per picture: a build after it reads the PNG from the cache, a changed picture is made anew', async () => {
		const cacheDir = mkdtempSync(join(tmpdir(), 'mlpages-social-'));
		try {
			const input = { name: 'sweep', subtitle: '29 runs', aliases: [], metrics: [{ label: 'val_loss', value: '0.31' }], sparkline: null };
			const png = await socialImagePng(input, cacheDir);
			const [file] = readdirSync(cacheDir);
			expect(readFileSync(join(cacheDir, file!))).toEqual(png);
			// What the next build gets is the cached file, not a second rendering.
			writeFileSync(join(cacheDir, file!), 'cached');
			expect((await socialImagePng(input, cacheDir)).toString()).toBe('cached');
			const other = await socialImagePng({ ...input, subtitle: '30 runs' }, cacheDir);
			expect((await sharp(other).metadata()).format).toBe('png');
			expect(readdirSync(cacheDir)).toHaveLength(2);
		} finally {
			rmSync(cacheDir, { recursive: true, force: true });
		}
	});

	it('escapes every string in the SVG source', async () => {
		const svg = socialImageSvg({
			name: HOSTILE,
			version: HOSTILE,
			aliases: [HOSTILE],
			metrics: [{ label: HOSTILE, value: HOSTILE }],
			sparkline: { label: HOSTILE, values: [1, 2] },
			kicker: HOSTILE,
			footer: HOSTILE,
		});
		expect(svg).not.toMatch(/<script|<!--|]]>|\u0007|'q'/);
		expect(svg).toContain('evil &lt;script&gt;alert(&quot;x&quot;)');
		// Still a valid image: sharp (librsvg) parses it.
		const meta = await sharp(Buffer.from(svg)).metadata();
		expect([meta.width, meta.height]).toStrictEqual([1200, 630]);
	});

	it('escapeXml covers the five XML specials', () => {
		expect(escapeXml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;');
	});
});
