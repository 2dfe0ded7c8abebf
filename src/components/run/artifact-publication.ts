import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { artifactFileName } from '../../lib/artifact-file-name.ts';
import { artifactKind } from './artifact-kind.ts';

/**
 * How an artifact copied into the snapshot is published, so that no static host can serve it as
 * a page of the site. Hosts type a file by its extension, and for an extension they do not know
 * sniff its first 512 bytes as a browser would (gitlab-pages: Go's `mime.TypeByExtension`, whose
 * built-in table lacks `.txt`, `.yaml` and extension-less names such as `MLmodel`, then
 * `http.DetectContentType`). So:
 * - an image is published only when sharp decodes it as PNG, JPEG, GIF or WebP, under the
 *   extension of its real type (every host types those by extension, and their first bytes are
 *   their magic numbers);
 * - any other file is published as `.json` (a `.json` artifact) or `.txt`, and only when its
 *   first bytes do not look like markup (`<` after whitespace and byte-order marks, or a PDF or
 *   PostScript header), so that even a host that sniffs `.txt` finds plain text; a file that
 *   looks like markup is shown only as escaped text inside the run page.
 */
export type Publication =
	/** Published as an image of its real decoded type; `served` is the file name below `artifacts/`. */
	| { kind: 'image'; served: string }
	/** Published as text (`served`), or shown only inside the page (`served` null, with the reason). */
	| { kind: 'text'; served: string | null; reason: string | null }
	/** Not published at all; the page lists the artifact with the reason. */
	| { kind: 'none'; reason: string };

/** Raster types every static host serves by extension, and their canonical extensions. */
const RASTER: Record<string, readonly string[]> = { png: ['png'], jpeg: ['jpg', 'jpeg'], gif: ['gif'], webp: ['webp'] };

/** Why a text that looks like markup is not published as a file (shown by the run page). */
export const MARKUP_REASON = 'it starts like HTML or XML, so it is shown here only as text, not published as a file';
/** Why an image is not published. */
export const NOT_AN_IMAGE_REASON = 'it is not a PNG, JPEG, GIF or WebP image that can be decoded, so it is not published';

/**
 * Whether the first bytes of a file look like markup (or a document format) to a sniffing
 * browser or host: after any byte-order marks, NULs and whitespace, a `<`; or a `%PDF-` or
 * `%!PS` header. Stricter than the sniffing rules (any `<`, not only known tags).
 */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
	let i = 0;
	// UTF-8/16/32 byte-order marks, NULs (UTF-16 text) and the whitespace sniffers skip.
	while (i < bytes.length && [0x00, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xef, 0xbb, 0xbf, 0xfe, 0xff].includes(bytes[i]!)) i++;
	if (i < bytes.length && bytes[i] === 0x3c) return true;
	const head = new TextDecoder('latin1').decode(bytes.subarray(i, i + 11));
	return head.startsWith('%PDF-') || head.startsWith('%!PS');
}

/** The publication of an artifact from its bytes (pure but for sharp's decoding). */
export async function publicationOf(path: string, bytes: Uint8Array): Promise<Publication> {
	if (artifactKind(path) === 'image') {
		const format = await sharp(bytes, { limitInputPixels: 50_000_000 })
			.metadata()
			.then((m) => m.format as string | undefined, () => undefined);
		const extensions = format === undefined ? undefined : RASTER[format];
		if (!extensions) return { kind: 'none', reason: NOT_AN_IMAGE_REASON };
		const own = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
		return { kind: 'image', served: artifactFileName(path, extensions.includes(own) ? own : extensions[0]) };
	}
	if (looksLikeMarkup(bytes)) return { kind: 'text', served: null, reason: MARKUP_REASON };
	return { kind: 'text', served: artifactFileName(path, /\.json$/i.test(path) ? 'json' : 'txt'), reason: null };
}

const cache = new Map<string, Promise<Publication>>();

/**
 * publicationOf the copied artifact file `file` (its snapshot path `path`), once per file per
 * build: the run page, the model card and the artifact and thumbnail routes all ask.
 */
export function artifactPublication(file: string, path: string): Promise<Publication> {
	const key = `${file}\u0000${path}`;
	let found = cache.get(key);
	if (!found) {
		found = readFile(file).then((bytes) => publicationOf(path, bytes));
		cache.set(key, found);
	}
	return found;
}
