import { parseColumn, type ColumnId } from './run-table-columns.ts';

/** A header group of the runs table: a label over a run of adjacent columns. */
export interface HeaderGroup {
	/** `run` (the sticky run column), `metrics`, `params`, `tags` or `info` (status, times, user). */
	id: 'run' | 'metrics' | 'params' | 'tags' | 'info';
	/** What the group header says; empty for the run column. */
	label: string;
	columns: ColumnId[];
}

const ORDER = ['run', 'metrics', 'params', 'tags', 'info'] as const;
const LABELS: Record<HeaderGroup['id'], string> = { run: '', metrics: 'Metrics', params: 'Params', tags: 'Tags', info: 'Run info' };

function groupOf(id: ColumnId): HeaderGroup['id'] {
	if (id === 'name') return 'run';
	const { group } = parseColumn(id);
	return group === 'attribute' ? 'info' : group;
}

/**
 * The runs table's columns in display order and under their group headers, so a param and a
 * metric of the same name never share a header: the run column, then metrics with `primary`
 * first (the number a reader ranks by sits next to the run name), params, tags, and last the
 * run's status, times and user. Metrics come before params at every width, so a table of many
 * differing params still shows a metric without scrolling. Within a group the given order is
 * kept. Empty groups are left out.
 */
export function headerGroups(columns: readonly ColumnId[], primary?: string | null): HeaderGroup[] {
	const first = primary ? `metrics.${primary}` : null;
	return ORDER.map((id) => {
		const own = columns.filter((c) => groupOf(c) === id);
		const ordered = first && own.includes(first) ? [first, ...own.filter((c) => c !== first)] : own;
		return { id, label: LABELS[id], columns: ordered };
	}).filter((g) => g.columns.length > 0);
}
