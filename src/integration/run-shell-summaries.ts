import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segment } from '../lib/href.ts';
import { escapeHtml } from '../lib/markdown.ts';
import { RUN_SHELL_PATH } from '../lib/run-data-shard.ts';
import { readRunShards } from './run-shards.ts';

/**
 * What search indexes of each run of a site whose run pages are a shell: the document
 * searchSummary cuts from a static run page (its `<title>`, and the `data-pagefind-body` region:
 * the name, the status badge and facts that search leaves out, the description), with the path
 * of the page the run would have, `runs/<id>/index.html`, so its result links `/runs/<id>/`.
 * The site's title is read from the shell page's `<title>` (`Run · <site title>`).
 */
export function* runShellSummaries(outDir: string): Generator<[sourcePath: string, html: string]> {
	const shell = join(outDir, RUN_SHELL_PATH, 'index.html');
	if (!existsSync(shell)) return;
	const html = readFileSync(shell, 'utf8');
	const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1];
	// Already escaped in the page.
	const siteTitle = /<title>Run · ([^<]*)<\/title>/.exec(html)?.[1] ?? '';
	for (const [id, run] of readRunShards(outDir)) {
		const name = escapeHtml(run.name);
		const body = `<div data-pagefind-body><h1><bdi>${name}</bdi></h1>${run.description ? `<div class="markdown">${run.description}</div>` : ''}</div>`;
		yield [`runs/${segment(id)}/index.html`, `<!DOCTYPE html><html${lang ? ` lang="${lang}"` : ''}><head><title>${name} · ${siteTitle}</title></head><body>${body}</body></html>`];
	}
}
