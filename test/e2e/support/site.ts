import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built site the browser tests run against: `MLPAGES_E2E_DIST`, else the example site's. */
export const DIST = resolve(process.env['MLPAGES_E2E_DIST'] || fileURLToPath(new URL('../../../examples/site/dist', import.meta.url)));

const dirs = (path: string) =>
	existsSync(join(DIST, path)) ? readdirSync(join(DIST, path)).filter((d) => statSync(join(DIST, path, d)).isDirectory()).sort() : [];
const html = (path: string) => readFileSync(join(DIST, path, 'index.html'), 'utf8');
const count = (text: string, needle: string) => text.split(needle).length - 1;
const byMost = <T>(items: T[], score: (item: T) => number) => items.map((i) => [i, score(i)] as const).sort((a, b) => b[1] - a[1])[0]?.[0];

/** Pages of the built site chosen for the browser tests: the richest of each kind. */
export interface SiteMap {
	/** Experiment page path (`experiments/<slug>/`) with the most charts and runs. */
	experiment: string;
	/** Run page with the most build-time charts. */
	run: string;
	/** Run ids listed on the chosen experiment page, in page order. */
	experimentRunIds: string[];
	/** Three runs of that experiment with a metric history to chart, for the compare page. */
	compareRunIds: string[];
	modelList: string;
	/** A registered model page, its newest version (the model card) and one alias page. */
	model: string;
	modelVersion: string;
	alias: string;
	/** Where the alias page points, as written in its refresh/canonical link. */
	aliasTarget: string;
	changes: string;
	/** The reports index and one report page, when the site has them. */
	reports: string | null;
	report: string | null;
	/** Whether Pagefind's index was built. */
	search: boolean;
}

/** Reads the built site and picks the pages to test; throws when a kind of page is missing. */
export function siteMap(): SiteMap {
	if (!existsSync(join(DIST, 'index.html'))) throw new Error(`No built site in ${DIST}: run npm run build first (or npm run test:e2e).`);
	const experiments = dirs('experiments').map((slug) => `experiments/${slug}/`);
	const experiment = byMost(experiments, (p) => count(html(p), '<vega-chart') * 1e6 + count(html(p), '/runs/'));
	const runs = dirs('runs').map((id) => `runs/${id}/`);
	const run = byMost(runs, (p) => count(html(p), '<svg'));
	const models = dirs('models');
	const model = byMost(models, (slug) => dirs(`models/${slug}`).length);
	if (!experiment || !run || !model) throw new Error(`The built site in ${DIST} lacks an experiment, a run or a model page.`);
	const versions = dirs(`models/${model}`).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(a) - Number(b));
	const alias = dirs(`models/${model}`).find((d) => d.startsWith('@'));
	if (!versions.length || !alias) throw new Error(`Model ${model} in ${DIST} has no version page or no alias page.`);
	const aliasTarget = /<link rel="canonical" href="([^"]+)"/.exec(html(`models/${model}/${alias}`))?.[1] ?? '';
	const experimentRunIds = [...new Set([...html(experiment).matchAll(/href="[^"]*\/runs\/([0-9a-f]{32})\/"/g)].map((m) => m[1]!))];
	const charted = (id: string) => {
		const file = join(DIST, 'compare', 'series', `${id}.json`);
		if (!existsSync(file)) return false;
		const series = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, { value: number[] }> };
		return Object.values(series.metrics).some((m) => m.value.length >= 2);
	};
	const compareRunIds = experimentRunIds.filter(charted).slice(0, 3);
	if (compareRunIds.length < 3) throw new Error(`${experiment} in ${DIST} has fewer than 3 runs with a metric history to compare.`);
	const reports = dirs('reports');
	return {
		experiment,
		run,
		experimentRunIds,
		compareRunIds,
		modelList: 'models/',
		model: `models/${model}/`,
		modelVersion: `models/${model}/${versions.at(-1)}/`,
		alias: `models/${model}/${alias}/`,
		aliasTarget,
		changes: 'changes/',
		reports: existsSync(join(DIST, 'reports', 'index.html')) ? 'reports/' : null,
		report: reports.length ? `reports/${reports[0]}/` : null,
		search: existsSync(join(DIST, 'pagefind')),
	};
}
