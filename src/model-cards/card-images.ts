import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { artifactPublication } from '../components/run/artifact-publication.ts';
import { artifactFileName } from '../lib/artifact-file-name.ts';
import { consoleLogger } from '../lib/logger.ts';
import { skippedBadImage } from '../messages.ts';

/** Widest image shown on a card, in pixels; larger artifacts are scaled down. */
export const CARD_IMAGE_MAX_WIDTH = 960;

/**
 * Site path (below the card's folder) of an optimised image artifact: `images/` + its safe file
 * name (artifactFileName: hash of the path, slugified base name, `.webp`), never the raw name.
 * @example cardImagePath('plots/confusion_matrix.png') === 'images/<16 hex>-confusion-matrix.webp'
 */
export function cardImagePath(artifactPath: string): string {
	return `images/${artifactFileName(artifactPath, 'webp')}`;
}

const optimised = new Map<string, Promise<{ data: Buffer; width: number; height: number } | null>>();

/**
 * optimiseCardImage of an artifact file, once per file per build (the card page and the image
 * route share it). Only an image the run page publishes (a decodable PNG, JPEG, GIF or WebP:
 * artifact-publication.ts) is used; any other gives null and one catalogued warning: the card
 * lists its path, and it gets no image route; never a failed build.
 */
export function optimiseCardImageFile(file: string, path: string): Promise<{ data: Buffer; width: number; height: number } | null> {
	let result = optimised.get(file);
	if (!result) {
		result = artifactPublication(file, path)
			.then(async (publication) => {
				if (publication.kind !== 'image') throw new Error(publication.kind === 'none' ? publication.reason : 'it is not an image');
				return optimiseCardImage(await readFile(file));
			})
			.catch((error: unknown) => {
				consoleLogger().warn(skippedBadImage(path, error instanceof Error ? error.message : String(error)));
				return null;
			});
		optimised.set(file, result);
	}
	return result;
}

/**
 * Re-encodes an image artifact for the web with sharp: first frame only, EXIF orientation
 * applied and metadata dropped, at most CARD_IMAGE_MAX_WIDTH wide, WebP.
 * @returns the bytes and the size to put in `<img width height>`.
 */
export async function optimiseCardImage(input: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
	const { data, info } = await sharp(input, { pages: 1, limitInputPixels: 50_000_000 })
		.rotate()
		.resize({ width: CARD_IMAGE_MAX_WIDTH, withoutEnlargement: true })
		.webp({ quality: 85, effort: 4 })
		.toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}
