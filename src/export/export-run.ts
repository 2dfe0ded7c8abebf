import { createHash } from 'node:crypto';
import { droppedNonFiniteMetric, latestMetricDiffers, skippedBadRecord, skippedOutOfRangePoints } from '../messages.ts';
import { RunSchema, type Artifact, type RunInput } from '../schemas/run.ts';
import type { RunSeriesFile, SeriesFile } from '../schemas/series.ts';
import { encodeColumn } from '../lib/series-columns.ts';
import { toMetricValue } from '../schemas/metric-value.ts';
import { isCopiedArtifact, isSafeFileId, safeArtifactPath } from './artifact-policy.ts';
import { isStep, isTimeMs, timeOrNull } from './exact-integers.ts';
import { minMaxLttb } from './downsample.ts';
import { stableStringify } from '../lib/json.ts';
import { RunMetricCollector, type MetricHistory } from './metric-history.ts';
import { normaliseRun } from './normalise-run.ts';
import type { MetricStream, RawArtifact, RawMetricPoint, RawRun, SourceReader } from './source-reader.ts';
import type { SnapshotWriter } from './write-snapshot.ts';

export interface RunExportContext {
	reader: SourceReader;
	writer: SnapshotWriter;
	maxPoints: number;
	warn(message: string): void;
	/** Raw dataset id of the run's experiment → its snapshot identity. */
	datasets: ReadonlyMap<string, { id: string; name: string; digest: string }>;
}

/** What one exported run adds to the manifest counts; null when the run was invalid and skipped. */
export interface RunExportStats {
	metricSeries: number;
	metricPoints: number;
	duplicates: number;
	params: number;
	tags: number;
	newest: number | null;
}

/**
 * Exports one run: reads its whole history (streamed, one run in memory at a time), summarises
 * each metric exactly, writes `runs/<id>.json`, `series/<id>.json` (≤ maxPoints per series),
 * `histories/<id>.json` (every finite point) and copies small artifacts to `artifacts/<id>/`.
 * Returns null, after a catalogued warning, when the run does not pass RunSchema.
 */
export async function exportRun(raw: RawRun, ctx: RunExportContext): Promise<RunExportStats | null> {
	if (!isSafeFileId(raw.id)) {
		ctx.warn(skippedBadRecord('run', JSON.stringify(raw.id), 'the run id cannot be used as a file name'));
		return null;
	}
	const collector = new RunMetricCollector();
	// Points whose step or timestamp JavaScript cannot hold (a 2^63−1 step, a nanosecond time)
	// are left out, counted per key for one warning each.
	const outOfRange = new Map<string, number>();
	const push = (key: string, value: number, timestamp: number, step: number) => {
		if (isTimeMs(timestamp) && isStep(step)) collector.push(key, value, timestamp, step);
		else outOfRange.set(key, (outOfRange.get(key) ?? 0) + 1);
	};
	const points = ctx.reader.metricPoints(raw) as MetricStream & Partial<Iterable<RawMetricPoint>>;
	// Readers may offer cheaper paths than one promise per point: `each` (no object per point
	// either), or a synchronous iterator.
	if (typeof points.each === 'function') points.each(push);
	else if (typeof points[Symbol.iterator] === 'function') for (const p of points as Iterable<RawMetricPoint>) push(p.key, p.value, p.timestamp, p.step);
	else for await (const p of points) push(p.key, p.value, p.timestamp, p.step);
	for (const [key, count] of outOfRange) ctx.warn(skippedOutOfRangePoints(`run ${raw.id}`, key, count));
	const histories = collector.finish();
	const startTime = timeOrNull(raw.startTime, 'start time', `run ${raw.id}`, ctx.warn);
	const endTime = timeOrNull(raw.endTime, 'end time', `run ${raw.id}`, ctx.warn);
	crossCheckLatest(raw, histories, ctx.warn);

	const artifacts: Artifact[] = [];
	const copies: RawArtifact[] = [];
	for await (const a of ctx.reader.artifacts(raw)) {
		const path = safeArtifactPath(a.path);
		if (path === null) {
			ctx.warn(skippedBadRecord('artifact', `${JSON.stringify(a.path)} of run ${raw.id}`, 'the path is not a safe relative path'));
			continue;
		}
		if (!Number.isSafeInteger(a.size) || a.size < 0) {
			ctx.warn(skippedBadRecord('artifact', `${JSON.stringify(a.path)} of run ${raw.id}`, 'its size is not a byte count JavaScript holds exactly'));
			continue;
		}
		artifacts.push({ path, size: a.size });
		if (isCopiedArtifact(path, a.size)) copies.push(a);
	}

	const inputs: RunInput[] = [];
	for (const input of raw.inputs) {
		const ds = ctx.datasets.get(input.datasetId);
		if (ds) inputs.push({ datasetId: ds.id, name: ds.name, digest: ds.digest, context: input.context });
		else ctx.warn(skippedBadRecord('dataset input', `run ${raw.id}`, `dataset ${input.datasetId} is not in the store`));
	}

	const parsed = RunSchema.safeParse(normaliseRun({ ...raw, startTime, endTime }, { histories, inputs, artifacts }));
	if (!parsed.success) {
		ctx.warn(skippedBadRecord('run', raw.id, describeIssues(parsed.error.issues)));
		return null;
	}
	for (const h of histories) {
		if (h.summary.nonFiniteCount > 0) ctx.warn(droppedNonFiniteMetric(raw.id, h.key, h.summary.nonFiniteCount));
	}
	await ctx.writer.writeJson(`runs/${raw.id}.json`, parsed.data);
	const series = withSeriesDigest(stableStringify(seriesFile(raw.id, histories, ctx.maxPoints, true)));
	await ctx.writer.write(`series/${raw.id}.json`, series);
	// When no series was downsampled the history file is the same text, digest included: written,
	// not formatted again, and byte for byte the series, so the site publishes it once
	// (historyIsSeries).
	const downsampled = histories.some((h) => h.value.length > ctx.maxPoints);
	await ctx.writer.write(`histories/${raw.id}.json`, downsampled ? stableStringify(seriesFile(raw.id, histories, ctx.maxPoints, false)) : series);
	for (const a of copies) {
		try {
			await ctx.writer.write(`artifacts/${raw.id}/${a.path}`, await a.read());
		} catch (error) {
			if (error instanceof Error && error.name === 'ExportError') throw error;
			ctx.warn(skippedBadRecord('artifact', `${a.path} of run ${raw.id}`, String(error instanceof Error ? error.message : error)));
		}
	}
	let newest: number | null = Math.max(startTime ?? -Infinity, endTime ?? -Infinity, ...histories.map((h) => h.maxTimestamp));
	if (!Number.isFinite(newest)) newest = null;
	return {
		metricSeries: histories.length,
		metricPoints: histories.reduce((n, h) => n + h.summary.count, 0),
		duplicates: histories.reduce((n, h) => n + h.duplicates, 0),
		params: Object.keys(raw.params).length,
		tags: Object.keys(raw.tags).length,
		newest,
	};
}

