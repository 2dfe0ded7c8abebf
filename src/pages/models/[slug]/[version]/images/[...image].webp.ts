import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { cardImagePath, optimiseCardImage } from '../../../../../model-cards/card-images.ts';
import { cardRoutes } from '../../../../../model-cards/card-static-paths.ts';

/**
 * `/models/<slug>/<version>/images/<artifact path>.webp`: the source run's image artifacts
 * (confusion matrix, ROC curve), re-encoded with sharp for the card.
 */
export const getStaticPaths = (async () =>
	(await cardRoutes()).flatMap(({ params, props }) =>
		props.card.images.map((image) => ({
			params: { ...params, image: cardImagePath(image.path).slice('images/'.length, -'.webp'.length) },
			props: { runId: image.runId, path: image.path },
		})),
	)) satisfies GetStaticPaths;

export const GET: APIRoute<{ runId: string; path: string }> = async ({ props }) => {
	const bytes = await readFile(join(mlpages.contentDir, 'artifacts', props.runId, ...props.path.split('/')));
	const { data } = await optimiseCardImage(bytes);
	return new Response(new Uint8Array(data), { headers: { 'Content-Type': 'image/webp' } });
};
