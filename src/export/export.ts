import { writeFileSync } from 'node:fs';
import { ExportError } from '../errors.ts';
import { noopLogger, type Logger } from '../lib/logger.ts';
import { noopProgress, type Progress } from '../lib/progress.ts';
import { skippedBadRecord } from '../messages.ts';
import type { MlpagesConfig } from '../schemas/config.ts';
import { ExperimentSchema } from '../schemas/experiment.ts';
import { ManifestSchema, SNAPSHOT_SCHEMA_VERSION, type Manifest } from '../schemas/manifest.ts';
import { isSafeFileId } from './artifact-policy.ts';
import { timeOrNull } from './exact-integers.ts';
import { publishedSource } from './source-label.ts';
import { datasetsElsewhere, exportDatasets, exportLoggedModels } from './export-experiment-parts.ts';
import { describeIssues, exportRun, type RunExportStats } from './export-run.ts';
import { exportRegistry } from './export-registry.ts';
import { PublishFilter } from './publish-filter.ts';
import { Redactor } from './redact.ts';
import { SECRET_RULES_VERSION } from '../security/secret-rules.ts';
import { redactingReader } from './redacting-reader.ts';
import { RunCache } from './run-cache.ts';
import { namespacedSlugs } from './namespaced-slugs.ts';
import type { RawRegisteredModel } from './source-reader.ts';
import { stableStringify } from '../lib/json.ts';
import { compareIds, normaliseExperiment } from './normalise-experiment.ts';
import { SkippedTally } from './skipped-tally.ts';
import type { RawExperiment, RawRun, SourceReader } from './source-reader.ts';
import { warningCollector, type WarningCollector } from './warnings.ts';
import { openSnapshotWriter, type SnapshotWriter, type WriteEffects } from './write-snapshot.ts';

/** Side effects of an export, injected so tests are silent and can make writing fail. */
export interface ExportEffects extends WriteEffects {
	logger: Logger;
	progress: Progress;
}

export interface ExportOptions {
	reader: SourceReader;
	/** Content folder; only the exported subfolders and manifest.json in it are replaced. */
	outDir: string;
	config: MlpagesConfig;
	effects?: Partial<ExportEffects>;
	/** Where warnings go; pass the collector whose `warn` the reader got, so its warnings are kept. */
	warnings?: WarningCollector;
	/** Export deleted experiments, runs and logged models too. @default config.publish.includeDeleted */
	includeDeleted?: boolean;
	/**
	 * Secrets in use that must never be written (MLFLOW_TRACKING_TOKEN, MLFLOW_TRACKING_PASSWORD):
	 * replaced by `[redacted]` wherever they appear, even with `redact.disable`.
	 */
	secrets?: ReadonlyArray<string | undefined>;
	/**
	 * Cache file of incremental export (outside the snapshot; see run-cache.ts): an unchanged run's
	 * files are taken from the previous snapshot without reading its history. No cache when unset.
	 */
	cacheFile?: string;
	/** Ignore what the cache holds (every run is read again); it is still written for the next export. */
	full?: boolean;
	/**
	 * Several sources (combined-reader.ts): every source for `manifest.sources`, and the namespace
	 * of each experiment and model, which prefixes its slug (`<name>--<slug>`).
	 */
	sources?: {
		list: ReadonlyArray<{ name: string; kind: Manifest['source']['kind']; uri: string }>;
		namespaceOf(record: RawExperiment | RawRegisteredModel): string | null;
	};
}

export interface ExportResult {
	manifest: Manifest;
	/** Files new or changed, kept as they were, and removed. */
	files: { written: number; unchanged: number; removed: number };
}

