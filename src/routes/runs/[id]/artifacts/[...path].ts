import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { servedArtifactPath } from '../../../../components/run/artifact-kind.ts';
import { artifactFile } from '../../../../components/run/run-artifacts.ts';
import { getRuns } from '../../../../lib/site-data.ts';

/**
 * `/runs/<id>/artifacts/<path>`: the artifact files the exporter copied, byte for byte. HTML,
 * SVG and other active content is served as `<path>.txt` (see servedArtifactPath), so it is a
 * download, never a page of the site.
 */
export const getStaticPaths = (async () =>
	(await getRuns()).flatMap((run) =>
		run.artifacts.flatMap(({ path }) => {
			const file = artifactFile(mlpages.contentDir, run.id, path);
			return file && existsSync(file) ? [{ params: { id: run.id, path: servedArtifactPath(path) }, props: { file } }] : [];
		}),
	)) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string }> = async ({ props }) =>
	new Response(new Uint8Array(await readFile(props.file)));
