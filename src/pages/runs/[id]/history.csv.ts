import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import { RunSeriesSchema } from '../../../schemas/series.ts';
import { getRuns } from '../../../lib/site-data.ts';
import mlpages from 'virtual:mlpages/config';
import { historyFile } from '../../../components/run/history-file.ts';

/** A CSV field: quoted when it holds a comma, quote or line break; a leading `=+-@` is defused. */
function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `/runs/<id>/history.csv`: the full history as `metric,step,timestamp,value` rows. */
export const getStaticPaths = (async () =>
	(await getRuns()).flatMap((run) => {
		const file = historyFile(mlpages.contentDir, run.id);
		return file ? [{ params: { id: run.id }, props: { file } }] : [];
	})) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: string }> = async ({ props }) => {
	const history = RunSeriesSchema.parse(JSON.parse(await readFile(props.file, 'utf8')));
	const lines = ['metric,step,timestamp,value'];
	for (const [metric, s] of Object.entries(history.metrics)) {
		const key = csvField(metric);
		for (let i = 0; i < s.step.length; i++) lines.push(`${key},${s.step[i]},${s.timestamp[i]},${s.value[i]}`);
	}
	return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/csv' } });
};
