import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import mlpages from 'virtual:mlpages/config';
import { historyFile } from '../../../components/run/history-file.ts';
import { getRuns } from '../../../lib/site-data.ts';

/**
 * `/runs/<id>/history.json`: the complete metric history of the run (RunSeriesSchema), the
 * exporter's `content/histories/<id>.json` byte for byte. An endpoint rather than a copy in an
 * `astro:build:done` hook: it is one read and one write per run either way (no parse), it
 * follows `base` and `outDir` by itself, and only runs that have a history get a file.
 */
export const getStaticPaths = (async () =>
	(await getRuns()).flatMap((run) => {
		const file = historyFile(mlpages.contentDir, run.id);
		return file ? [{ params: { id: run.id }, props: { file } }] : [];
	})) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string }> = async ({ props }) =>
	new Response(new Uint8Array(await readFile(props.file)), { headers: { 'Content-Type': 'application/json' } });
