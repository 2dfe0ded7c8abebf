/** Where the site is served: Astro's `site` (origin) and `base` (path, with a trailing slash). */
export interface SiteLocation {
	/** The origin to set, e.g. `https://group.gitlab.io`, or undefined to keep the project's. */
	site: string | undefined;
	/** The base path to set, e.g. `/project/mr-7/`, or undefined to keep the project's. */
	base: string | undefined;
	/** What was derived and from which variable, for the build log. */
	notes: string[];
}

/**
 * The site's origin and base path from the environment, so one configuration serves the
 * published site, merge-request previews and local builds:
 * - `SITE` and `BASE_PATH` win when set;
 * - else a `site` or non-root `base` in the project's Astro config is kept;
 * - else, in a GitLab CI job, they come from `CI_PAGES_URL`: `https://group.gitlab.io/project`
 *   gives `https://group.gitlab.io` and `/project/`. A preview job sets `PAGES_PREFIX`
 *   (`mr-<iid>`, its `pages.path_prefix`); GitLab versions that leave the prefix out of
 *   `CI_PAGES_URL` get it appended.
 */
export function siteLocation(
	env: Record<string, string | undefined>,
	project: { site?: string | undefined; base: string },
): SiteLocation {
	const notes: string[] = [];
	let site = env['SITE'] || undefined;
	let base = env['BASE_PATH'] ? withSlashes(env['BASE_PATH']) : undefined;
	const pages = env['CI_PAGES_URL'];
	if (pages && /^https?:\/\//.test(pages)) {
		const url = new URL(pages);
		if (!site && !project.site) site = url.origin;
		if (!base && project.base === '/') {
			base = withSlashes(url.pathname);
			const prefix = env['PAGES_PREFIX'];
			if (prefix && !base.endsWith(`/${prefix}/`)) base = `${base}${prefix}/`;
		}
		notes.push(`Publishing at ${site ?? project.site ?? url.origin}${base ?? project.base} (from CI_PAGES_URL).`);
	}
	return { site, base, notes };
}

function withSlashes(path: string): string {
	const trimmed = path.replace(/^\/+|\/+$/g, '');
	return trimmed ? `/${trimmed}/` : '/';
}
