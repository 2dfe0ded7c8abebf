import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMissing, UsageError, exportError } from '../errors.ts';
import { stripCredentials } from './strip-credentials.ts';
import { decodeUriOrNull } from '../lib/decode-uri.ts';

/** A source named on the command line or in MLFLOW_TRACKING_URI, decided before opening it. */
export type ResolvedSource =
	| { kind: 'sqlite'; path: string; displayUri: string }
	| { kind: 'file'; path: string; displayUri: string }
	| { kind: 'rest'; uri: string; displayUri: string };

/**
 * Decides which reader a source needs: `http(s)://` → REST (MLflow server or GitLab);
 * `sqlite:///rel.db` / `sqlite:////abs.db` → SQLite; `file:` URIs and plain paths → the file store
 * for a folder, SQLite for a file. Paths are shown relative to `cwd` (no absolute path reaches the
 * snapshot).
 * @throws ExportError UsageError (an empty or unsupported URI, such as `postgresql://`),
 * SourceMissing (nothing at the path)
 */
export function resolveSource(input: string, cwd: string): ResolvedSource {
	const source = input.trim();
	if (source === '') throw exportError(UsageError, 'The MLflow source is empty.');
	if (/^https?:\/\//i.test(source)) return { kind: 'rest', uri: source, displayUri: stripCredentials(source) };
	if (/^sqlite:/i.test(source)) {
		const m = /^sqlite:\/\/\/([^?]+)/i.exec(source);
		if (!m) throw exportError(UsageError, `${stripCredentials(source)} names no database file; use sqlite:///path/to/mlflow.db.`);
		const path = decodeUriOrNull(m[1]!);
		if (path === null) throw exportError(UsageError, `${stripCredentials(source)} holds a malformed % escape; write the path as it is, or escape % as %25.`);
		return located('sqlite', path, cwd);
	}
	if (/^file:/i.test(source)) {
		let path: string;
		try {
			path = source.startsWith('file://') ? fileURLToPath(source) : decodeURIComponent(source.slice(5));
		} catch {
			throw exportError(UsageError, `${source} is not a valid file: URI.`);
		}
		return located(null, path, cwd);
	}
	if (/^[a-z][a-z0-9+.-]+:\/\//i.test(source) || /^databricks(?:-uc)?(?::|$)/i.test(source)) {
		throw exportError(
			UsageError,
			`${stripCredentials(source)} is not a source mlpages can read: it reads mlruns/ folders, SQLite files and http(s):// tracking servers.`,
		);
	}
	return located(null, source, cwd);
}

function located(kind: 'sqlite' | null, path: string, cwd: string): ResolvedSource {
	const full = isAbsolute(path) ? path : resolve(cwd, path);
	const displayUri = displayPath(full, cwd);
	let isDir: boolean;
	try {
		isDir = statSync(full).isDirectory();
	} catch {
		throw exportError(SourceMissing, displayUri);
	}
	return { kind: kind ?? (isDir ? 'file' : 'sqlite'), path: full, displayUri };
}

/** A path relative to `cwd`, `/`-separated; `.` for `cwd` itself. */
export function displayPath(path: string, cwd: string): string {
	const rel = relative(cwd, path) || '.';
	return rel.split(sep).join('/');
}
