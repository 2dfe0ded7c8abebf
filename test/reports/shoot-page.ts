/**
 * Screenshots one page of a built site with headless Chromium (Debian's `chromium`), for looking
 * at a report by eye (`npm run screenshots` makes the committed docs/screenshots/report.png).
 * Usage: node test/reports/shoot-page.ts [built dir] [base] [page path] [out.png] [width] [max height]
 * Defaults: the example site's build, `/`, its report, .tmp/screenshots/report.png.
 * Prints the file it wrote and any console error or CSP violation it saw.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../site/static-server.ts';

const [dir = 'examples/site/dist', base = '/', path = 'reports/penguins-sweep/', out = '.tmp/screenshots/report.png', width = '1280', max = '100000'] =
	process.argv.slice(2);
const { url, server } = await serveStatic(dir, base);
mkdirSync(dirname(out), { recursive: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'mlpages-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
	const page = await context.newPage();
	await page.setViewportSize({ width: Number(width), height: 900 });
	page.on('console', (m) => m.type() === 'error' && console.log(`console error: ${m.text()}`));
	page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
	await page.goto(url + path);
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: Number(width), height: Math.min(height, Number(max)) } });
	console.log(`wrote ${out} (${height} px high)`);
} finally {
	await context.close();
	server.close();
	rmSync(userDataDir, { recursive: true, force: true });
}