/**
 * Reads everything the reader offers, normalises and validates it entity by entity (one bad
 * record is skipped with a catalogued warning), and writes the snapshot to `outDir`: staged in a
 * sibling folder and swapped in at the end, `manifest.json` last. Deleted experiments, runs,
 * logged models and model versions and prompts are left out (counted in `manifest.skipped`), and
 * so is what the publishing controls (`config.publish`) leave out: experiments by name ('filtered'),
 * runs by status or opt-in tag ('filtered'), runs beyond `maxRunsPerExperiment` ('limit'), models
 * not opted in ('filtered'). Secret-looking values are redacted (kind 'value', reason 'redacted').
 * @throws ExportError from the reader (source unreadable) or OutputUnwritable; the previous
 * snapshot is then left as it was.
 */
export async function exportSnapshot(options: ExportOptions): Promise<ExportResult> {
	const { config } = options;
	const skipped = new SkippedTally();
	const redactor = new Redactor(config.redact, options.secrets ?? [], (id) => skipped.add('value', 'redacted', id));
	const reader = redactingReader(options.reader, redactor);
	const publish = new PublishFilter(config.publish);
	const includeDeleted = options.includeDeleted ?? config.publish.includeDeleted;
	const logger = options.effects?.logger ?? noopLogger;
	const progress = options.effects?.progress ?? noopProgress;
	// Synchronous writes are several times faster than fs/promises for many small files.
	const effects: WriteEffects = { writeFile: options.effects?.writeFile ?? (async (p, d) => writeFileSync(p, d)) };
	const warnings = options.warnings ?? warningCollector(logger);
	const warn = (m: string) => warnings.warn(m);
	const keep = (stage: 'active' | 'deleted') => includeDeleted || stage === 'active';
	const counts = { experiments: 0, runs: 0, metricSeries: 0, metricPoints: 0, params: 0, tags: 0, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 };
	let dataThrough: number | null = null;

	const cache = options.cacheFile ? RunCache.open(options.cacheFile, options.outDir, { maxPoints: config.charts.maxPoints, redact: config.redact, secretRules: SECRET_RULES_VERSION }, { ignore: options.full ?? false, secrets: options.secrets ?? [] }) : null;
	if (cache) options.reader.useRunMemo?.(cache);
	const writer = await openSnapshotWriter(options.outDir, effects);
	try {
		const experiments: RawExperiment[] = [];
		for await (const e of reader.experiments()) experiments.push(e);
		experiments.sort((a, b) => compareIds(a.id, b.id));
		const exported = experiments.filter((e) => keep(e.lifecycleStage) && publish.experiment(e.name));
		const namespaceOf = (record: RawExperiment | RawRegisteredModel) => options.sources?.namespaceOf(reader.original(record)) ?? null;
		const slugs = namespacedSlugs(exported.map((e) => ({ key: e.id, name: e.name, suffix: e.id, namespace: namespaceOf(e) })), 'experiment');
		const writtenDatasets = new Set<string>();
		const findDataset = datasetsElsewhere(experiments, { reader, writer, warn, skipped }, writtenDatasets);
		let done = 0;

		for (const e of experiments) {
			if (!keep(e.lifecycleStage)) {
				skipped.add('experiment', 'deleted', e.id);
				for await (const r of reader.runs(e)) skipped.add('run', 'deleted', r.id);
				continue;
			}
			if (!publish.experiment(e.name)) {
				skipped.add('experiment', 'filtered', e.id);
				continue;
			}
			const datasets = await exportDatasets(e, { reader, writer, warn, skipped }, writtenDatasets);
			counts.datasets = writtenDatasets.size;
			counts.loggedModels += await exportLoggedModels(e, { reader, writer, warn, skipped }, keep);

			const runs: RawRun[] = [];
			for await (const r of reader.runs(e)) runs.push(r);
			runs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
			const published: RawRun[] = [];
			for (const raw of runs) {
				if (!keep(raw.lifecycleStage)) skipped.add('run', 'deleted', raw.id);
				else if (!publish.run(raw)) skipped.add('run', 'filtered', raw.id);
				else published.push(raw);
			}
			const within = await publish.limit(published, options.reader, config.metrics.direction);
			let runCount = 0;
			for (const raw of published) {
				if (!within.has(raw.id)) {
					skipped.add('run', 'limit', raw.id);
					continue;
				}
				let stats: RunExportStats | null = null;
				for (const input of raw.inputs) {
					if (datasets.has(input.datasetId)) continue;
					const found = await findDataset(input.datasetId);
					if (found) datasets.set(input.datasetId, found);
				}
				counts.datasets = writtenDatasets.size;
				const fingerprint = reader.metricsFingerprint?.(raw) ?? null;
				const key = cache?.key(raw, fingerprint, raw.inputs.map((i) => datasets.get(i.datasetId) ?? null)) ?? null;
				const hit = key === null ? null : cache!.lookup(raw.id, key);
				if (hit && writer.keep(hit.files)) {
					stats = hit.stats;
					for (const m of hit.warnings) warn(m);
					cache!.record(raw.id, hit);
				} else {
					const firstWarning = warnings.messages.length;
					const files: string[] = [];
					const recording: SnapshotWriter = { ...writer, write: (rel, data) => (files.push(rel), writer.write(rel, data)), writeJson: (rel, value) => (files.push(rel), writer.writeJson(rel, value)) };
					try {
						stats = await exportRun(raw, { reader, writer: recording, maxPoints: config.charts.maxPoints, warn, datasets });
					} catch (error) {
						if (error instanceof ExportError) throw error;
						warn(skippedBadRecord('run', raw.id, error instanceof Error ? error.message : String(error)));
						stats = null;
					}
					if (stats && key !== null) cache!.record(raw.id, { key, stats, files, warnings: warnings.messages.slice(firstWarning) });
				}
				if (!stats) {
					skipped.add('run', 'invalid', raw.id);
					continue;
				}
				runCount++;
				counts.runs++;
				counts.metricSeries += stats.metricSeries;
				counts.metricPoints += stats.metricPoints;
				counts.params += stats.params;
				counts.tags += stats.tags;
				if (stats.duplicates > 0) skipped.add('metricPoint', 'duplicate', raw.id, stats.duplicates);
				if (stats.newest !== null && (dataThrough === null || stats.newest > dataThrough)) dataThrough = stats.newest;
				progress.update({ experiments: done, experimentsTotal: exported.length, runs: counts.runs, points: counts.metricPoints });
			}
			const times = {
				creationTime: timeOrNull(e.creationTime, 'creation time', `experiment ${e.id}`, warn),
				lastUpdateTime: timeOrNull(e.lastUpdateTime, 'last update time', `experiment ${e.id}`, warn),
			};
			const parsed = ExperimentSchema.safeParse(normaliseExperiment({ ...e, ...times }, slugs.get(e.id)!, runCount));
			if (parsed.success && isSafeFileId(e.id)) {
				await writer.writeJson(`experiments/${e.id}.json`, parsed.data);
				counts.experiments++;
			} else {
				warn(skippedBadRecord('experiment', e.id, parsed.success ? 'the experiment id cannot be used as a file name' : describeIssues(parsed.error.issues)));
				skipped.add('experiment', 'invalid', e.id);
			}
			done++;
			progress.update({ experiments: done, experimentsTotal: exported.length, runs: counts.runs, points: counts.metricPoints });
		}

		const registry = await exportRegistry({ reader, writer, warn, skipped, publish, namespaceOf });
		counts.registeredModels = registry.registeredModels;
		counts.modelVersions = registry.modelVersions;

		const manifest = ManifestSchema.parse({
			schemaVersion: SNAPSHOT_SCHEMA_VERSION,
			source: publishedSource(reader.source, config.publishSourceUri),
			...(options.sources ? { sources: options.sources.list.map((source) => publishedSource(source, config.publishSourceUri)) } : {}),
			counts,
			dataThrough,
			skipped: skipped.toJSON(),
			warnings: warnings.messages.map((m) => redactor.redactText(m)),
		});
		await writer.writeJson('manifest.json', manifest);
		const files = await writer.commit();
		cache?.save(stableStringify(manifest), writer.keptAsIs());
		progress.done();
		return { manifest, files };
	} catch (error) {
		progress.done();
		await writer.abort();
		throw error;
	}
}

