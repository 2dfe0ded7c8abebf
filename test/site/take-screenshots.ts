/**
 * Takes the README screenshots of a built site with headless Chromium (Debian's `chromium`).
 * Usage: [EXPERIMENT=<slug>] [RUN_ID=<id>] node test/site/take-screenshots.ts <built dir> <base> <out dir>
 * It prints each file it wrote and any CSP violation or console error it saw.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.ts';

const [dir = '.tmp/site-out', base = '/group/project/mr-7/', out = 'docs/screenshots'] = process.argv.slice(2);
const { url, server } = await serveStatic(dir, base);
const userDataDir = mkdtempSync(join(tmpdir(), 'mlpages-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
	const runs = readdirSync(join(dir, 'runs'));
	const experiment = process.env['EXPERIMENT'] ?? 'iris-sweep';
	const shots: Array<[name: string, path: string, width: number, scheme: 'light' | 'dark']> = [
		['home', '', 1280, 'light'],
		['experiment', `experiments/${experiment}/`, 1280, 'light'],
		['run', `runs/${process.env['RUN_ID'] ?? runs[0]}/`, 1280, 'light'],
		['run-dark', `runs/${process.env['RUN_ID'] ?? runs[0]}/`, 1280, 'dark'],
		['experiment-mobile', `experiments/${experiment}/`, 375, 'light'],
		['run-mobile', `runs/${process.env['RUN_ID'] ?? runs[0]}/`, 375, 'light'],
	];
	for (const [name, path, width, scheme] of shots) {
		const page = await context.newPage();
		await page.setViewportSize({ width, height: 900 });
		await page.emulateMedia({ colorScheme: scheme });
		page.on('console', (m) => m.type() === 'error' && console.log(`${name}: console error: ${m.text()}`));
		page.on('pageerror', (e) => console.log(`${name}: page error: ${e.message}`));
		await page.goto(url + path);
		const file = join(out, `${name}.png`);
		// The top of the page, at most 1,600 px: what a reader sees first, at a README-friendly size.
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 1600) } });
		console.log(`wrote ${file}`);
		await page.close();
	}
} finally {
	await context.close();
	server.close();
	rmSync(userDataDir, { recursive: true, force: true });
}
