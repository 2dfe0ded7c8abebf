import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One secret found in a built site: where, and which rule matched; never the secret itself. */
export interface SecretHit {
	/** File relative to the scanned folder, `/`-separated. */
	file: string;
	/** Name of the rule, e.g. `gitlab-token` or `tracking-token`. */
	rule: string;
	/** 1-based line of the first match in the file. */
	line: number;
}

/**
 * Secret patterns (security reference §4.2 and §2.4 T1): token prefixes of GitLab, GitHub,
 * Slack, AWS and OpenAI, private keys, JWTs, and credentials inside URLs (userinfo, or a
 * password/token query parameter). Each needs enough characters after the prefix that prose
 * ("glpat-" in documentation) does not match.
 */
export const SECRET_RULES: ReadonlyArray<{ rule: string; pattern: RegExp }> = [
	{ rule: 'gitlab-token', pattern: /\bgl(?:pat|ptt|cbt|dt|rt|oas|ft|imt|agent|soat)-[\w-]{20,}/ },
	{ rule: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{40,})/ },
	{ rule: 'slack-token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{20,}/ },
	{ rule: 'aws-access-key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
	{ rule: 'openai-key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/ },
	{ rule: 'private-key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
	{ rule: 'jwt', pattern: /\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/ },
	{ rule: 'url-credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@"'<>:]+:[^\s/?#@"'<>]+@[^\s/?#"'<>]/i },
	{ rule: 'url-secret-parameter', pattern: /[?&](?:password|passwd|pwd|token|private_token|access_token|api_key|apikey|secret|client_secret)=[^&\s"'<>#]{6,}/i },
	{ rule: 'authorization-header', pattern: /\b(?:Bearer|Basic)\s+[A-Za-z0-9+/_.~-]{20,}={0,2}/ },
];

/** Environment variables whose values are looked for literally in the built site. */
export const SECRET_ENV = ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_PASSWORD', 'CI_JOB_TOKEN', 'GITLAB_TOKEN', 'GITHUB_TOKEN'] as const;

/** Files larger than this are not read (built pages and data are far smaller). */
const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

/**
 * Searches every regular file under `dir` for the tracking credentials in use (the literal values
 * of SECRET_ENV variables of at least 8 characters) and for SECRET_RULES. Symbolic links are not
 * followed. Binary files are scanned too: a PNG's text chunk can hold a token.
 * @returns one hit per file and rule, sorted by file
 */
export function scanForSecrets(dir: string, env: Record<string, string | undefined> = {}): SecretHit[] {
	const literals = SECRET_ENV.flatMap((name) => {
		const value = env[name];
		return value && value.length >= 8 ? [{ rule: name === 'MLFLOW_TRACKING_PASSWORD' ? 'tracking-password' : name === 'MLFLOW_TRACKING_TOKEN' ? 'tracking-token' : `env-${name}`, value }] : [];
	});
	const hits: SecretHit[] = [];
	for (const path of regularFiles(dir)) {
		if (lstatSync(path).size > MAX_SCANNED_BYTES) continue;
		const text = readFileSync(path).toString('latin1');
		const file = relative(dir, path).split('\\').join('/');
		const lineOf = (index: number) => text.slice(0, index).split('\n').length;
		for (const { rule, value } of literals) {
			const at = text.indexOf(value);
			if (at >= 0) hits.push({ file, rule, line: lineOf(at) });
		}
		for (const { rule, pattern } of SECRET_RULES) {
			const match = pattern.exec(text);
			if (match) hits.push({ file, rule, line: lineOf(match.index) });
		}
	}
	return hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function regularFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.sort((a, b) => (a.name < b.name ? -1 : 1))
		.flatMap((e) => (e.isDirectory() ? regularFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** The lines printed for a scan's hits: file, line and rule, never the matched text. */
export function describeHits(hits: readonly SecretHit[]): string[] {
	return hits.map((h) => `  ${h.file}:${h.line}: ${h.rule}`);
}