/**
 * The text of a series file (stableStringify output, which starts `{` and a newline) with its
 * `digest` field, the content hash chart cache keys are made from (RunSeriesSchema). Inserted
 * as the first key, where stableStringify's sorted keys put it, without formatting the numbers
 * again: the same text as stableStringify of the file with the field (test/export/export-run.test.ts).
 */
export function withSeriesDigest(text: string): string {
	const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
	return `{\n  "digest": "${digest}",${text.slice(1)}`;
}

/** Warns when the store's own latest value (SQL `latest_metrics`, REST `data.metrics`) disagrees with the history. */
function crossCheckLatest(raw: RawRun, histories: readonly MetricHistory[], warn: (m: string) => void): void {
	if (!raw.latestMetrics) return;
	const show = (value: number | string, step: number, timestamp: number) => `${value} at step ${step}, time ${timestamp}`;
	for (const h of histories) {
		const stored = raw.latestMetrics[h.key];
		if (!stored) continue;
		const s = h.summary;
		const same = Object.is(toMetricValue(stored.value), s.last) && stored.step === s.lastStep && stored.timestamp === s.lastTimestamp;
		if (!same) warn(latestMetricDiffers(raw.id, h.key, show(toMetricValue(stored.value), stored.step, stored.timestamp), show(s.last, s.lastStep, s.lastTimestamp)));
	}
}

/**
 * The series (downsampled to `maxPoints`) or history (every finite point) file of a run, in the
 * shape of RunSeriesSchema, its step and timestamp columns encoded. It is checked by hand rather than by `RunSeriesSchema.parse`, which
 * cost a zod check per number (a third of a cold export's CPU): the columns come from the
 * collector's finite points, so what can be wrong is a step or timestamp that is not an integer.
 * test/export/export.test.ts parses every file the exporter writes with RunSeriesSchema.
 * @throws Error naming the metric and column that does not fit (the run is then skipped).
 */
function seriesFile(runId: string, histories: readonly MetricHistory[], maxPoints: number, downsample: boolean): RunSeriesFile {
	const metrics: Record<string, SeriesFile> = {};
	for (const h of histories) {
		// A metric called `__proto__` is left out, as zod's record leaves it out of the run file.
		if (h.value.length === 0 || h.key === '__proto__') continue;
		const keep = downsample && h.value.length > maxPoints ? minMaxLttb(h.step, h.value, maxPoints) : null;
		const pick = (a: number[], column: string, integers: boolean) => {
			// Without downsampling the column itself is written (the caller only serialises it).
			const out = keep ? Array.from(keep, (i) => a[i]!) : a;
			for (const n of out) {
				if (integers ? !Number.isSafeInteger(n) : !Number.isFinite(n)) throw new Error(`metrics.${h.key}.${column}: ${n} is not ${integers ? 'an integer' : 'a finite number'}`);
			}
			return out;
		};
		// Steps and timestamps in their shortest form (src/lib/series-columns.ts): steps are mostly
		// 0, 1, 2, … and a timestamp's distance from the one before has a third of its digits.
		metrics[h.key] = { step: encodeColumn(pick(h.step, 'step', true)), timestamp: encodeColumn(pick(h.timestamp, 'timestamp', true)), value: pick(h.value, 'value', false) };
	}
	return { runId, maxPoints, metrics };
}

/** `path: problem; path: problem` from zod issues, for a one-line warning. */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
	return issues
		.slice(0, 3)
		.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
		.join('; ');
}
