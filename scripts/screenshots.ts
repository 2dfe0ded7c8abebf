/**
 * `npm run screenshots`: builds the example site, then refreshes the committed screenshots in
 * docs/screenshots/ (the README shows experiment.png, run-dark.png and model-card.png) with
 * Debian's Chromium (`/usr/bin/chromium`, or MLPAGES_CHROMIUM). `node scripts/screenshots.ts`
 * alone shoots the site already built in examples/site/dist/. The pages are the example's own:
 * the penguins-mlp-sweep experiment, the penguins-classifier version that holds the `champion`
 * alias (its model card, social image and source run), that run compared with two of another
 * experiment, and the penguins-sweep report. (The model's timeline is not shot: the example's
 * snapshot is made by each build, not committed, so its page has no history to show.) Exit
 * status 0, 1 when a page fails to load or logs an error, 2 when the site or Chromium is missing.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { visitWholePage } from '../test/e2e/support/pages.ts';
import { serveStatic } from '../test/e2e/support/static-server.ts';

const SITE = 'examples/site';
const DIST = join(SITE, 'dist');
const OUT = 'docs/screenshots';
const EXPERIMENT = 'penguins-mlp-sweep';
const MODEL = 'penguins-classifier';
const ALIAS = 'champion';
const REPORT = 'penguins-sweep';

/** One screenshot: the top `maxHeight` px of a page (all of it when null) at a viewport width. */
interface Shot {
	file: string;
	path: string;
	width: number;
	scheme: 'light' | 'dark';
	maxHeight: number | null;
}

function fail(message: string, code: number): never {
	console.error(message);
	process.exit(code);
}

/** The version of MODEL that holds ALIAS, from the exported snapshot. */
function aliasedVersion(): { version: string; runId: string } {
	const dir = join(SITE, 'content', 'model-versions', MODEL);
	if (!existsSync(dir)) fail(`No snapshot of ${MODEL} in ${dir}: run npm run screenshots (it builds the site first).`, 2);
	for (const file of readdirSync(dir)) {
		const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { version: string; runId: string | null; aliases: string[] };
		if (data.aliases.includes(ALIAS) && data.runId) return { version: data.version, runId: data.runId };
	}
	return fail(`No version of ${MODEL} in ${dir} holds the alias @${ALIAS} and names its run.`, 2);
}

const chromiumPath = process.env['MLPAGES_CHROMIUM'] || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) fail(`Chromium is not at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set MLPAGES_CHROMIUM.`, 2);
if (!existsSync(join(DIST, 'index.html'))) fail(`No built site in ${DIST}/: run npm run screenshots (it builds the site first).`, 2);

/** Up to `n` run ids of the experiment `experimentId` in the snapshot, by id. */
function runsOf(experimentId: string, n: number): string[] {
	const dir = join(SITE, 'content', 'runs');
	return readdirSync(dir)
		.sort()
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string; experimentId: string })
		.filter((r) => r.experimentId === experimentId)
		.slice(0, n)
		.map((r) => r.id);
}

const { version, runId } = aliasedVersion();
// Three runs from two experiments, as a reader picks them on /compare/: the champion's source run
// and two runs of the model comparison.
const sourceExperiment = (JSON.parse(readFileSync(join(SITE, 'content', 'runs', `${runId}.json`), 'utf8')) as { experimentId: string }).experimentId;
const otherExperiment = sourceExperiment === '2' ? '1' : '2';
const compared = [runId, ...runsOf(otherExperiment, 2)].join(',');
// Sizes as the README lays them out: the top 1,600 px of wide pages, the run and the model card whole.
const shots: Shot[] = [
	{ file: 'home.png', path: '', width: 1280, scheme: 'light', maxHeight: 1600 },
	{ file: 'experiment.png', path: `experiments/${EXPERIMENT}/`, width: 1280, scheme: 'light', maxHeight: 1600 },
	{ file: 'experiment-mobile.png', path: `experiments/${EXPERIMENT}/`, width: 375, scheme: 'light', maxHeight: 1600 },
	{ file: 'run.png', path: `runs/${runId}/`, width: 1280, scheme: 'light', maxHeight: 1600 },
	{ file: 'run-light.png', path: `runs/${runId}/`, width: 1200, scheme: 'light', maxHeight: null },
	{ file: 'run-dark.png', path: `runs/${runId}/`, width: 1200, scheme: 'dark', maxHeight: null },
	{ file: 'run-mobile.png', path: `runs/${runId}/`, width: 375, scheme: 'light', maxHeight: 1600 },
	{ file: 'model-card.png', path: `models/${MODEL}/${version}/`, width: 1100, scheme: 'light', maxHeight: null },
	{ file: 'report.png', path: `reports/${REPORT}/`, width: 1280, scheme: 'light', maxHeight: 1600 },
	{ file: 'compare.png', path: `compare/?runs=${compared}`, width: 1280, scheme: 'light', maxHeight: 1600 },
	{ file: 'compare-mobile.png', path: `compare/?runs=${compared}`, width: 375, scheme: 'dark', maxHeight: 1600 },
];

mkdirSync(OUT, { recursive: true });
const site = await serveStatic(DIST, '/');
const browser = await chromium.launch({
	executablePath: chromiumPath,
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems: string[] = [];
try {
	for (const shot of shots) {
		const context = await browser.newContext({ viewport: { width: shot.width, height: 900 }, colorScheme: shot.scheme });
		context.setDefaultTimeout(90_000);
		const page = await context.newPage();
		page.on('console', (m) => m.type() === 'error' && problems.push(`${shot.file}: console error: ${m.text()}`));
		page.on('pageerror', (e) => problems.push(`${shot.file}: page error: ${e.message}`));
		const response = await page.goto(site.url + shot.path);
		if (response?.status() !== 200) problems.push(`${shot.file}: /${shot.path} answered ${response?.status()}`);
		// Every chart live, as a reader sees it after scrolling; fonts loaded.
		await visitWholePage(page);
		await page.evaluate(() => document.fonts.ready.then(() => undefined));
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		const file = join(OUT, shot.file);
		await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: shot.width, height: Math.min(height, shot.maxHeight ?? height) } });
		console.log(`wrote ${file} (/${shot.path}, ${shot.width} px, ${shot.scheme})`);
		await context.close();
	}
	// The social image is a file of the site (what a link preview shows), copied as it is.
	copyFileSync(join(DIST, 'models', MODEL, version, 'og.png'), join(OUT, 'og-image.png'));
	console.log(`wrote ${join(OUT, 'og-image.png')} (/models/${MODEL}/${version}/og.png)`);
} finally {
	await browser.close();
	await site.close();
}
if (problems.length) fail(problems.join('\n'), 1);
