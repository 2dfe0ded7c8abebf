import { createHash } from 'node:crypto';
import { slugify } from './slug.ts';

/**
 * The file name an artifact (or something made from it: thumbnail, card image) is written under
 * in dist/: `<first 16 hex of sha256(path)>-<slugified base name>.<extension>`. Raw artifact
 * names never become output paths (markup, `..`, `CON`, control characters are all harmless
 * here); the hash keeps names unique and stable between builds. `extension` defaults to the
 * artifact's own extension when it is 1–10 ASCII letters or digits (lowercased), else none.
 * The original name is for display and the link's `download` attribute only.
 * @example artifactFileName('plots/ROC curve.png') === '<16 hex>-roc-curve.png'
 * @example artifactFileName('plots/roc.png', 'webp') === '<16 hex>-roc.webp'
 */
export function artifactFileName(path: string, extension?: string): string {
	const hash = createHash('sha256').update(path).digest('hex').slice(0, 16);
	const base = path.slice(path.lastIndexOf('/') + 1);
	const dot = base.lastIndexOf('.');
	const stem = dot > 0 ? base.slice(0, dot) : base;
	const own = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
	const ext = extension ?? (/^[a-z0-9]{1,10}$/.test(own) ? own : '');
	const name = slugify(stem, 48);
	return `${hash}${name ? `-${name}` : ''}${ext ? `.${ext}` : ''}`;
}
