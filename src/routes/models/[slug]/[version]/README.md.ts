import type { APIRoute, GetStaticPaths } from 'astro';
import { cardRoutes, type CardRoute } from '../../../../model-cards/card-static-paths.ts';
import { hfReadme } from '../../../../model-cards/hf-readme.ts';

/** `/models/<slug>/<version>/README.md`: the card as a Hugging Face model card. */
export const getStaticPaths = (() => cardRoutes()) satisfies GetStaticPaths;

export const GET: APIRoute<CardRoute['props']> = ({ props }) =>
	new Response(hfReadme(props.card), { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
