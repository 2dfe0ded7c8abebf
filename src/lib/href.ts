/**
 * Site-internal links. Every href of the site goes through here so that it respects Astro's
 * `base` (a site may live at `/group/project/mr-7/`), ends with `/` (`trailingSlash: 'always'`)
 * and percent-encodes data-derived segments.
 */

import { isSafeSegment } from './is-safe-segment.ts';

/** Astro's base URL, always with one trailing slash. */
export function baseUrl(base: string = import.meta.env.BASE_URL): string {
	return base.endsWith('/') ? base : `${base}/`;
}

/** Encodes one path segment; `@` stays literal so alias URLs read `/@champion/`. */
export function segment(value: string): string {
	return encodeURIComponent(value).replaceAll('%40', '@');
}

/**
 * Prefixes a site path with the base. `path` is relative to the site root, with or without a
 * leading slash; a path to a page should end with `/`.
 * @example href('runs/3f2a/') === '/group/project/mr-7/runs/3f2a/'
 */
export function href(path: string, base?: string): string {
	return baseUrl(base) + path.replace(/^\/+/, '');
}

export const experimentHref = (slug: string) => href(`experiments/${segment(slug)}/`);
export const runHref = (runId: string) => href(`runs/${segment(runId)}/`);
export const modelHref = (slug: string) => href(`models/${segment(slug)}/`);
export const modelVersionHref = (slug: string, version: string) =>
	href(`models/${segment(slug)}/${segment(version)}/`);
/**
 * Link of `/models/<slug>/@<alias>/`. An alias that cannot be a route segment gets no alias page
 * (see isSafeSegment), so its links lead to the model page, which lists every version.
 */
export const modelAliasHref = (slug: string, alias: string) =>
	isSafeSegment(alias) ? href(`models/${segment(slug)}/@${segment(alias)}/`) : href(`models/${segment(slug)}/`);
