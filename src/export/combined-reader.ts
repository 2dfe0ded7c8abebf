import type { RawExperiment, RawRegisteredModel, RawRun, SourceReader } from './source-reader.ts';

/** One source of a site with several, opened. */
export interface NamedReader {
	/** Namespace (config `sources[].name`). */
	name: string;
	reader: SourceReader;
}

/** A reader over several sources, with the namespace of each experiment and registered model. */
export interface CombinedReader extends SourceReader {
	/** The sources, in configuration order, for `manifest.sources`. */
	readonly sources: ReadonlyArray<{ name: string; kind: SourceReader['source']['kind']; uri: string }>;
	/** Namespace of an experiment or registered model this reader handed out. */
	namespaceOf(record: RawExperiment | RawRegisteredModel): string | null;
}

/**
 * Reads several sources as one, in configuration order. Experiment ids become
 * `<name>--<id>` (ids such as `0` and `1` exist in every store); run ids stay as they are unless
 * an earlier source already handed out the same id, which then becomes `<name>--<id>` (first
 * come, first kept: deterministic for a given configuration). Registered-model names are kept;
 * the exporter prefixes experiment and model slugs with the namespace. Links to a renamed run
 * (parent run tag, logged model's source run, model version's run) follow it. Each record is mapped back
 * to its own reader for histories, artifacts and versions.
 */
export function combinedReader(sources: readonly NamedReader[]): CombinedReader {
	const experiments = new WeakMap<RawExperiment, { source: NamedReader; raw: RawExperiment }>();
	const runs = new WeakMap<RawRun, { source: NamedReader; raw: RawRun }>();
	const models = new WeakMap<RawRegisteredModel, { source: NamedReader; raw: RawRegisteredModel }>();
	const runOwner = new Map<string, string>();
	const first = sources[0];
	if (!first) throw new Error('combinedReader needs at least one source.');
	/** A run id of `source` as the combined reader hands it out (its parent, source run and version links follow). */
	const runId = (source: NamedReader, id: string): string => {
		const owner = runOwner.get(id);
		return owner === undefined || owner === source.name ? id : `${source.name}--${id}`;
	};
	const of = <K extends object, V>(map: WeakMap<K, V>, key: K): V => {
		const found = map.get(key);
		if (!found) throw new Error('A record that this reader did not hand out.');
		return found;
	};
	return {
		source: first.reader.source,
		sources: sources.map((s) => ({ name: s.name, kind: s.reader.source.kind, uri: s.reader.source.uri })),
		namespaceOf(record) {
			return (experiments.get(record as RawExperiment) ?? models.get(record as RawRegisteredModel))?.source.name ?? null;
		},
		async *experiments() {
			for (const source of sources) {
				for await (const raw of source.reader.experiments()) {
					const e: RawExperiment = { ...raw, id: `${source.name}--${raw.id}` };
					experiments.set(e, { source, raw });
					yield e;
				}
			}
		},
		async *runs(experiment) {
			const { source, raw: exp } = of(experiments, experiment);
			for await (const raw of source.reader.runs(exp)) {
				const id = runId(source, raw.id);
				if (!runOwner.has(raw.id)) runOwner.set(raw.id, source.name);
				const parent = raw.tags['mlflow.parentRunId'];
				const tags = parent === undefined ? raw.tags : { ...raw.tags, 'mlflow.parentRunId': runId(source, parent) };
				const r: RawRun = { ...raw, id, experimentId: experiment.id, tags };
				runs.set(r, { source, raw });
				yield r;
			}
		},
		metricPoints(run) {
			const { source, raw } = of(runs, run);
			return source.reader.metricPoints(raw);
		},
		artifacts(run) {
			const { source, raw } = of(runs, run);
			return source.reader.artifacts(raw);
		},
		metricsFingerprint(run) {
			const { source, raw } = of(runs, run);
			return source.reader.metricsFingerprint?.(raw) ?? null;
		},
		useRunMemo(memo) {
			// Each source's runs under its own namespace: run ids can repeat across stores.
			for (const source of sources) {
				source.reader.useRunMemo?.({
					get: (id, stamp) => memo.get(`${source.name}/${id}`, stamp),
					set: (id, stamp, raw, warnings) => memo.set(`${source.name}/${id}`, stamp, raw, warnings),
				});
			}
		},
		async *datasets(experiment) {
			const { source, raw } = of(experiments, experiment);
			for await (const d of source.reader.datasets(raw)) yield { ...d, experimentId: experiment.id };
		},
		async *loggedModels(experiment) {
			const { source, raw } = of(experiments, experiment);
			for await (const m of source.reader.loggedModels(raw)) yield { ...m, experimentId: experiment.id, sourceRunId: m.sourceRunId === null ? null : runId(source, m.sourceRunId) };
		},
		async *registeredModels() {
			for (const source of sources) {
				for await (const raw of source.reader.registeredModels()) {
					const m: RawRegisteredModel = { ...raw };
					models.set(m, { source, raw });
					yield m;
				}
			}
		},
		async *modelVersions(model) {
			const { source, raw } = of(models, model);
			for await (const v of source.reader.modelVersions(raw)) yield { ...v, runId: v.runId === null ? null : runId(source, v.runId) };
		},
		async close() {
			for (const s of sources) await s.reader.close();
		},
	};
}
