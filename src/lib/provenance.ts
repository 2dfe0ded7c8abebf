import { sourceLabel } from '../export/source-label.ts';
import { stripCredentials } from '../export/strip-credentials.ts';
import type { Manifest } from '../schemas/manifest.ts';

/** Where a built site's data and code came from, shown in the footer of every page. */
export interface Provenance {
	/**
	 * The exported source: its label (`sqlite · mlflow.db`, `rest · mlflow.example.com`), and its
	 * full URI, credentials removed, only when the export was configured to publish it
	 * (`publishSourceUri`); null without a manifest.
	 */
	source: { kind: Manifest['source']['kind']; label: string; uri: string | null } | null;
	/** Newest timestamp in the data, epoch milliseconds; null when unknown. */
	dataThrough: number | null;
	/** The commit the site was built from, when CI says so. */
	commit: { sha: string; short: string; url: string | null } | null;
}

const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * The commit of a CI build: GitLab's `CI_COMMIT_SHA` (and `CI_COMMIT_SHORT_SHA`), linked to
 * `<CI_PROJECT_URL>/-/commit/<sha>`, or GitHub's `GITHUB_SHA`, linked to
 * `<GITHUB_SERVER_URL>/<GITHUB_REPOSITORY>/commit/<sha>`. Null outside CI or for a value that is
 * not a hex hash (it ends up in an href).
 */
export function ciCommit(env: Readonly<Record<string, string | undefined>>): Provenance['commit'] {
	const gitlab = env['CI_COMMIT_SHA'] || env['CI_COMMIT_SHORT_SHA'];
	const sha = gitlab || env['GITHUB_SHA'];
	if (!sha || !SHA.test(sha)) return null;
	const short = gitlab && env['CI_COMMIT_SHORT_SHA'] && SHA.test(env['CI_COMMIT_SHORT_SHA']) ? env['CI_COMMIT_SHORT_SHA'] : sha.slice(0, 8);
	const https = (url: string | undefined) => (url && /^https?:\/\/[^\s"<>]+$/.test(url) ? url.replace(/\/+$/, '') : null);
	const project = gitlab ? https(env['CI_PROJECT_URL']) : null;
	const server = !gitlab ? https(env['GITHUB_SERVER_URL']) : null;
	const repo = env['GITHUB_REPOSITORY'];
	const url = project
		? `${project}/-/commit/${sha}`
		: server && repo && /^[\w.-]+\/[\w.-]+$/.test(repo)
			? `${server}/${repo}/commit/${sha}`
			: null;
	return { sha, short, url };
}

/** The provenance of a build from its snapshot's manifest and the build environment. */
export function provenance(manifest: Manifest | null, env: Readonly<Record<string, string | undefined>>): Provenance {
	return {
		source: manifest ? publishedSource(manifest.source) : null,
		dataThrough: manifest?.dataThrough ?? null,
		commit: ciCommit(env),
	};
}

/**
 * The source as the footer shows it. A manifest written by an older version holds the URI and no
 * label: the label is made from it, and the URI is not shown (it was never opted into).
 */
function publishedSource(source: Manifest['source']): NonNullable<Provenance['source']> {
	const label = source.label ?? sourceLabel(source.kind, source.uri ?? '');
	// The exporter already removed credentials; removing them again costs nothing.
	const uri = source.label !== undefined && source.uri !== undefined ? stripCredentials(source.uri) : null;
	return { kind: source.kind, label, uri };
}

/** The source as the footer names it: the full URI when published, else the label. */
export const sourceText = (source: NonNullable<Provenance['source']>) => (source.uri === null ? source.label : `${source.kind} ${source.uri}`);

/** The footer line as plain text, e.g. `Data from sqlite · mlflow.db through 2026-03-03 08:33:05 UTC.` */
export function provenanceText(p: Provenance, formatTime: (ms: number) => string): string {
	const parts: string[] = [];
	if (p.source) parts.push(`Data from ${sourceText(p.source)}${p.dataThrough === null ? '' : ` through ${formatTime(p.dataThrough)}`}.`);
	if (p.commit) parts.push(`Built from commit ${p.commit.short}.`);
	return parts.join(' ');
}
