import { metricNumber, type RunTableData } from './run-table-data.ts';

/**
 * Which value of a metric's history a runs-table column shows: the latest (`last`, as MLflow's
 * table), the smallest, the largest, or the best by the metric's known direction.
 */
export type ValueChoice = 'last' | 'min' | 'max' | 'best';
export const VALUE_CHOICES: readonly ValueChoice[] = ['last', 'min', 'max', 'best'];

/** Chosen value per metric key; a key not listed shows `last`. Kept in the URL as `?value.<key>=min`. */
export type ValueChoices = Readonly<Record<string, ValueChoice>>;

/**
 * The choices a metric column offers: `last` always; `min` and `max` when the data has ranges;
 * `best` only when the metric's direction is known, since best is then min or max.
 */
export function valueChoices(data: RunTableData, key: string): ValueChoice[] {
	const choices: ValueChoice[] = ['last'];
	if (data.min && data.max && Object.hasOwn(data.min, key)) choices.push('min', 'max');
	if (choices.length > 1 && data.directions && Object.hasOwn(data.directions, key)) choices.push('best');
	return choices;
}

/**
 * What `choice` reads for a metric: `best` resolves to `min` or `max` by the known direction, and
 * any choice the data cannot give (no ranges, unknown direction) falls back to `last`.
 */
export function resolveChoice(data: RunTableData, key: string, choice: ValueChoice | undefined): 'last' | 'min' | 'max' {
	if (!choice || !valueChoices(data, key).includes(choice)) return 'last';
	if (choice === 'best') return data.directions![key] === 'lower' ? 'min' : 'max';
	return choice;
}

/** The value of metric `key` in row `i` as chosen; NaN for a non-finite latest value, null when absent. */
export function metricCell(data: RunTableData, key: string, i: number, choice?: ValueChoice): number | null {
	const which = resolveChoice(data, key, choice);
	if (which === 'last') return metricNumber(data.metrics[key]?.[i]);
	return data[which]![key]?.[i] ?? null;
}
