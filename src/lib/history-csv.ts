import type { RunSeries } from '../schemas/series.ts';

/** A CSV field: quoted when it holds a comma, quote or line break; a leading `=+-@` is defused. */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A run's full history (RunSeriesSchema, already validated) as the `/runs/<id>/history.csv`
 * download: a `metric,step,timestamp,value` header, then one row per point, metrics in the
 * order of the file, and a final line break.
 */
export function historyCsv(history: Pick<RunSeries, 'metrics'>): string {
	const lines = ['metric,step,timestamp,value'];
	for (const [metric, s] of Object.entries(history.metrics)) {
		const key = csvField(metric);
		for (let i = 0; i < s.step.length; i++) lines.push(`${key},${s.step[i]},${s.timestamp[i]},${s.value[i]}`);
	}
	return `${lines.join('\n')}\n`;
}
