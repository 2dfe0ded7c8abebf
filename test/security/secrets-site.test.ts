/**
 * Secrets in the built hostile site (issue 15, part 3): the hostile store's first run holds a
 * sample of every secret rule in params, tags, a metric key, a model named after a webhook,
 * `config.json` and a UTF-16 `notes.txt` (make-secret-store.ts `plantSecrets`). None of them
 * reaches any file of `dist/`: pages, `runs.json`, `compare/runs.json`, the model card's
 * `README.md` and `model-card.json`, the Pagefind index (decompressed) and the copied artifacts.
 * The scan of the whole site finds only the canary the export was not told about, so our own
 * pages and scripts raise no false alarm; and a text preview holds no NUL or other control
 * character.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodedViews } from '../../src/security/decoded-views.ts';
import { scanForSecrets } from '../../src/security/secret-scan.ts';
import { CANARY_TOKEN, hostileRunId } from '../fixtures/hostile/make-hostile-store.ts';
import { SECRET_MODEL_NAME } from '../fixtures/secrets/make-secret-store.ts';
import { SECRET_SAMPLES } from '../fixtures/secrets/secret-samples.ts';
import { filesUnder } from './html.ts';
import { hostileSite } from './hostile-site.ts';

let site: Awaited<ReturnType<typeof hostileSite>>;
/** Every file of the site with its texts as the scan reads them (UTF-16, escapes and gzip decoded). */
let texts: Array<[string, string[]]>;

beforeAll(async () => {
	site = await hostileSite();
	texts = filesUnder(site.dist).map((file) => [file, decodedViews(readFileSync(join(site.dist, file))).map((v) => v.text)]);
}, 600_000);

describe('secrets planted in the hostile store', () => {
	it('are published nowhere, in no encoding', () => {
		const leaks = SECRET_SAMPLES.flatMap((s) => texts.filter(([, views]) => views.some((v) => v.includes(s.secret))).map(([file]) => `${s.rule} in ${file}`));
		expect(leaks).toEqual([]);
	});

	it('are shown redacted where they were, and the files that carry data are among those checked', () => {
		const files = texts.map(([file]) => file);
		for (const needed of ['runs.json', 'compare/runs.json']) expect(files.some((f) => f.endsWith(needed)), needed).toBe(true);
		expect(files.some((f) => f.endsWith('/README.md'))).toBe(true);
		expect(files.some((f) => f.endsWith('/model-card.json'))).toBe(true);
		expect(files.some((f) => f.startsWith('pagefind/') && f.endsWith('.pf_fragment'))).toBe(true);
		const runPage = site.read(`runs/${hostileRunId(0)}/index.html`);
		expect(runPage).toContain('[redacted]');
		expect(runPage).toContain('secret_000');
		const model = SECRET_MODEL_NAME.slice(0, SECRET_MODEL_NAME.indexOf(' '));
		expect(site.pages.some((p) => p.startsWith(`models/${model}-redacted`))).toBe(true);
	});

	it('leave the scan of the whole site nothing to report but the canary', () => {
		const hits = scanForSecrets(site.dist, { MLFLOW_TRACKING_TOKEN: CANARY_TOKEN });
		expect(hits.filter((h) => h.rule !== 'tracking-token')).toEqual([]);
		expect(hits.length).toBeGreaterThan(0);
	});

	it('put no NUL or other control character into a text preview, though notes.txt holds some', () => {
		const previews = site.pages.filter((p) => p.startsWith('runs/')).flatMap((p) => [...site.read(p).matchAll(/<pre class="preview"[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!));
		expect(previews.length).toBeGreaterThan(0);
		expect(previews.filter((text) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text))).toEqual([]);
		// The UTF-16 file is previewed as text, its NUL, BEL and ESC shown as U+FFFD.
		const notes = previews.find((text) => text.startsWith('\uFFFD\uFFFD\uFFFD'));
		expect(notes).toContain('token [redacted] in use');
	});
});
