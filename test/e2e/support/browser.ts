import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

/**
 * Debian's Chromium (`.ci/run` installs the `chromium` package), headless, with nothing that
 * reaches the network on its own: the machines have no outside network. Playwright gives every
 * launch a fresh temporary profile folder and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env['MLPAGES_CHROMIUM'] || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
}

/** The served site's root URL (ends with the base), from the global setup. */
export function siteUrl(path = ''): string {
	return new URL(path, inject('siteUrl')).href;
}

/** What went wrong on a page: console errors, uncaught exceptions, CSP violations. */
export interface Problems {
	list(): Promise<string[]>;
}

declare global {
	interface Window {
		__cspViolations?: string[];
	}
}

/**
 * Records every console error, uncaught exception, failed request and Content-Security-Policy
 * violation of `page` (the violations through a `securitypolicyviolation` listener installed
 * before any page script runs).
 */
export async function watchProblems(page: Page): Promise<Problems> {
	const seen: string[] = [];
	await page.addInitScript(() => {
		window.__cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.__cspViolations!.push(`CSP ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
		});
	});
	// Chromium asks for /favicon.ico by itself when a page names no icon; that 404 is reported apart.
	const own = (url: string) => !url.endsWith('/favicon.ico');
	page.on('console', (m) => m.type() === 'error' && own(m.location().url) && seen.push(`console error on ${page.url()}: ${m.text()} ${m.location().url}`));
	page.on('pageerror', (e) => seen.push(`uncaught on ${page.url()}: ${e.message}`));
	// A request cut short because the test navigated away is no fault of the page.
	page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && seen.push(`request failed on ${page.url()}: ${r.url()} ${r.failure()?.errorText ?? ''}`));
	page.on('response', (r) => r.status() >= 400 && own(r.url()) && seen.push(`HTTP ${r.status()} on ${page.url()}: ${r.url()}`));
	return {
		async list() {
			const csp = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
			return [...seen, ...csp];
		},
	};
}

/** A new context and page with problems watched; close the context when done. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: Problems }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
	// Waits (never assertions) are generous: CI machines and shared ones can be heavily loaded.
	context.setDefaultTimeout(90_000);
	const page = await context.newPage();
	const problems = await watchProblems(page);
	return { context, page, problems };
}

/**
 * Waits until a run page has added the charts it lists for the browser to draw
 * (`.charts[data-browser-charts]` gets `data-ready`, src/client/run-page.ts); at once on any
 * other page. Call before counting a page's charts.
 */
export async function chartsAdded(page: Page): Promise<void> {
	await page.waitForFunction(() => [...document.querySelectorAll('.charts[data-browser-charts]')].every((grid) => grid.hasAttribute('data-ready')));
}

/** Waits until the page's network is quiet, a run page's charts are added and every `<vega-chart>` in view has settled. */
export async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	await chartsAdded(page);
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
