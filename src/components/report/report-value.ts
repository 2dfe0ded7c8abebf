import { formatMetric } from '../../lib/format-metric.ts';
import { formatRunName } from '../../lib/format-run-name.ts';
import { compileFilter, runFields } from '../../lib/matches-filter.ts';
import { resolveExperiment, resolveRun, ReportRefError, type RefIndex } from '../../lib/report-refs.ts';
import { fromMetricValue } from '../../schemas/metric-value.ts';
import type { Run } from '../../schemas/run.ts';

/**
 * What `<Value>` states in a report, computed from the snapshot so that no number in the prose is
 * typed by hand. Four shapes, each with its source:
 * - one run's metric (`run` + `metric`, `stat` picks last/min/max/their steps/count) or param;
 * - a delta between two runs or model versions (`from` + `to` + `metric`), signed;
 * - an aggregate over an experiment's runs that match `filter` (`experiment` + `agg`): the mean,
 *   median, min or max of a metric's `stat` or a numeric param, the number of runs, or the
 *   distinct values of a param.
 */
export interface ValueProps {
	/** A run: id, unique name, or `<model>@<alias>` / `<model>/<version>` (its source run). */
	run?: string;
	/** Experiment id, name or slug: the value is an aggregate over its runs. */
	experiment?: string;
	/** MLflow filter expression selecting the experiment's runs. @default every run */
	filter?: string;
	/** With `to`: the baseline of a delta. */
	from?: string;
	/** With `from`: the run or version compared with the baseline. */
	to?: string;
	/** Metric key. */
	metric?: string;
	/** Param key (a run's value, or with `agg` an aggregate of its numeric values or `distinct`). */
	param?: string;
	/** Which number of a metric's summary. @default 'last' */
	stat?: Stat;
	/** With `experiment`: how runs combine. @default 'mean' ('count' without metric or param) */
	agg?: Aggregate;
	/** Show a fraction as a percentage (0.433 → 43.3 %). @default false */
	percent?: boolean;
	/** Significant digits. @default 3 */
	digits?: number;
}
export type Stat = 'last' | 'min' | 'max' | 'lastStep' | 'minStep' | 'maxStep' | 'count';
export type Aggregate = 'mean' | 'median' | 'min' | 'max' | 'count' | 'distinct';
const STATS: readonly Stat[] = ['last', 'min', 'max', 'lastStep', 'minStep', 'maxStep', 'count'];
const AGGREGATES: readonly Aggregate[] = ['mean', 'median', 'min', 'max', 'count', 'distinct'];

/** A stated value: its text, the number behind it, where it comes from, and a title saying how. */
export interface ReportValue {
	text: string;
	/** The unformatted number (null for a list of distinct values). */
	raw: number | null;
	/** Site path of the source, without base: `runs/<id>/`, `experiments/<slug>/`, `compare/?runs=a,b`. */
	source: string;
	/** What the value is, for the tooltip: `val_loss of run mlp-…, last (step 39)`. */
	title: string;
}

/** A prop of `<Value>` that is wrong: `attribute` and `value` locate it in the report. */
export class ValueError extends ReportRefError {
	readonly attribute: string;
	constructor(attribute: string, value: string, reason: string) {
		super(value, reason);
		this.attribute = attribute;
	}
}

