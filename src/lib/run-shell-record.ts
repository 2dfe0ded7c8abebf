import { historyFile, historyIsSeries } from '../components/run/history-file.ts';
import type { ArtifactView } from '../components/run/run-artifacts.ts';
import { sourceLinks } from '../components/run/source-links.ts';
import type { Direction } from '../schemas/config.ts';
import type { Run } from '../schemas/run.ts';
import type { RunShellRecord } from '../schemas/run-shell.ts';
import type { RunSummary } from '../schemas/run-summary.ts';
import { formatMetric } from './format-metric.ts';
import { formatRunName } from './format-run-name.ts';
import { metricDirection } from './metric-direction.ts';
import { renderMarkdown } from './markdown.ts';

/** What the record of one run is made from, besides the run. */
export interface RunShellContext {
	experiment: { name: string; slug: string } | null;
	parent: RunSummary | null;
	children: readonly RunSummary[];
	modelVersions: ReadonlyArray<{ slug: string; version: string; name: string }>;
	/** Source type of each dataset, by dataset id. */
	datasetSourceType: (datasetId: string) => string | null;
	artifacts: readonly ArtifactView[];
	directions: Record<string, Direction>;
	primary: string | null;
	contentDir: string;
	/** Told when the description is shown as plain text (renderMarkdown's `onPlainText`). */
	onPlainText?: (reason: string) => void;
}

const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The data shard record of `run` (RunShellRecordSchema): everything its page shows, as the
 * static page (src/routes/runs/[id].astro) decides it, with empty parts left out.
 */
export function runShellRecord(run: Run, ctx: RunShellContext): RunShellRecord {
	const record: RunShellRecord = { name: formatRunName(run), status: run.status, experimentId: run.experimentId };
	if (run.startTime !== null) record.start = run.startTime;
	if (run.endTime !== null) record.end = run.endTime;
	if (run.user !== null) record.user = run.user;
	if (ctx.experiment) record.experiment = [ctx.experiment.name, ctx.experiment.slug];
	const tag = (key: string) => (Object.hasOwn(run.tags, key) ? run.tags[key]! : null);
	const links = sourceLinks(run.tags);
	const source = tag('mlflow.source.name');
	const commit = tag('mlflow.source.git.commit');
	if (source) record.source = source;
	if (commit && !links.some((l) => l.label === 'Git commit')) record.commit = commit;
	if (links.length > 0) record.links = links.map((l) => [l.label, l.href, l.text]);
	if (run.parentRunId) record.parent = ctx.parent ? [ctx.parent.id, formatRunName(ctx.parent)] : [run.parentRunId];
	if (ctx.children.length > 0) record.children = ctx.children.map((c) => [c.id, formatRunName(c)]);
	if (run.description && run.description.trim() !== '') {
		record.description = renderMarkdown(run.description, ctx.onPlainText ? { onPlainText: ctx.onPlainText } : {});
	}
	const metrics = Object.entries(run.metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	if (metrics.length > 0) {
		record.metrics = metrics.map(([key, m]) => {
			const direction = metricDirection(key, ctx.directions);
			const best = direction === 'lower' ? m.minStep : m.maxStep;
			return [key, formatMetric(m.last), formatMetric(m.min), formatMetric(m.max), best, m.count, m.nonFiniteCount, m.lastStep, direction === 'lower' ? 'l' : 'h'];
		});
	}
	if (ctx.primary !== null) record.primary = ctx.primary;
	const params = Object.entries(run.params).sort(byKey);
	if (params.length > 0) record.params = params;
	const tags = Object.entries(run.tags).sort(byKey);
	if (tags.length > 0) record.tags = tags;
	if (run.inputs.length > 0) {
		record.datasets = run.inputs.map((i) => [i.name, i.digest, i.context, ctx.datasetSourceType(i.datasetId)]);
	}
	if (ctx.artifacts.length > 0) {
		record.artifacts = ctx.artifacts.map((a) => ({
			path: a.path,
			size: a.size,
			kind: a.kind,
			...(a.served !== null && { served: a.served }),
			...(a.notPublished !== null && { notPublished: a.notPublished }),
			...(a.thumbnail !== null && { thumbnail: [a.thumbnail.path, a.thumbnail.width, a.thumbnail.height] as [string, number, number] }),
			...(a.preview !== null && { preview: a.preview.text }),
			...(a.preview?.truncated && { truncated: true as const }),
		}));
	}
	if (ctx.modelVersions.length > 0) record.models = ctx.modelVersions.map((v) => [v.slug, v.version, v.name]);
	if (historyFile(ctx.contentDir, run.id) !== null) {
		record.history = historyIsSeries(ctx.contentDir, run.id) ? 'series' : `runs/${encodeURIComponent(run.id)}/history.json`;
	}
	return record;
}
