import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { artifactPublication } from '../../../../components/run/artifact-publication.ts';
import { artifactFile } from '../../../../components/run/run-artifacts.ts';
import { shardPaths } from '../../../../lib/shard.ts';
import { getRunSummaries, readRuns } from '../../../../lib/site-data.ts';

/**
 * `/runs/<id>/artifacts/<safe name>`: the artifact files the exporter copied, byte for byte,
 * under a name whose extension every static host serves as inert (artifact-publication.ts):
 * decoded images as `.png`/`.jpg`/`.gif`/`.webp`, JSON as `.json`, any other text as `.txt`.
 * An image that does not decode and text that starts like markup get no file at all.
 */
export const getStaticPaths = (async () => {
	const candidates = (await readRuns(shardPaths((await getRunSummaries()).filter((r) => r.artifactCount > 0), (r) => r.id))).flatMap((run) =>
		run.artifacts.flatMap(({ path }) => {
			const file = artifactFile(mlpages.contentDir, run.id, path);
			return file && existsSync(file) ? [{ id: run.id, path, file }] : [];
		}),
	);
	const published = await Promise.all(candidates.map((c) => artifactPublication(c.file, c.path)));
	return candidates.flatMap((c, i) => {
		const p = published[i]!;
		return p.kind !== 'none' && p.served !== null ? [{ params: { id: c.id, path: p.served }, props: { file: c.file } }] : [];
	});
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string }> = async ({ props }) =>
	new Response(new Uint8Array(await readFile(props.file)));
