import type { Redactor } from './redact.ts';
import type { MetricStream, RawMetricPoint, RawRegisteredModel, RawRun, SourceReader } from './source-reader.ts';

/**
 * The reader with every string the export publishes redacted as records are handed out, in place
 * (the same objects, so a reader that recognises its own records still does) except for
 * registered models and artifacts, which are copies (readers look versions up by the model's own
 * name, and read artifacts through their own objects): experiment, run,
 * dataset, logged-model and registered-model names; param, tag and metric keys and values (notes
 * are the tag `mlflow.note.content`); descriptions; model-version and dataset sources, schemas
 * and profiles; run inputs' contexts; user ids; artifact URIs and locations; alias names;
 * artifact paths, and the bytes of every artifact that is read (text artifacts such as
 * `config.json`, `params.yaml` or `MLmodel` are redacted as text, in their encoding).
 *
 * Ids (run, experiment, logged-model, dataset and version ids), timestamps and metric values
 * pass through: they are not free text, and pages and files are named after them. A name
 * holding a secret is redacted before anything is made from it, so slugs, dataset ids and
 * `manifest.skipped` ids come from the redacted name, and every record naming the same thing
 * (a model and its versions) gets the same redacted name.
 */
export function redactingReader(reader: SourceReader, redactor: Redactor): SourceReader & { original<T extends object>(record: T): T } {
	/** Each run's metric key names, shared by its latest metrics and its history. */
	const metricNames = new WeakMap<RawRun, (key: string) => string>();
	/** The reader's own record of each model handed out. */
	const models = new WeakMap<RawRegisteredModel, RawRegisteredModel>();
	const name = (kind: string, value: string) => {
		const shown = redactor.redactText(value);
		return redactor.text(shown, kind, 'name', value);
	};
	return {
		source: reader.source,
		/** The reader's own record of a record handed out (a registered model is a copy). */
		original: <T extends object>(record: T): T => (models.get(record as unknown as RawRegisteredModel) as T | undefined) ?? record,
		async *experiments() {
			for await (const e of reader.experiments()) {
				e.name = redactor.text(e.id, 'experiment', 'name', e.name);
				e.tags = redactor.map(e.id, 'tag', e.tags);
				e.artifactLocation = redactor.value(e.id, 'experiment', 'artifactLocation', e.artifactLocation);
				yield e;
			}
		},
		async *runs(experiment) {
			for await (const r of reader.runs(experiment)) {
				r.name = redactor.text(r.id, 'run', 'name', r.name);
				r.userId = redactor.text(r.id, 'run', 'userId', r.userId);
				r.params = redactor.map(r.id, 'param', r.params);
				r.tags = redactor.map(r.id, 'tag', r.tags);
				r.artifactUri = redactor.value(r.id, 'run', 'artifactUri', r.artifactUri);
				for (const input of r.inputs) input.context = redactor.text(r.id, 'input', 'context', input.context);
				const metricName = redactor.keyNamer(r.id, 'metric');
				metricNames.set(r, metricName);
				if (r.latestMetrics) r.latestMetrics = renameKeys(r.latestMetrics, metricName);
				yield r;
			}
		},
		metricPoints: (run) => renamedStream(reader.metricPoints(run), metricNames.get(run) ?? redactor.keyNamer(run.id, 'metric')),
		async *datasets(experiment) {
			for await (const d of reader.datasets(experiment)) {
				d.name = name('dataset', d.name);
				d.sourceType = redactor.text(d.id, 'dataset', 'sourceType', d.sourceType);
				d.source = redactor.value(d.id, 'dataset', 'source', d.source);
				d.schema = redactor.text(d.id, 'dataset', 'schema', d.schema);
				d.profile = redactor.text(d.id, 'dataset', 'profile', d.profile);
				yield d;
			}
		},
		async *loggedModels(experiment) {
			for await (const m of reader.loggedModels(experiment)) {
				m.name = redactor.text(m.id, 'loggedModel', 'name', m.name);
				m.modelType = redactor.text(m.id, 'loggedModel', 'modelType', m.modelType);
				m.params = redactor.map(m.id, 'param', m.params);
				m.tags = redactor.map(m.id, 'tag', m.tags);
				const metricName = redactor.keyNamer(m.id, 'metric');
				for (const point of m.metrics) {
					point.key = metricName(point.key);
					point.datasetName = redactor.text(m.id, 'metric', 'datasetName', point.datasetName);
				}
				yield m;
			}
		},
		async *registeredModels() {
			for await (const m of reader.registeredModels()) {
				// A copy: readers find a model's versions by its own record and name.
				const shown = name('model', m.name);
				const copy: RawRegisteredModel = {
					...m,
					name: shown,
					description: redactor.text(shown, 'model', 'description', m.description),
					tags: redactor.map(shown, 'tag', m.tags),
					aliases: redactor.map(shown, 'alias', m.aliases),
				};
				models.set(copy, m);
				yield copy;
			}
		},
		async *modelVersions(model) {
			for await (const v of reader.modelVersions(models.get(model) ?? model)) {
				v.name = redactor.redactText(v.name);
				const owner = `${v.name}/${v.version}`;
				v.description = redactor.text(owner, 'version', 'description', v.description);
				v.source = redactor.value(owner, 'version', 'source', v.source);
				v.userId = redactor.text(owner, 'version', 'userId', v.userId);
				v.tags = redactor.map(owner, 'tag', v.tags);
				yield v;
			}
		},
		async *artifacts(run) {
			for await (const a of reader.artifacts(run)) {
				const path = redactor.text(run.id, 'artifact', 'path', a.path);
				yield { path, size: a.size, read: async () => redactor.bytes(run.id, 'artifact', path, await a.read()) };
			}
		},
		...(reader.metricsFingerprint ? { metricsFingerprint: (run: Parameters<NonNullable<SourceReader['metricsFingerprint']>>[0]) => reader.metricsFingerprint!(run) } : {}),
		close: () => reader.close(),
	};
}

/** A by-key record with its keys renamed: the same record when no key changes (the usual case), else a copy. */
function renameKeys<T>(record: Record<string, T>, rename: (key: string) => string): Record<string, T> {
	const keys = Object.keys(record);
	if (keys.every((k) => rename(k) === k)) return record;
	const out: Record<string, T> = {};
	for (const k of keys) out[rename(k)] = record[k]!;
	return out;
}

/**
 * The points of a stream with their keys renamed, through whichever of `each`, a synchronous or
 * an asynchronous iterator the reader offers. Points of one key mostly come together, so the last
 * name is remembered.
 */
function renamedStream(stream: MetricStream, rename: (key: string) => string): MetricStream {
	let lastKey: string | undefined;
	let lastName = '';
	const named = (key: string) => (key === lastKey ? lastName : ((lastKey = key), (lastName = rename(key))));
	const source = stream as MetricStream & Partial<Iterable<RawMetricPoint>>;
	const out: MetricStream & Partial<Iterable<RawMetricPoint>> = {
		async *[Symbol.asyncIterator]() {
			for await (const p of stream) {
				p.key = named(p.key);
				yield p;
			}
		},
	};
	if (typeof source[Symbol.iterator] === 'function') {
		out[Symbol.iterator] = function* () {
			for (const p of source as Iterable<RawMetricPoint>) {
				p.key = named(p.key);
				yield p;
			}
		};
	}
	if (typeof stream.each === 'function') {
		const each = stream.each.bind(stream);
		out.each = (visit) => each((key, value, timestamp, step) => visit(named(key), value, timestamp, step));
	}
	return out;
}
