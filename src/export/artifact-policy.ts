/** Largest artifact copied into the snapshot for the site. */
export const MAX_COPIED_ARTIFACT_BYTES = 1024 * 1024;

/** Extensions of artifacts the site shows: raster images and small text. Never HTML or SVG. */
const COPIED_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'json', 'txt', 'yaml', 'yml']);
/** File names copied whatever their extension. */
const COPIED_NAMES = new Set(['MLmodel']);

/**
 * The artifact path if it is safe to use under `content/artifacts/<run>/`: relative, `/`-separated,
 * with no empty, `.` or `..` segment, no backslash, no drive letter and no control character;
 * otherwise null.
 */
export function safeArtifactPath(path: string): string | null {
	if (path === '' || path.startsWith('/') || /^[a-z]:/i.test(path) || path.includes('\\')) return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(path)) return null;
	const segments = path.split('/');
	if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
	return path;
}

/** True when an artifact is copied for the site: ≤ 1 MB, an image, JSON, text, YAML or `MLmodel`. */
export function isCopiedArtifact(path: string, size: number): boolean {
	if (size > MAX_COPIED_ARTIFACT_BYTES) return false;
	const name = path.slice(path.lastIndexOf('/') + 1);
	if (COPIED_NAMES.has(name)) return true;
	const dot = name.lastIndexOf('.');
	return dot > 0 && COPIED_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** True when an id (run, experiment, logged model) can be a file name of the snapshot as it is. */
export function isSafeFileId(id: string): boolean {
	return /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(id) && id.length <= 200;
}
