import { skippedBadRecord, skippedOutOfRangePoints } from '../messages.ts';
import { DatasetSchema, type Dataset } from '../schemas/dataset.ts';
import { LoggedModelSchema } from '../schemas/logged-model.ts';
import { isSafeFileId } from './artifact-policy.ts';
import { isStep, isTimeMs, timeOrNull } from './exact-integers.ts';
import { describeIssues } from './export-run.ts';
import { normaliseDataset } from './normalise-dataset.ts';
import { normaliseLoggedModel } from './normalise-logged-model.ts';
import type { SkippedTally } from './skipped-tally.ts';
import type { RawExperiment, SourceReader } from './source-reader.ts';
import type { SnapshotWriter } from './write-snapshot.ts';

interface PartsContext {
	reader: SourceReader;
	writer: SnapshotWriter;
	warn(message: string): void;
	skipped: SkippedTally;
}

/**
 * Writes the datasets of one experiment to `datasets/<md5(name + digest)>.json`. A dataset logged
 * in several experiments is written once (`written` holds the ids written so far).
 * @returns the reader's dataset id → snapshot identity, for the runs' inputs
 */
export async function exportDatasets(e: RawExperiment, ctx: PartsContext, written: Set<string>) {
	const datasets = new Map<string, { id: string; name: string; digest: string }>();
	for await (const raw of ctx.reader.datasets(e)) {
		const parsed = DatasetSchema.safeParse(normaliseDataset(raw));
		if (!parsed.success) {
			ctx.warn(skippedBadRecord('dataset', `${raw.name} in experiment ${e.id}`, describeIssues(parsed.error.issues)));
			ctx.skipped.add('dataset', 'invalid', raw.id);
			continue;
		}
		const d = parsed.data;
		datasets.set(raw.id, { id: d.id, name: d.name, digest: d.digest });
		if (written.has(d.id)) continue;
		written.add(d.id);
		await ctx.writer.writeJson(`datasets/${d.id}.json`, d);
	}
	return datasets;
}

/**
 * Finds a run's dataset input among the datasets of the other experiments. MLflow links a run to
 * any dataset of the store (its inputs table names the dataset, not the experiment) and shows it
 * on the run, so a dataset logged in another experiment is still the run's input. Every
 * experiment's datasets are read once, on the first miss (most stores never miss); a dataset
 * found this way is written like the run's own experiment's (`written` is shared).
 * @returns the dataset's snapshot identity, or null when the store has no such dataset
 */
export function datasetsElsewhere(experiments: readonly RawExperiment[], ctx: PartsContext, written: Set<string>) {
	let byReaderId: Map<string, Dataset> | null = null;
	return async (datasetId: string): Promise<{ id: string; name: string; digest: string } | null> => {
		if (byReaderId === null) {
			byReaderId = new Map();
			for (const e of experiments) {
				for await (const raw of ctx.reader.datasets(e)) {
					const parsed = DatasetSchema.safeParse(normaliseDataset(raw));
					// An invalid dataset was reported with its own experiment's; here it is just not found.
					if (parsed.success && !byReaderId.has(raw.id)) byReaderId.set(raw.id, parsed.data);
				}
			}
		}
		const d = byReaderId.get(datasetId);
		if (!d) return null;
		if (!written.has(d.id)) {
			written.add(d.id);
			await ctx.writer.writeJson(`datasets/${d.id}.json`, d);
		}
		return { id: d.id, name: d.name, digest: d.digest };
	};
}

/**
 * Writes the MLflow 3 logged models of one experiment to `logged-models/<id>.json`; deleted ones
 * are counted in `skipped` unless `keep` says otherwise.
 * @returns how many were written
 */
export async function exportLoggedModels(e: RawExperiment, ctx: PartsContext, keep: (stage: 'active' | 'deleted') => boolean) {
	let count = 0;
	for await (const raw of ctx.reader.loggedModels(e)) {
		if (!keep(raw.lifecycleStage)) {
			ctx.skipped.add('loggedModel', 'deleted', raw.id);
			continue;
		}
		const owner = `logged model ${raw.id}`;
		const metrics = raw.metrics.filter((m) => isTimeMs(m.timestamp) && isStep(m.step));
		const dropped = new Map<string, number>();
		for (const m of raw.metrics) if (!metrics.includes(m)) dropped.set(m.key, (dropped.get(m.key) ?? 0) + 1);
		for (const [key, count] of dropped) ctx.warn(skippedOutOfRangePoints(owner, key, count));
		const creationTime = timeOrNull(raw.creationTime, 'creation time', owner, ctx.warn);
		const parsed = LoggedModelSchema.safeParse(normaliseLoggedModel({ ...raw, creationTime, metrics }));
		if (!parsed.success || !isSafeFileId(raw.id)) {
			const reason = parsed.success ? 'the model id cannot be used as a file name' : describeIssues(parsed.error.issues);
			ctx.warn(skippedBadRecord('logged model', raw.id, reason));
			ctx.skipped.add('loggedModel', 'invalid', raw.id);
			continue;
		}
		await ctx.writer.writeJson(`logged-models/${raw.id}.json`, parsed.data);
		count++;
	}
	return count;
}
