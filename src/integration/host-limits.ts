import type { MlpagesConfig } from '../schemas/config.ts';

/** What a static host accepts in one site; a missing limit is not checked. */
export interface HostLimits {
	/** How the host is named in messages. @example "GitLab.com Pages" */
	name: string;
	/** Largest site, bytes (sum of the files' sizes). */
	maxBytes?: number;
	/** Most files in one site. */
	maxFiles?: number;
	/** What the reader can do about the limit, when there is something. */
	note?: string;
	/** Why these limits apply: configured, or detected from which CI variable. */
	from: string;
}

const MiB = 1024 * 1024;

/**
 * The published limits of the hosts `host` can name (GitLab and GitHub count in MiB/GiB:
 * GitLab's "Maximum size of pages" setting is in MiB).
 * - GitLab.com Pages: 1 GB and 200,000 files per site, not configurable there.
 * - Self-managed GitLab: "Maximum size of pages" is 100 MB unless the administrator raised it.
 * - GitHub Pages: published sites may be no larger than 1 GB.
 */
const KNOWN = {
	'gitlab.com': { name: 'GitLab.com Pages', maxBytes: 1024 * MiB, maxFiles: 200_000 },
	gitlab: {
		name: 'GitLab Pages (self-managed)',
		maxBytes: 100 * MiB,
		note: 'This is the default of "Maximum size of pages"; an administrator can raise it (Admin area > Settings > Preferences > Pages), and then `host: { maxBytes }` in mlpages.config.mjs states the new limit.',
	},
	github: { name: 'GitHub Pages', maxBytes: 1024 * MiB },
} as const;

/**
 * The limits the build checks `dist/` against: the configured `host`, else the host of the CI
 * job the build runs in (`CI_SERVER_HOST` of GitLab CI, `GITHUB_ACTIONS`); null when there is
 * nothing to check (`none`, or no CI).
 */
export function hostLimits(host: MlpagesConfig['host'], env: Record<string, string | undefined> = process.env): HostLimits | null {
	if (host === 'none') return null;
	if (typeof host === 'string') return { ...KNOWN[host], from: `host: "${host}" in the configuration` };
	if (host) {
		const { maxBytes, maxFiles } = host;
		return { name: 'the configured host', ...(maxBytes ? { maxBytes } : {}), ...(maxFiles ? { maxFiles } : {}), from: 'host in the configuration' };
	}
	const gitlab = env['CI_SERVER_HOST'];
	if (gitlab === 'gitlab.com') return { ...KNOWN['gitlab.com'], from: 'CI_SERVER_HOST=gitlab.com' };
	if (gitlab) return { ...KNOWN.gitlab, from: `CI_SERVER_HOST=${gitlab}` };
	if (env['GITHUB_ACTIONS'] === 'true') return { ...KNOWN.github, from: 'GITHUB_ACTIONS=true' };
	return null;
}
