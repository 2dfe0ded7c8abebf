import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { cardImagePath, optimiseCardImageFile } from '../../../../../model-cards/card-images.ts';
import { cardRoutes } from '../../../../../model-cards/card-static-paths.ts';

/**
 * `/models/<slug>/<version>/images/<artifact path>.webp`: the source run's image artifacts
 * (confusion matrix, ROC curve), re-encoded with sharp for the card. An image sharp cannot read
 * gets no route (the card links the artifact instead).
 */
export const getStaticPaths = (async () => {
	const routes = await cardRoutes();
	const all = routes.flatMap(({ params, props }) =>
		props.card.images.map((image) => ({
			params: { ...params, image: cardImagePath(image.path).slice('images/'.length, -'.webp'.length) },
			props: { file: join(mlpages.contentDir, 'artifacts', image.runId, ...image.path.split('/')), path: image.path },
		})),
	);
	const readable = await Promise.all(all.map(async (r) => (await optimiseCardImageFile(r.props.file, r.props.path)) !== null));
	return all.filter((_, i) => readable[i]);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string; path: string }> = async ({ props }) => {
	const image = await optimiseCardImageFile(props.file, props.path);
	if (!image) throw new Error(`unreadable card image ${props.path} has no route`);
	return new Response(new Uint8Array(image.data), { headers: { 'Content-Type': 'image/webp' } });
};
