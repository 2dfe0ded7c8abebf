import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { mlpagesCacheDir } from '../../lib/cache-dir.ts';
import { readMemo, writeMemo } from '../../lib/file-memo.ts';

/** Widest thumbnail on a run page, in pixels. */
export const THUMBNAIL_WIDTH = 320;
/** Bump when the encoding below changes, so cached thumbnails are made again. */
const THUMBNAIL_VERSION = 1;
/** Default cache folder, relative to the working directory (the project root in a build), or under MLPAGES_CACHE_DIR. */
export const DEFAULT_THUMBNAIL_CACHE = mlpagesCacheDir('thumbs');

/** A thumbnail: WebP bytes and its size for `<img width height>`. */
export interface Thumbnail {
	data: Buffer;
	width: number;
	height: number;
}

/**
 * A WebP thumbnail of an image artifact, at most THUMBNAIL_WIDTH wide (first frame, EXIF
 * orientation applied, metadata dropped), cached in `<cacheDir>/<sha256 of version + bytes>.webp`
 * with its size in the file name's `.json` twin, so the page and the endpoint that serves it
 * encode each image once. Written atomically (temp file, then rename).
 */
export async function makeThumbnail(input: Buffer, cacheDir: string | false = DEFAULT_THUMBNAIL_CACHE): Promise<Thumbnail> {
	const key = createHash('sha256').update(`${THUMBNAIL_VERSION}\0`).update(input).digest('hex').slice(0, 32);
	const base = cacheDir === false ? null : join(resolve(cacheDir), key);
	if (base) {
		const [data, meta] = await Promise.all([readMemo(`${base}.webp`), readMemo(`${base}.json`)]);
		if (data && meta) {
			const { width, height } = JSON.parse(meta.toString('utf8')) as { width: number; height: number };
			return { data, width, height };
		}
	}
	const { data, info } = await sharp(input, { pages: 1, limitInputPixels: 50_000_000 })
		.rotate()
		.resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
		.webp({ quality: 80, effort: 4 })
		.toBuffer({ resolveWithObject: true });
	const thumbnail = { data, width: info.width, height: info.height };
	if (base) {
		await writeMemo(`${base}.webp`, data);
		await writeMemo(`${base}.json`, JSON.stringify({ width: info.width, height: info.height }));
	}
	return thumbnail;
}
