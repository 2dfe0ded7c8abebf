import type { Run } from '../../schemas/run.ts';
import { fromMetricValue } from '../../schemas/metric-value.ts';

/**
 * Columns of report tables, written as in MLflow filters: `metrics.<key>` (latest value),
 * `params.<key>`, `tags.<key>`, or the attributes `status` and `run_name`.
 */
export interface ReportColumn {
	/** As written in the report, e.g. `metrics.val_loss`. */
	spec: string;
	kind: 'metric' | 'param' | 'tag' | 'attribute';
	key: string;
}

/** Parses one column; null when it is not one of the forms above. */
export function parseColumn(spec: string): ReportColumn | null {
	const match = /^(metrics|params|tags)\.(.+)$/.exec(spec);
	if (match) return { spec, kind: match[1] === 'metrics' ? 'metric' : match[1] === 'params' ? 'param' : 'tag', key: match[2]! };
	return spec === 'status' || spec === 'run_name' ? { spec, kind: 'attribute', key: spec } : null;
}

/** Whether a run has a value in the column. */
export function hasColumn(run: Run, column: ReportColumn): boolean {
	if (column.kind === 'metric') return column.key in run.metrics;
	if (column.kind === 'param') return column.key in run.params;
	if (column.kind === 'tag') return column.key in run.tags;
	return true;
}

/** The column's value in a run: a number for metrics, text otherwise, null when missing. */
export function columnValue(run: Run, column: ReportColumn): number | string | null {
	if (column.kind === 'metric') {
		const summary = run.metrics[column.key];
		return summary ? fromMetricValue(summary.last) : null;
	}
	if (column.kind === 'param') return run.params[column.key] ?? null;
	if (column.kind === 'tag') return run.tags[column.key] ?? null;
	return column.key === 'status' ? run.status : run.name;
}
