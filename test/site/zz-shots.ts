import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.ts';

const dir = '/tmp/mlp-dist';
const { url, server } = await serveStatic(dir, '/');
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mlp-chr-')), {
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const scheme = (process.env.SCHEME ?? 'light') as 'light' | 'dark';
try {
	const page = await context.newPage();
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.emulateMedia({ colorScheme: scheme });
	const bytes: Record<string, number> = {};
	page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`console ${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
	page.on('response', async (r) => {
		try { bytes[r.url().replace(url, '/')] = (await r.body()).length; } catch {}
	});
	await page.goto(url + 'experiments/iris-sweep/');
	await page.waitForTimeout(500);
	console.log('before scroll', JSON.stringify(bytes));
	await page.screenshot({ path: `/tmp/shots/experiment-top-${scheme}.png` });
	await page.fill('input[name=filter]', 'metrics.val_loss');
	await page.waitForTimeout(400);
	await page.screenshot({ path: `/tmp/shots/experiment-filter-error-${scheme}.png`, clip: { x: 0, y: 0, width: 1280, height: 900 } });
	await page.fill('input[name=filter]', 'metrics.val_loss < 0.3');
	await page.waitForTimeout(400);
	console.log('url after filter', page.url());
	const boxes = page.locator('input[name=select]');
	console.log('checkboxes', await boxes.count());
	await boxes.nth(0).check();
	await boxes.nth(1).check();
	const compare = await page.getAttribute('[data-compare]', 'href');
	console.log('compare href', compare);
	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	await page.waitForTimeout(3000);
	console.log('chart states', await page.$$eval('vega-chart', (els) => els.map((e) => e.getAttribute('data-state'))));
	console.log('after scroll', JSON.stringify(bytes));
	await page.screenshot({ path: `/tmp/shots/experiment-full-${scheme}.png`, fullPage: true });
	await page.hover('vega-chart >> nth=2');
	const page2 = await context.newPage();
	await page2.setViewportSize({ width: 1280, height: 900 });
	await page2.emulateMedia({ colorScheme: scheme });
	page2.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`compare console ${m.type()}: ${m.text()}`));
	page2.on('pageerror', (e) => console.log(`compare page error: ${e.message}`));
	await page2.goto(url + (compare ?? 'compare/').replace(/^\//, '') + '&diff=1');
	await page2.waitForTimeout(3000);
	await page2.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	await page2.waitForTimeout(2000);
	console.log('compare url', page2.url());
	console.log('compare chart states', await page2.$$eval('vega-chart', (els) => els.map((e) => e.getAttribute('data-state'))));
	await page2.screenshot({ path: `/tmp/shots/compare-${scheme}.png`, fullPage: true });
} finally {
	await context.close();
	server.close();
}