/** The value `props` state, or a ValueError naming the prop that does not resolve. */
export function reportValue(props: ValueProps, index: RefIndex): ReportValue {
	const { metric, param, stat = 'last', percent = false, digits = 3 } = props;
	const format = (n: number) => (percent ? `${formatMetric(n * 100, digits)} %` : formatMetric(n, digits));
	if (!STATS.includes(stat)) throw new ValueError('stat', stat, `stat is one of ${STATS.join(', ')}.`);
	if (metric !== undefined && param !== undefined) throw new ValueError('param', param, 'Give a metric or a param, not both.');
	const resolve = (attribute: string, ref: string) => {
		try {
			return resolveRun(ref, index);
		} catch (error) {
			if (error instanceof ReportRefError) throw new ValueError(attribute, ref, error.message);
			throw error;
		}
	};
	const statOf = (run: Run, key: string, attribute = 'metric'): number => {
		const summary = run.metrics[key];
		if (!summary) throw new ValueError(attribute, key, `Run ${formatRunName(run)} logged no metric "${key}".`);
		const value = stat === 'last' ? fromMetricValue(summary.last) : summary[stat];
		if (value === null) throw new ValueError('stat', stat, `Metric "${key}" of run ${formatRunName(run)} has no finite ${stat}.`);
		return value;
	};
	const how = stat === 'last' ? '' : `, ${stat}`;

	if (props.from !== undefined || props.to !== undefined) {
		if (props.from === undefined || props.to === undefined) throw new ValueError(props.from === undefined ? 'to' : 'from', (props.to ?? props.from)!, 'A delta needs both from and to.');
		if (metric === undefined) throw new ValueError('from', props.from, 'A delta needs a metric.');
		const [a, b] = [resolve('from', props.from), resolve('to', props.to)];
		const delta = statOf(b, metric) - statOf(a, metric);
		const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
		return {
			text: `${sign}${format(Math.abs(delta))}`,
			raw: delta,
			source: `compare/?runs=${encodeURIComponent(a.id)},${encodeURIComponent(b.id)}`,
			title: `${metric}${how}: ${formatRunName(b)} minus ${formatRunName(a)}`,
		};
	}

	if (props.experiment !== undefined) {
		let experiment;
		try {
			experiment = resolveExperiment(props.experiment, index);
		} catch (error) {
			if (error instanceof ReportRefError) throw new ValueError('experiment', props.experiment, error.message);
			throw error;
		}
		const agg = props.agg ?? (metric === undefined && param === undefined ? 'count' : 'mean');
		if (!AGGREGATES.includes(agg)) throw new ValueError('agg', agg, `agg is one of ${AGGREGATES.join(', ')}.`);
		let runs = index.runs.filter((r) => r.experimentId === experiment.id);
		if (props.filter) {
			let test;
			try {
				test = compileFilter(props.filter);
			} catch (error) {
				throw new ValueError('filter', props.filter, (error as Error).message);
			}
			runs = runs.filter((r) => test(runFields(r)));
		}
		const scope = `${runs.length} run${runs.length === 1 ? '' : 's'} of ${experiment.name}${props.filter ? ` where ${props.filter}` : ''}`;
		const source = `experiments/${experiment.slug}/`;
		if (agg === 'count') return { text: formatMetric(runs.length), raw: runs.length, source, title: `${scope}` };
		if (runs.length === 0) throw new ValueError(props.filter ? 'filter' : 'experiment', props.filter ?? props.experiment, `No run of experiment "${experiment.name}" matches.`);
		if (param !== undefined) {
			const raw = runs.map((r) => r.params[param]).filter((v): v is string => v !== undefined);
			if (raw.length === 0) throw new ValueError('param', param, `No run of experiment "${experiment.name}" has the param "${param}".`);
			if (agg === 'distinct') {
				const distinct = [...new Set(raw)].sort((x, y) => Number(x) - Number(y) || x.localeCompare(y));
				return { text: distinct.join(', '), raw: null, source, title: `distinct ${param} of ${scope}` };
			}
			const numbers = raw.map(Number);
			if (numbers.some((n) => !Number.isFinite(n))) throw new ValueError('param', param, `The param "${param}" is not a number in every run; use agg="distinct".`);
			const value = aggregate(numbers, agg);
			return { text: format(value), raw: value, source, title: `${agg} of ${param} over ${scope}` };
		}
		if (metric === undefined) throw new ValueError('agg', agg, `agg="${agg}" needs a metric or a param.`);
		if (agg === 'distinct') throw new ValueError('agg', agg, 'agg="distinct" lists the values of a param.');
		const value = aggregate(runs.map((r) => statOf(r, metric)), agg);
		return { text: format(value), raw: value, source, title: `${agg} of ${metric}${how} over ${scope}` };
	}

	if (props.run === undefined) throw new ValueError('metric', metric ?? param ?? '', 'Name a run, an experiment, or from and to.');
	const run = resolve('run', props.run);
	const source = `runs/${run.id}/`;
	if (param !== undefined) {
		const value = run.params[param];
		if (value === undefined) throw new ValueError('param', param, `Run ${formatRunName(run)} has no param "${param}".`);
		const n = Number(value);
		return { text: value, raw: value.trim() !== '' && Number.isFinite(n) ? n : null, source, title: `param ${param} of run ${formatRunName(run)}` };
	}
	if (metric === undefined) throw new ValueError('run', props.run, 'Name a metric or a param of the run.');
	const value = statOf(run, metric);
	const step = stat === 'last' ? ` (step ${run.metrics[metric]!.lastStep})` : '';
	const shown = stat.endsWith('Step') || stat === 'count' ? formatMetric(value) : format(value);
	return { text: shown, raw: value, source, title: `${metric} of run ${formatRunName(run)}, ${stat}${step}` };
}

function aggregate(values: readonly number[], agg: Exclude<Aggregate, 'count' | 'distinct'>): number {
	if (agg === 'min') return Math.min(...values);
	if (agg === 'max') return Math.max(...values);
	if (agg === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
