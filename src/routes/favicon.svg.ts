import type { APIRoute } from 'astro';
import favicon from '../assets/favicon.svg?raw';

/** The site icon, served by the integration so that a project needs no `public/` file for it. */
export const GET: APIRoute = () => new Response(favicon, { headers: { 'Content-Type': 'image/svg+xml' } });
