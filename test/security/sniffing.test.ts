/**
 * Issue 15, part 2: nothing published can be sniffed into a page. The hostile site is served as
 * gitlab-pages without `/etc/mime.types` serves it (type from Go's built-in extension table, else
 * sniffed from the first 512 bytes), and every file made from tracking data (below `runs/`,
 * `models/`, `experiments/` and `compare/`, pages aside) must come with a type no browser runs
 * script in. Artifacts that start like markup are shown escaped inside the run page only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactFileName } from '../../src/lib/artifact-file-name.ts';
import { MARKUP_REASON } from '../../src/components/run/artifact-publication.ts';
import { serveStatic, type StaticSite } from '../e2e/support/static-server.ts';
import { hostileRunId, SNIFFABLE_ARTIFACTS } from '../fixtures/hostile/make-hostile-store.ts';
import { detectContentType, INERT_TYPES } from '../support/sniff-content-type.ts';
import { filesUnder } from './html.ts';
import { hostileSite } from './hostile-site.ts';

let site: Awaited<ReturnType<typeof hostileSite>>;
let server: StaticSite;
beforeAll(async () => {
	site = await hostileSite();
	server = await serveStatic(site.dist, '/', { sniff: true });
});
afterAll(async () => {
	await server?.close();
});

/** Files made from tracking data: everything below the data folders but the pages themselves. */
const dataFiles = () => filesUnder(site.dist).filter((f) => /^(?:runs|models|experiments|compare)\//.test(f) && !f.endsWith('.html'));

describe('the hostile site served by a sniffing host', () => {
	it('serves every file made from tracking data with an inert type', async () => {
		const files = dataFiles();
		expect(files.filter((f) => /^runs\/[^/]+\/artifacts\//.test(f)).length).toBeGreaterThan(20);
		const active: string[] = [];
		for (const file of files) {
			const res = await fetch(new URL(file.split('/').map(encodeURIComponent).join('/'), server.url));
			expect(res.status, file).toBe(200);
			const type = res.headers.get('content-type') ?? '';
			await res.arrayBuffer();
			if (!INERT_TYPES.test(type)) active.push(`${file}: ${type}`);
		}
		expect(active).toEqual([]);
	});

	it('publishes no artifact file that starts like markup, MLmodel and YAML included', () => {
		const run = `runs/${hostileRunId(0)}/artifacts/`;
		const published = filesUnder(site.dist).filter((f) => f.startsWith(run));
		for (const path of Object.keys(SNIFFABLE_ARTIFACTS)) {
			expect(published.filter((f) => f.includes(artifactFileName(path).replace(/\.[a-z]+$/, ''))), path).toEqual([]);
		}
		for (const file of published) {
			const bytes = readFileSync(join(site.dist, file));
			expect(detectContentType(bytes), file).not.toMatch(/html|xml|pdf|postscript/);
		}
	});

	it('shows markup-looking text escaped inside the run page, with the reason it is not a file', () => {
		const html = site.read(`runs/${hostileRunId(0)}/index.html`);
		expect(html).toContain('&lt;!DOCTYPE html&gt;&lt;html&gt;&lt;body&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;');
		expect(html).toContain('&lt;?xml version=&quot;1.0&quot;?&gt;');
		expect(html).toContain(MARKUP_REASON);
	});

	it('lists images that do not decode (HTML or SVG named .png) as not published, with no thumbnail', () => {
		const html = site.read(`runs/${hostileRunId(0)}/index.html`);
		const thumbs = filesUnder(site.dist).filter((f) => f.startsWith(`runs/${hostileRunId(0)}/thumbs/`));
		for (const path of ['fake.png', 'vector.png']) {
			expect(thumbs, path).not.toContain(`runs/${hostileRunId(0)}/thumbs/${artifactFileName(path, 'webp')}`);
			expect(html, path).toMatch(new RegExp(`>${path}</span>[^<]*<span class="muted"[^>]*>[^<]*not published`));
		}
	});
});
