import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodedViews, type TextView } from './decoded-views.ts';
import type { ScanMemo } from './scan-memo.ts';
import { secretMatcher } from './secret-rules.ts';
import { splitFooter } from '../lib/page-footer.ts';

/** One secret found in a built site: where, and which rule matched; never the secret itself. */
export interface SecretHit {
	/** File relative to the scanned folder, `/`-separated. */
	file: string;
	/** Id of the rule (src/security/secret-rules.ts), e.g. `gitlab-pat`, or `tracking-token`. */
	rule: string;
	/** 1-based line of the first match in the file (in the decoded text when `encoding` is set). */
	line: number;
	/** How the secret was written when not as text: in UTF-16, or inside a gzip file. */
	encoding?: NonNullable<TextView['encoding']>;
}

/** Environment variables whose values are looked for literally in the built site. */
export const SECRET_ENV = ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_PASSWORD', 'CI_JOB_TOKEN', 'GITLAB_TOKEN', 'GITHUB_TOKEN'] as const;

/** The site's scripts and style sheets: built from code, where `password:t` is a variable, not a secret. */
const CODE_FILE = /\.(?:m?js|css|wasm|map)$/i;

/** Files larger than this are not read (built pages and data are far smaller). */
const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

/**
 * Searches every regular file under `dir` for the tracking credentials in use (the literal values
 * of SECRET_ENV variables of at least 8 characters) and for the secret rules that redaction at
 * export uses (SECRET_RULES), with JSON and HTML escapes decoded, in UTF-16 and inside gzip files
 * (see decodedViews). In scripts and style sheets only the rules that know a secret by its shape
 * run (see SecretRule.dataOnly). Symbolic links are not followed. Binary files are scanned too:
 * a PNG's text chunk can hold a token.
 * @param memo what earlier scans found clean (scan-memo.ts): the rules do not run again on bytes
 *   they cleared, the credentials are looked for everywhere; saved at the end
 * @returns one hit per file and rule (the first way it was found), sorted by file
 */
export function scanForSecrets(dir: string, env: Record<string, string | undefined> = {}, memo?: ScanMemo): SecretHit[] {
	const scan = secretScan(dir, env, memo);
	for (const path of regularFiles(dir)) scan.file(path);
	return scan.finish();
}

/** A scan of `dir` (scanForSecrets) fed file by file, for a caller that scans while it writes others. */
export interface SecretScan {
	/** Scans one file under the folder; a file that is gone by then is skipped. */
	file(path: string): void;
	/** Saves the memo, and returns the hits as scanForSecrets does. */
	finish(): SecretHit[];
}

/** The scan scanForSecrets makes, file by file: the same hits when fed the same files. */
export function secretScan(dir: string, env: Record<string, string | undefined> = {}, memo?: ScanMemo): SecretScan {
	const literals = SECRET_ENV.flatMap((name) => {
		const value = env[name];
		return value && value.length >= 8 ? [{ rule: name === 'MLFLOW_TRACKING_PASSWORD' ? 'tracking-password' : name === 'MLFLOW_TRACKING_TOKEN' ? 'tracking-token' : `env-${name}`, value }] : [];
	});
	const hits: SecretHit[] = [];
	const scanFile = (path: string) => {
		const info = lstatSync(path, { throwIfNoEntry: false });
		if (!info?.isFile() || info.size > MAX_SCANNED_BYTES) return;
		const file = relative(dir, path).split('\\').join('/');
		const found = new Set<string>();
		const code = CODE_FILE.test(file);
		let bytes: Buffer;
		try {
			bytes = readFileSync(path);
		} catch (error) {
			// Removed since it was listed (an older search index the build replaces): not part of the site.
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}
		// A page is remembered without its footer, which changes with every export and commit
		// (page-footer.ts): a page whose rest an earlier scan cleared has the rules run on its
		// footer alone.
		const split = memo && /\.html$/i.test(file) ? splitFooter(bytes) : null;
		const key = memo?.key(split ? split.rest : bytes, code) ?? null;
		const cleared = key !== null && memo!.clean(key);
		let ruleHit = false;
		if (cleared && literals.length === 0 && !split) {
			memo!.keep(key);
			return;
		}
		const add = (rule: string, line: number, encoding: TextView['encoding']) => {
			if (found.has(rule)) return;
			found.add(rule);
			hits.push({ file, rule, line, ...(encoding ? { encoding } : {}) });
		};
		// The whole file for the credentials in use, and for the rules unless it was cleared.
		for (const view of cleared && literals.length === 0 ? [] : decodedViews(bytes)) {
			for (const { rule, value } of literals) {
				const at = view.text.indexOf(value);
				if (at >= 0) add(rule, lineOf(view.text, at), view.encoding);
			}
			if (cleared) continue;
			for (const { rule, index } of secretMatcher.find(view.text, { code })) {
				ruleHit = true;
				add(rule, lineOf(view.text, index), view.encoding);
			}
		}
		if (cleared && split) {
			for (const view of decodedViews(split.footer)) {
				for (const { rule, index } of secretMatcher.find(view.text, { code })) {
					ruleHit = true;
					add(rule, split.line + lineOf(view.text, index) - 1, view.encoding);
				}
			}
		}
		if (key !== null && !ruleHit) memo!.keep(key);
	};
	return {
		file: scanFile,
		finish: () => {
			memo?.save();
			return hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
		},
	};
}

function lineOf(text: string, index: number): number {
	let line = 1;
	for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
	return line;
}

/** Every regular file under `dir`, in the order of their names (symbolic links are not followed). */
export function regularFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.sort((a, b) => (a.name < b.name ? -1 : 1))
		.flatMap((e) => (e.isDirectory() ? regularFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** The lines printed for a scan's hits: file, line, rule and encoding, never the matched text. */
export function describeHits(hits: readonly SecretHit[]): string[] {
	return hits.map((h) => `  ${h.file}:${h.line}: ${h.rule}${h.encoding ? ` (${h.encoding})` : ''}`);
}
