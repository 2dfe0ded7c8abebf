import { cellValue, parseColumn, type ColumnId } from './run-table-columns.ts';
import { metricNumber, type RunTableData } from './run-table-data.ts';

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or starts or ends
 * with a space, with quotes doubled. A text that a spreadsheet would run as a formula (it starts
 * with `=`, `+`, `-`, `@`, tab or CR and is not a plain number) gets a leading `'` first, the
 * OWASP "CSV injection" defence; numbers, negative ones included, are written as numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'number' ? String(value) : value;
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !NUMBER_TEXT.test(text))
		text = `'${text}`;
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header of a column in exports: MLflow's names (`run_id`, `params.lr`, `metrics.val_loss`). */
export function exportHeader(id: ColumnId): string {
	const { group, key } = parseColumn(id);
	if (group !== 'attribute') return `${group}.${key}`;
	return (
		{
			id: 'run_id',
			name: 'run_name',
			experiment: 'experiment_id',
			start: 'start_time',
			duration: 'duration_s',
			parent: 'parent_run_id',
		}[key] ?? key
	);
}

const isoTime = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function exportValue(data: RunTableData, id: ColumnId, i: number): string | number | null {
	const value = cellValue(data, id, i);
	if (id === 'start') return isoTime(value as number | null);
	if (id === 'duration') return value === null ? null : (value as number) / 1000;
	if (typeof value === 'number' && !Number.isFinite(value))
		return String(data.metrics[parseColumn(id).key]?.[i]);
	return value;
}

/**
 * The rows `rows` of the table as CSV with a header line, CRLF line ends (RFC 4180) and the
 * columns `columns` (always preceded by `run_id`). Start is ISO 8601 UTC, duration in seconds.
 */
export function tableToCsv(
	data: RunTableData,
	columns: readonly ColumnId[],
	rows: readonly number[],
): string {
	const ids = ['id', ...columns.filter((c) => c !== 'id')];
	const lines = [ids.map((c) => csvCell(exportHeader(c))).join(',')];
	for (const i of rows) lines.push(ids.map((c) => csvCell(exportValue(data, c, i))).join(','));
	return `${lines.join('\r\n')}\r\n`;
}

/**
 * The rows `rows` as pretty JSON, one object per run with every field of the table data
 * (`run_id`, `run_name`, `experiment_id`, `status`, `start_time` ISO, `duration_s`, `user`,
 * `parent_run_id`, `params`, `metrics`, `tags`, `datasets`); non-finite metric values stay
 * strings (`"NaN"`) because JSON has no NaN.
 */
export function tableToJson(data: RunTableData, rows: readonly number[]): string {
	const pick = <T>(columns: Record<string, (T | null)[]>, i: number) =>
		Object.fromEntries(
			Object.entries(columns).flatMap(([k, v]) => (v[i] == null ? [] : [[k, v[i]]])),
		);
	const out = rows.map((i) => ({
		run_id: data.ids[i],
		run_name: data.names[i],
		experiment_id: data.experiments[i],
		status: data.status[i],
		start_time: isoTime(data.start[i] ?? null),
		duration_s: data.duration[i] == null ? null : data.duration[i]! / 1000,
		user: data.user[i],
		parent_run_id: data.parent[i],
		params: pick(data.params, i),
		metrics: Object.fromEntries(
			Object.entries(pick(data.metrics, i)).map(([k, v]) => [
				k,
				Number.isFinite(metricNumber(v)) ? v : String(v),
			]),
		),
		tags: pick(data.tags, i),
		datasets: (data.datasets[i] ?? []).map(([name, digest, context]) => ({
			name,
			digest,
			context,
		})),
	}));
	return `${JSON.stringify(out, null, 2)}\n`;
}
