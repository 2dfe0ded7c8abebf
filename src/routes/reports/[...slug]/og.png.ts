import type { APIRoute } from 'astro';
import type { ReportEntry } from '../../../components/report/report-list.ts';
import { reportPreview } from '../../../lib/page-previews.ts';
import { shardPaths } from '../../../lib/shard.ts';
import { snapshotCollection } from '../../../lib/site-data.ts';
import { socialImagePng } from '../../../model-cards/social-image.ts';

/** `/reports/<slug>/og.png`: the 1200×630 link-preview image of a report: title, byline, description. */
export async function getStaticPaths() {
	return shardPaths((await snapshotCollection('reports')).map((entry) => ({ params: { slug: entry.id }, props: { entry } })));
}

export const GET: APIRoute<{ entry: ReportEntry }> = async ({ props }) => {
	const png = await socialImagePng(reportPreview(props.entry.data).image);
	return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
