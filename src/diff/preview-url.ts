import { siteLocation } from '../integration/site-location.ts';

/**
 * The root URL of the site a merge request's summary links into, without a trailing slash:
 * `MLPAGES_PREVIEW_URL` when set; else, in a GitLab preview job (one that sets `PAGES_PREFIX`, its
 * `pages.path_prefix`), the Pages URL with that prefix (site-location.ts); else undefined, and the
 * summary has no links.
 */
export function previewUrl(env: Record<string, string | undefined>): string | undefined {
	const explicit = env['MLPAGES_PREVIEW_URL'];
	if (explicit) return explicit.replace(/\/+$/, '');
	if (!env['PAGES_PREFIX'] || !env['CI_PAGES_URL']) return undefined;
	const { site, base } = siteLocation(env, { base: '/' });
	return site && base ? `${site}${base}`.replace(/\/+$/, '') : undefined;
}
