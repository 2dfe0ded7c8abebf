import { formatMetric } from '../lib/format-metric.ts';
import { formatTime } from '../lib/format-time.ts';
import type { MetricDelta, RunFieldChange } from '../schemas/diff.ts';

/** Longest param or tag value shown; longer ones end with `…`. */
const MAX_VALUE = 40;

/** A run change in words, for the Markdown summary and the `/changes/` page. */
export interface ChangeText {
	/** `status`, `end time`, `params.lr`, `tags.team` or the metric key. */
	label: string;
	/** Base value, `—` when absent. */
	before: string;
	/** Head value, `—` when absent. */
	after: string;
}

export function describeChange(change: RunFieldChange): ChangeText {
	const show = (value: string | number | null): string => {
		if (value === null) return '—';
		if (change.field === 'endTime') return formatTime(value as number);
		if (change.field === 'metric') return formatMetric(value as number);
		const text = String(value).replace(/\s+/g, ' ');
		return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
	};
	const label =
		change.field === 'endTime'
			? 'end time'
			: change.field === 'param'
				? `params.${change.key}`
				: change.field === 'tag'
					? `tags.${change.key}`
					: (change.key ?? change.field);
	return { label, before: show(change.before), after: show(change.after) };
}

/** `↓` when lower is better, `↑` when higher is better, nothing when the direction is unknown. */
export const directionArrow = (direction: MetricDelta['direction']) =>
	direction === null ? '' : direction === 'lower' ? '↓' : '↑';

/** The mark that says better (`▲`) or worse (`▼`) beside its colour; nothing for other outcomes. */
export const outcomeMark = (outcome: MetricDelta['outcome']) =>
	outcome === 'better' ? '▲' : outcome === 'worse' ? '▼' : '';

/**
 * The change of a metric delta in words; `better`/`worse` only for a known direction, else
 * `changed`.
 * @example "+0.0147 (+1.56%), better" | "+0.01 (+10316.00%), changed" | "new" | "gone"
 */
export function describeDelta(delta: MetricDelta): string {
	if (delta.outcome === 'added') return 'new';
	if (delta.outcome === 'removed') return 'gone';
	const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
	const abs = formatMetric(Math.abs(delta.delta!));
	const pct = delta.deltaPct === null ? '' : ` (${sign(delta.deltaPct)}${Math.abs(delta.deltaPct).toFixed(2)}%)`;
	const word = delta.outcome === 'same' ? 'same value, other run' : delta.outcome;
	return `${sign(delta.delta!)}${abs}${pct}, ${word}`;
}

/** `v2 → v3`, `v3` when unchanged, `new → v3`, `v2 → gone`; empty for best-run deltas. */
export function describeVersions(delta: MetricDelta): string {
	if (delta.kind !== 'alias') return '';
	const [b, h] = [delta.base.version, delta.head.version];
	if (b === h) return b === null ? '' : `v${b}`;
	return `${b === null ? 'new' : `v${b}`} → ${h === null ? 'gone' : `v${h}`}`;
}
