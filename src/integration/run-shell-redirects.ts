import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_SHELL_PATH } from '../lib/run-data-shard.ts';
import { redirectsConflict, redirectsNearLimit } from '../messages.ts';

/** Most rules GitLab Pages reads from `_redirects`; the rest are ignored. */
export const GITLAB_REDIRECT_RULES = 1000;

/** The rule that serves the run shell at every run URL: `<base>runs/* <base>runs/_/ 200`. */
export function shellRedirectRule(base: string): string {
	return `${base}runs/* ${base}${RUN_SHELL_PATH} 200`;
}

/** The rules of a `_redirects` text: its lines that are not blank or `#` comments, trimmed. */
export function redirectRules(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'));
}

/** Whether the site in `outDir` has the shell's rule in its `_redirects`. */
export function hasShellRedirect(outDir: string, base: string): boolean {
	const file = join(outDir, '_redirects');
	return existsSync(file) && redirectRules(readFileSync(file, 'utf8')).some((rule) => rule.split(/\s+/).join(' ') === shellRedirectRule(base));
}

/**
 * Adds the shell's rule to `<outDir>/_redirects`, after the rules a project put there (its
 * `public/_redirects`, which Astro copied), which are kept: hosts apply the first rule that
 * matches, so a project's own rules for paths under `runs/` would win, and they get a warning.
 * The same input gives the same bytes, so every shard of a sharded build writes the same file.
 * @returns warnings: rules that shadow the shell's, and a file past GitLab's 1,000 rules
 */
export function writeShellRedirects(outDir: string, base: string): string[] {
	const file = join(outDir, '_redirects');
	const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const rule = shellRedirectRule(base);
	const rules = redirectRules(existing);
	const warnings: string[] = [];
	if (!rules.some((r) => r.split(/\s+/).join(' ') === rule)) {
		const runs = `${base}runs/`;
		for (const r of rules) {
			const from = r.split(/\s+/)[0] ?? '';
			if (from.startsWith(runs) || runs.startsWith(from.replace(/\*$/, ''))) warnings.push(redirectsConflict(r, rule));
		}
		writeFileSync(file, `${existing}${existing === '' || existing.endsWith('\n') ? '' : '\n'}${rule}\n`);
		rules.push(rule);
	}
	if (rules.length > GITLAB_REDIRECT_RULES) warnings.push(redirectsNearLimit(rules.length, GITLAB_REDIRECT_RULES));
	return warnings;
}
