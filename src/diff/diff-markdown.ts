import { segment } from '../lib/href.ts';
import { formatMetric } from '../lib/format-metric.ts';
import type { DiffRun, MetricDelta, SnapshotDiff } from '../schemas/diff.ts';
import { DIFF_CHARTS_DIR, diffChartAlt, diffCharts } from './diff-charts.ts';
import { describeChange, describeDelta, describeVersions, directionArrow } from './describe-change.ts';
import { isEmptyDiff } from './diff-snapshots.ts';

/** First line of every summary, so CI can find and update its own merge-request comment. */
export const SUMMARY_MARKER = '<!-- mlpages-diff -->';

/** Rows per table; the rest are counted, and listed on the preview's `/changes/` page. */
const MAX_ROWS = 50;
/** Changes listed per changed run. */
const MAX_CHANGES = 5;

export interface MarkdownOptions {
	/** Root URL of the preview site (`MLPAGES_PREVIEW_URL`); links point into it when set. */
	previewUrl?: string | undefined;
}

/**
 * The Markdown summary of a diff, made for a merge-request comment: a heading, a counts line,
 * threshold failures, then tables of metric deltas, runs and models. With a preview to link
 * to, every run, experiment, alias and model version links to its page there, and the charts
 * of each changed alias and best run (diff-charts.ts, drawn by the preview's build) are shown
 * under the deltas. Markers (✅, ⚠️) appear only
 * where a threshold decides. Every string from the snapshot is escaped.
 */
