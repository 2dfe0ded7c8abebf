import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostileSite } from '../fixtures/hostile/build-hostile-site.ts';
import { ROOT } from '../support/example-site.ts';
import { launchChromium, openPage } from './support/browser.ts';
import { serveStatic, type StaticSite } from './support/static-server.ts';

// Issue 7, part 4: a site built from a store with a bad input in every displayed field is opened
// in Chromium. Every script payload of the hostile store sets `window.__xss`; none may run, no
// dialog may open, no element may carry an event-handler attribute, and the page may log no
// error (a CSP report of a blocked inline script would mean markup from the data reached the DOM).

// Under the project (ignored), not the system temp folder: Astro stages prerender chunks in the
// project, and the scratch folder keeps the build next to them.
const work = join(ROOT, '.tmp', `e2e-hostile-${process.pid}`);
let site: StaticSite;
let browser: Browser;
let pages: string[] = [];
let dist = '';

function htmlPages(dist: string): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name === 'index.html') found.push(relative(dist, dir).split(sep).join('/'));
		}
	};
	walk(dist);
	return found.sort();
}

beforeAll(async () => {
	mkdirSync(work, { recursive: true });
	const built = await buildHostileSite(work);
	dist = built.dist;
	pages = htmlPages(dist);
	site = await serveStatic(built.dist, '/');
	browser = await launchChromium();
}, 600_000);

afterAll(async () => {
	await browser?.close();
	await site?.close();
	rmSync(work, { recursive: true, force: true });
});

describe('the site built from a hostile store, in Chromium', () => {
	it('has pages for the hostile experiments, runs and models', () => {
		expect(pages.filter((p) => p.startsWith('runs/')).length).toBeGreaterThanOrEqual(10);
		expect(pages.filter((p) => p.startsWith('experiments/')).length).toBeGreaterThanOrEqual(5);
		expect(pages.filter((p) => p.startsWith('models/')).length).toBeGreaterThanOrEqual(3);
	});

	it('runs no injected script on any page, opens no dialog and logs no error', async () => {
		const findings: string[] = [];
		for (const path of pages) {
			const { context, page, problems } = await openPage(browser);
			const dialogs: string[] = [];
			page.on('dialog', (d) => {
				dialogs.push(`${d.type()}: ${d.message()}`);
				void d.dismiss();
			});
			const url = new URL(path ? `${path}/` : '', site.url).href;
			// Alias pages send the reader on with a meta refresh: check the page they land on.
			const redirects = /http-equiv="refresh"/i.test(readFileSync(join(dist, path, 'index.html'), 'utf8'));
			await page.goto(url, { waitUntil: 'load' });
			if (redirects) await page.waitForURL((u) => u.href !== url);
			await page.waitForLoadState('load');
			// Bring every chart into view so that <vega-chart> upgrades and renders the data live.
			await page.evaluate(async () => {
				for (const el of Array.from(document.querySelectorAll('vega-chart'))) {
					el.scrollIntoView();
					await new Promise((r) => setTimeout(r, 50));
				}
				window.scrollTo(0, document.body.scrollHeight);
			});
			await page.waitForLoadState('networkidle');
			const state = await page.evaluate(() => ({
				xss: (window as unknown as { __xss?: unknown }).__xss,
				handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
					Array.from(el.attributes)
						.filter((a) => a.name.toLowerCase().startsWith('on'))
						.map((a) => `<${el.localName} ${a.name}>`),
				),
				javascriptLinks: Array.from(document.querySelectorAll('[href]'))
					.map((el) => el.getAttribute('href') ?? '')
					.filter((href) => /^\s*javascript:/i.test(href)),
			}));
			if (state.xss !== undefined) findings.push(`${path}: window.__xss was set`);
			for (const d of dialogs) findings.push(`${path}: dialog ${d}`);
			for (const h of state.handlers) findings.push(`${path}: event handler ${h}`);
			for (const l of state.javascriptLinks) findings.push(`${path}: javascript: link ${l}`);
			for (const p of await problems.list()) findings.push(`${path}: ${p}`);
			await context.close();
		}
		expect(pages.length).toBeGreaterThan(20);
		expect(findings).toEqual([]);
	});
});
