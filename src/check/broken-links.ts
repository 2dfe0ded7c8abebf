import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeUriOrNull } from '../lib/decode-uri.ts';
import { runIdFromPath } from '../lib/run-data-shard.ts';
import { hasShellRedirect } from '../integration/run-shell-redirects.ts';
import { runShardIds } from '../integration/run-shards.ts';

/** Every `.html` file under `dir`. */
export function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
	);
}

/**
 * The internal links of a built site that lead nowhere: every `href`, `src` and `srcset` URL of
 * every page that is not external (`http(s):` elsewhere, `mailto:`, `#…`), resolved against the
 * page's own URL (so relative links count) and then under `base` (`/x/` to `x/index.html`) in `out`. A URL outside `base` is broken too.
 * A run page `runs/<id>/` of a site whose run pages are a shell is found when `_redirects` has the
 * shell's rule and a data shard holds the run (run-shell-redirects.ts, run-shards.ts). `site`, when given, is
 * the absolute origin that counts as internal (canonical links).
 * @returns `page → url` lines, and how many URLs were checked
 */
export function brokenLinks(out: string, base: string, site?: string): { broken: string[]; checked: number } {
	const broken: string[] = [];
	let checked = 0;
	// With run pages as a shell, `runs/<id>/` is the shell page when the host rewrites it there
	// (the `_redirects` rule) and the data shards hold the run.
	const shellRuns = hasShellRedirect(out, base) ? runShardIds(out) : null;
	for (const file of htmlFiles(out)) {
		const html = readFileSync(file, 'utf8');
		// The URL this page is served at, against which relative links resolve.
		const pageUrl = `http://site${base}${relative(out, file).split(sep).join('/').replace(/(^|\/)index\.html$/, '$1')}`;
		const urls = [...html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)].flatMap(([, attr, value]) =>
			attr === 'srcset' ? value!.split(',').map((c) => c.trim().split(/\s+/)[0]!).filter(Boolean) : [value!],
		);
		for (const raw of urls) {
			let url = raw.replaceAll('&amp;', '&');
			if (site && url.startsWith(site)) url = url.slice(site.length);
			if (/^(https?:|mailto:)/.test(url) || url.startsWith('#')) continue;
			checked++;
			// A malformed `%` escape (from a report's own link) cannot name a file: it is broken.
			const path = decodeUriOrNull(new URL(url, pageUrl).pathname) ?? '';
			const target = path.startsWith(base) ? join(out, path.slice(base.length)) : null;
			const resolved = target && (path.endsWith('/') ? join(target, 'index.html') : target);
			if (resolved && existsSync(resolved)) continue;
			const runId = shellRuns && runIdFromPath(new URL(url, pageUrl).pathname, base);
			if (runId && shellRuns.has(runId) && path.endsWith('/')) continue;
			broken.push(`${relative(out, file)} → ${raw}`);
		}
	}
	return { broken, checked };
}
