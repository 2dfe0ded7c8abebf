import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { readRunSeries } from '../../../../lib/site-data.ts';
import { socialImageInput } from '../../../../model-cards/card-preview.ts';
import { cardRoutes, type CardRoute } from '../../../../model-cards/card-static-paths.ts';
import { socialImagePng } from '../../../../model-cards/social-image.ts';

/** `/models/<slug>/<version>/og.png`: the 1200×630 preview image of the card. */
export const getStaticPaths = (() => cardRoutes()) satisfies GetStaticPaths;

export const GET: APIRoute<CardRoute['props']> = async ({ props }) => {
	const run = props.card.lineage.run;
	const series = run ? await readRunSeries(run.id, mlpages.contentDir) : null;
	const png = await socialImagePng(socialImageInput(props.card, series));
	return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
