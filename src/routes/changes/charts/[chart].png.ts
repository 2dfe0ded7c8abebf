import type { APIRoute, GetStaticPaths } from 'astro';
import sharp from 'sharp';
import { renderSvg } from '../../../charts/render-svg.ts';
import { loadSiteDiff } from '../../../components/changes/load-site-diff.ts';
import { diffChartSpec } from '../../../diff/diff-chart-spec.ts';
import { diffCharts, type DiffChart } from '../../../diff/diff-charts.ts';
import { readRunSeries } from '../../../lib/site-data.ts';
import type { RunSeries } from '../../../schemas/series.ts';

/**
 * `/changes/charts/<n>-<subject>.png`: the pictures the merge-request comment shows (diff-charts.ts
 * names them from the diff of `MLPAGES_DIFF`, as the comment does), drawn from the histories in
 * this build's snapshot. No diff, no pictures.
 */
export const getStaticPaths = (() =>
	diffCharts(loadSiteDiff() ?? { metricDeltas: [] } as never).map((chart) => ({
		params: { chart: chart.name.replace(/\.png$/, '') },
		props: { chart },
	}))) satisfies GetStaticPaths;

const series = new Map<string, Promise<RunSeries | null>>();

export const GET: APIRoute<{ chart: DiffChart }> = async ({ props }) => {
	const runs = [...new Set(props.chart.deltas.flatMap((d) => [d.base.runId, d.head.runId]).filter((id) => id !== null))];
	for (const id of runs) if (!series.has(id)) series.set(id, readRunSeries(id));
	const loaded = new Map(await Promise.all(runs.map(async (id) => [id, await series.get(id)!] as const)));
	const spec = diffChartSpec(props.chart, (runId, metric) => loaded.get(runId)?.metrics[metric]);
	// 144 dpi: twice the pixels, sharp on the high-density screens most reviewers read on.
	const png = await sharp(Buffer.from(await renderSvg(spec)), { density: 144 }).png({ compressionLevel: 9 }).toBuffer();
	return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
