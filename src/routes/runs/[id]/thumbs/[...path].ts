import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { artifactKind, thumbnailPath } from '../../../../components/run/artifact-kind.ts';
import { artifactPublication } from '../../../../components/run/artifact-publication.ts';
import { artifactFile } from '../../../../components/run/run-artifacts.ts';
import { makeThumbnail } from '../../../../components/run/thumbnail.ts';
import { consoleLogger } from '../../../../lib/logger.ts';
import { shardPaths } from '../../../../lib/shard.ts';
import { getRunSummaries, readRuns } from '../../../../lib/site-data.ts';
import { skippedBadImage } from '../../../../messages.ts';

/**
 * `/runs/<id>/thumbs/<path>.webp`: thumbnails (≤ 320 px wide WebP) of the image artifacts the
 * exporter copied; made once per content hash (the run page already made them, so this reads
 * the cache). Only published images get one (artifact-publication.ts); an image sharp cannot
 * read gets no thumbnail route and one warning (the run page lists it as not published).
 */
export const getStaticPaths = (async () => {
	const all = (await readRuns(shardPaths((await getRunSummaries()).filter((r) => r.artifactCount > 0), (r) => r.id))).flatMap((run) =>
		run.artifacts.flatMap(({ path }) => {
			if (artifactKind(path) !== 'image') return [];
			const file = artifactFile(mlpages.contentDir, run.id, path);
			return file && existsSync(file)
				? [{ params: { id: run.id, path: thumbnailPath(path).slice('thumbs/'.length) }, props: { file, path } }]
				: [];
		}),
	);
	const readable: boolean[] = [];
	const check = async (file: string, path: string) => {
		const publication = await artifactPublication(file, path);
		if (publication.kind === 'none') consoleLogger().warn(skippedBadImage(path, publication.reason));
		if (publication.kind !== 'image') return false;
		return readFile(file)
			.then((bytes) => makeThumbnail(bytes))
			.then(
				() => true,
				(error: unknown) => {
					consoleLogger().warn(skippedBadImage(path, error instanceof Error ? error.message : String(error)));
					return false;
				},
			);
	};
	// Four at a time: a large site has thousands of images (cache hits after the first build).
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < all.length) {
				const i = next++;
				readable[i] = await check(all[i]!.props.file, all[i]!.props.path);
			}
		}),
	);
	return all.filter((_, i) => readable[i]);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string; path: string }> = async ({ props }) => {
	const { data } = await makeThumbnail(await readFile(props.file));
	return new Response(new Uint8Array(data), { headers: { 'Content-Type': 'image/webp' } });
};
