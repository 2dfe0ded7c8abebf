/**
 * `decodeURIComponent` that never throws: a malformed `%` escape (`%E0%A4%A`, `%zz`), which
 * anyone can write into a git remote URL or a model-version source, gives null instead of a
 * URIError that would stop the build.
 */
export function decodeUriOrNull(text: string): string | null {
	try {
		return decodeURIComponent(text);
	} catch {
		return null;
	}
}
