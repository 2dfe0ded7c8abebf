import sharp from 'sharp';

/** Widest image shown on a card, in pixels; larger artifacts are scaled down. */
export const CARD_IMAGE_MAX_WIDTH = 960;

/**
 * Site path (below the card's folder) of an optimised image artifact: `images/` + the artifact
 * path with its extension replaced by `.webp`. Each path segment is kept, so two artifacts never
 * share a name. @example cardImagePath('plots/confusion_matrix.png') === 'images/plots/confusion_matrix.webp'
 */
export function cardImagePath(artifactPath: string): string {
	return `images/${artifactPath.replace(/\.[^./]+$/, '')}.webp`;
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
