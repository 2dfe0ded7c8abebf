import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { artifactKind, thumbnailPath } from '../../../../components/run/artifact-kind.ts';
import { artifactFile } from '../../../../components/run/run-artifacts.ts';
import { makeThumbnail } from '../../../../components/run/thumbnail.ts';
import { getRuns } from '../../../../lib/site-data.ts';

/**
 * `/runs/<id>/thumbs/<path>.webp`: thumbnails (≤ 320 px wide WebP) of the image artifacts the
 * exporter copied; made once per content hash (the run page already made them, so this reads
 * the cache).
 */
export const getStaticPaths = (async () =>
	(await getRuns()).flatMap((run) =>
		run.artifacts.flatMap(({ path }) => {
			if (artifactKind(path) !== 'image') return [];
			const file = artifactFile(mlpages.contentDir, run.id, path);
			return file && existsSync(file)
				? [{ params: { id: run.id, path: thumbnailPath(path).slice('thumbs/'.length) }, props: { file } }]
				: [];
		}),
	)) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string }> = async ({ props }) => {
	const { data } = await makeThumbnail(await readFile(props.file));
	return new Response(new Uint8Array(data), { headers: { 'Content-Type': 'image/webp' } });
};