export function diffMarkdown(diff: SnapshotDiff, options: MarkdownOptions = {}): string {
	const root = options.previewUrl?.replace(/\/+$/, '');
	const link = (text: string, path: string) => (root ? `[${text}](${root}/${path})` : text);
	const lines = [SUMMARY_MARKER, '### mlpages: what changed', ''];
	const [from, to] = [`\`${code(diff.base.label)}\``, `\`${code(diff.head.label)}\``];
	const sides = `${from} → ${to}`;
	if (isEmptyDiff(diff)) {
		lines.push(`No changes between ${from} and ${to}.`);
		if (root) lines.push('', `[Preview](${root}/)`);
		return `${lines.join('\n')}\n`;
	}
	const c = diff.counts;
	lines.push(
		`${sides}: runs ${c.runsAdded} new, ${c.runsRemoved} removed, ${c.runsChanged} changed · ` +
			`model versions ${c.versionsAdded} new, ${c.versionsRemoved} removed · ` +
			`${c.aliasMoves} alias ${c.aliasMoves === 1 ? 'move' : 'moves'} · ${c.metricDeltas} metric ${c.metricDeltas === 1 ? 'delta' : 'deltas'}`,
	);
	if (root) lines.push('', `[Preview](${root}/) · [What changed](${root}/changes/)`);
	if (diff.gate.status === 'fail') {
		lines.push('', '**Thresholds: failed.**', ...diff.gate.failures.map((f) => `- ⚠️ ${cell(f)}`));
	} else if (diff.gate.status === 'pass') {
		lines.push('', '**Thresholds: passed.**');
	}
	const runLink = (run: DiffRun) =>
		link(`${cell(run.name ?? run.id.slice(0, 8))} \`${run.id.slice(0, 8)}\``, `runs/${segment(run.id)}/`);
	const experiment = (run: DiffRun) =>
		run.experimentSlug
			? link(cell(run.experimentName ?? run.experimentId), `experiments/${segment(run.experimentSlug)}/`)
			: cell(run.experimentId);

	if (diff.metricDeltas.length > 0) {
		lines.push('', '#### Metric deltas', '', '| | Subject | Metric | Base | Head | Change |', '|---|---|---|--:|--:|---|');
		const subject = (d: MetricDelta) => {
			if (d.kind === 'alias') {
				const text = link(cell(d.subject), `models/${segment(d.modelSlug!)}/@${segment(d.alias!)}/`);
				const versions = describeVersions(d);
				return versions ? `${text} (${versions})` : text;
			}
			const text = d.experimentSlug ? link(cell(d.subject), `experiments/${segment(d.experimentSlug)}/`) : cell(d.subject);
			const run = (id: string | null) => (id ? link(`\`${id.slice(0, 8)}\``, `runs/${segment(id)}/`) : '—');
			return d.base.runId === d.head.runId ? `${text} (${run(d.head.runId)})` : `${text} (${run(d.base.runId)} → ${run(d.head.runId)})`;
		};
		const marker = (d: MetricDelta) => (d.verdict === 'fail' ? '⚠️' : d.verdict === 'pass' ? '✅' : '');
		rows(lines, diff.metricDeltas, (d) =>
			`| ${marker(d)} | ${subject(d)} | ${[cell(d.metric), directionArrow(d.direction)].filter(Boolean).join(' ')} | ${formatMetric(d.base.value)} | ${formatMetric(d.head.value)} | ${describeDelta(d)} |`,
		);
	}

	// The pictures of what changed, published with the preview: only with a preview to link to.
	// Each alt text says what its picture shows, so the comment reads without images too.
	const charts = root ? diffCharts(diff) : [];
	if (charts.length > 0) {
		lines.push('', '#### Charts', '');
		for (const chart of charts) {
			const image = `![${cell(diffChartAlt(chart))}](${root}/${DIFF_CHARTS_DIR}/${chart.name})`;
			lines.push(chart.page ? `[${image}](${root}/${chart.page})` : image, '');
		}
		lines.pop();
	}

	const runRows = [
		...diff.runs.added.map((run) => ({ kind: 'new', run, what: '' })),
		...diff.runs.changed.map((run) => {
			const shown = run.changes.slice(0, MAX_CHANGES).map((ch) => {
				const t = describeChange(ch);
				return `${cell(t.label)} ${cell(t.before)} → ${cell(t.after)}`;
			});
			const more = run.changes.length - shown.length;
			return { kind: 'changed', run, what: shown.join('; ') + (more > 0 ? `; and ${more} more` : '') };
		}),
		...diff.runs.removed.map((run) => ({ kind: 'removed', run, what: '' })),
	];
	if (runRows.length > 0) {
		lines.push('', '#### Runs', '', '| | Run | Experiment | Status | What changed |', '|---|---|---|---|---|');
		rows(lines, runRows, ({ kind, run, what }) =>
			`| ${kind} | ${kind === 'removed' ? `${cell(run.name ?? run.id.slice(0, 8))} \`${run.id.slice(0, 8)}\`` : runLink(run)} | ${experiment(run)} | ${run.status} | ${what} |`,
		);
	}

	const m = diff.models;
	// A version that left the snapshot has no model card to link to.
	const removed = new Set(m.versionsRemoved.map((v) => `${v.modelSlug}/${v.version}`));
	const versionLink = (slug: string, version: string) =>
		removed.has(`${slug}/${version}`) ? cell(version) : link(cell(version), `models/${segment(slug)}/${segment(version)}/`);
	const modelRows = [
		...m.versionsAdded.map((v) => {
			const from = v.runId ? ` from run ${link(`\`${v.runId.slice(0, 8)}\``, `runs/${segment(v.runId)}/`)}` : '';
			const version = link(`version ${cell(v.version)}`, `models/${segment(v.modelSlug)}/${segment(v.version)}/`);
			return `| ${link(cell(v.model), `models/${segment(v.modelSlug)}/`)} | new ${version}${from} |`;
		}),
		...m.versionsRemoved.map((v) => `| ${cell(v.model)} | removed version ${cell(v.version)} |`),
		...m.aliasMoves.map(
			(a) =>
				`| ${link(cell(a.model), `models/${segment(a.modelSlug)}/`)} | @${cell(a.alias)} ${a.from === null ? 'new' : versionLink(a.modelSlug, a.from)} → ${a.to === null ? 'gone' : versionLink(a.modelSlug, a.to)} |`,
		),
	];
	if (modelRows.length > 0) {
		lines.push('', '#### Models', '', '| Model | Change |', '|---|---|');
		rows(lines, modelRows, (row) => row);
	}
	return `${lines.join('\n')}\n`;
}

function rows<T>(lines: string[], items: readonly T[], render: (item: T) => string): void {
	lines.push(...items.slice(0, MAX_ROWS).map(render));
	if (items.length > MAX_ROWS) lines.push('', `… and ${items.length - MAX_ROWS} more.`);
}

/** Escapes text for a Markdown table cell: no table breaks, no HTML, no emphasis or links. */
export function cell(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.replace(/[\\`*_[\]|<>#~]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`));
}

/** Text inside a code span: backticks cannot be escaped there, so they become quotes. */
function code(text: string): string {
	return text.replace(/`/g, "'");
}
