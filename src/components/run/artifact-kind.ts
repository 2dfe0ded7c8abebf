import { artifactFileName } from '../../lib/artifact-file-name.ts';

/** How the run page shows an artifact. */
export type ArtifactKind = 'image' | 'text' | 'download-only' | 'file';

/** Bytes of a text artifact shown in its preview. */
export const PREVIEW_BYTES = 4096;

const IMAGE = /\.(png|jpe?g|gif|webp|avif|tiff?)$/i;
const TEXT = /\.(txt|log|json|jsonl|ya?ml|csv|tsv|md|toml|ini|cfg|py|sh|env)$|(^|\/)(MLmodel|requirements\.txt|conda\.yaml|python_env\.yaml)$/i;
/** Active content a browser would run or render as a document: never served as a page. */
const ACTIVE = /\.(html?|xhtml|svgz?|xml|js|mjs|pdf)$/i;

/** The kind of an artifact by its path. */
export function artifactKind(path: string): ArtifactKind {
	if (ACTIVE.test(path)) return 'download-only';
	if (IMAGE.test(path)) return 'image';
	if (TEXT.test(path)) return 'text';
	return 'file';
}

/**
 * Whether an artifact path may become part of a site path: `/`-separated, no empty, `.` or `..`
 * segment, no backslash or control character.
 */
export function isSafeArtifactPath(path: string): boolean {
	// eslint-disable-next-line no-control-regex
	if (!path || /[\\\u0000-\u001f\u007f]/.test(path)) return false;
	return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** Site path of an image's thumbnail below the run's folder (`thumbs/<safe name>.webp`). */
export function thumbnailPath(path: string): string {
	return `thumbs/${artifactFileName(path, 'webp')}`;
}
