/**
 * Whether a data-derived value (a model alias, a model version) may become a route parameter,
 * i.e. one folder name in dist/: ASCII letters, digits, `_`, `-` and `.` (not first), at most
 * 255 characters. MLflow itself only allows `[A-Za-z0-9_-]` in aliases, but a hand-made store
 * can hold anything (`../../evil`, `a/b`, `?`, `#`, NUL), and such a value must be left out of
 * routes (shown as text only) instead of failing the build or escaping its folder.
 */
export function isSafeSegment(value: string): boolean {
	return /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}$/.test(value);
}
