import type { APIRoute, GetStaticPaths } from 'astro';
import { cardRoutes, type CardRoute } from '../../../../model-cards/card-static-paths.ts';
import { modelCardJson } from '../../../../model-cards/model-card-json.ts';

/** `/models/<slug>/<version>/model-card.json`: the card object (ModelCardSchema). */
export const getStaticPaths = (() => cardRoutes()) satisfies GetStaticPaths;

export const GET: APIRoute<CardRoute['props']> = ({ props }) =>
	new Response(modelCardJson(props.card), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
