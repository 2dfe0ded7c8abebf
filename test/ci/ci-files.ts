import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type GitlabJob = {
	script?: unknown[];
	before_script?: unknown[];
	rules?: Array<{ if?: string; when?: string }>;
	pages?: boolean | { path_prefix?: string; publish?: string; expire_in?: string };
	environment?: { name?: string; url?: string; auto_stop_in?: string };
	needs?: string[];
	variables?: Record<string, string>;
	artifacts?: { paths?: string[] };
};

/** `.gitlab-ci.yml`, parsed (YAML anchors resolved). */
export function gitlabCi(): Record<string, unknown> & { default: GitlabJob; variables: Record<string, string>; workflow: { rules: GitlabJob['rules'] } } {
	return parse(readFileSync(`${ROOT}.gitlab-ci.yml`, 'utf8'));
}

export type GithubStep = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
export type GithubJob = { if?: string; needs?: string | string[]; steps: GithubStep[]; permissions?: Record<string, string>; environment?: { name: string } };

/** `.github/workflows/pages.yml`, parsed. */
export function githubWorkflow(): { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, GithubJob> } {
	return parse(readFileSync(`${ROOT}.github/workflows/pages.yml`, 'utf8'));
}

/** The GitLab jobs: top-level keys that are not hidden (`.x`) or global keywords. */
export function gitlabJobs(ci: ReturnType<typeof gitlabCi>): Record<string, GitlabJob> {
	const keywords = new Set(['workflow', 'stages', 'variables', 'default', 'include', 'image', 'services', 'cache', 'before_script', 'after_script']);
	return Object.fromEntries(Object.entries(ci).filter(([key]) => !key.startsWith('.') && !keywords.has(key))) as Record<string, GitlabJob>;
}

/** Shell lines a GitLab job runs: its (or the default) before_script, then its script; nested lists flattened. */
export function gitlabLines(ci: ReturnType<typeof gitlabCi>, job: GitlabJob): string[] {
	const before = job.before_script ?? ci.default.before_script ?? [];
	return [...before, ...(job.script ?? [])].flat(10).map(String);
}

/** `npm ci`, `npm test`, `npm run <script>` in shell text, in order. */
export function npmCommands(text: string): string[] {
	return [...text.matchAll(/\bnpm (ci|test|run [\w:-]+)/g)].map((m) => `npm ${m[1]}`);
}

/**
 * Evaluates the `if:` expressions the templates use: `$A == "x"`, `$A == $B`, `$A != ...`, joined
 * by `&&`. An unset variable is null, as in GitLab.
 */
export function gitlabIf(expression: string, vars: Record<string, string>): boolean {
	return expression.split('&&').every((part) => {
		const m = /^\s*(\$\w+)\s*(==|!=)\s*("[^"]*"|'[^']*'|\$\w+)\s*$/.exec(part);
		if (!m) throw new Error(`Unsupported rule expression: ${part}`);
		const value = (token: string) => (token.startsWith('$') ? (vars[token.slice(1)] ?? null) : token.slice(1, -1));
		return (value(m[1]!) === value(m[3]!)) === (m[2] === '==');
	});
}

/** Whether rules let a job (or the pipeline) run: the first matching rule decides; no rules means always. */
export function gitlabRuns(rules: GitlabJob['rules'], vars: Record<string, string>): boolean {
	if (!rules) return true;
	const rule = rules.find((r) => r.if === undefined || gitlabIf(r.if, vars));
	return rule !== undefined && rule.when !== 'never';
}
