import type { Redactor } from './redact.ts';
import type { SourceReader } from './source-reader.ts';

/**
 * The reader with every record's free text redacted in place as it is handed out (the same
 * objects, so a reader that recognises its own records still does): run params, tags and
 * artifact URI; experiment tags and artifact location; dataset sources; logged-model params and
 * tags; registered-model and model-version descriptions, tags and sources. Ids, names, metric
 * points and artifacts pass through untouched.
 */
export function redactingReader(reader: SourceReader, redactor: Redactor): SourceReader {
	return {
		source: reader.source,
		async *experiments() {
			for await (const e of reader.experiments()) {
				e.tags = redactor.map(e.id, 'tag', e.tags);
				e.artifactLocation = redactor.value(e.id, 'experiment', 'artifactLocation', e.artifactLocation);
				yield e;
			}
		},
		async *runs(experiment) {
			for await (const r of reader.runs(experiment)) {
				r.params = redactor.map(r.id, 'param', r.params);
				r.tags = redactor.map(r.id, 'tag', r.tags);
				r.artifactUri = redactor.value(r.id, 'run', 'artifactUri', r.artifactUri);
				yield r;
			}
		},
		metricPoints: (run) => reader.metricPoints(run),
		async *datasets(experiment) {
			for await (const d of reader.datasets(experiment)) {
				d.source = redactor.value(d.id, 'dataset', 'source', d.source);
				yield d;
			}
		},
		async *loggedModels(experiment) {
			for await (const m of reader.loggedModels(experiment)) {
				m.params = redactor.map(m.id, 'param', m.params);
				m.tags = redactor.map(m.id, 'tag', m.tags);
				yield m;
			}
		},
		async *registeredModels() {
			for await (const m of reader.registeredModels()) {
				m.description = redactor.value(m.name, 'model', 'description', m.description);
				m.tags = redactor.map(m.name, 'tag', m.tags);
				yield m;
			}
		},
		async *modelVersions(model) {
			for await (const v of reader.modelVersions(model)) {
				const owner = `${v.name}/${v.version}`;
				v.description = redactor.value(owner, 'version', 'description', v.description);
				v.source = redactor.value(owner, 'version', 'source', v.source);
				v.tags = redactor.map(owner, 'tag', v.tags);
				yield v;
			}
		},
		artifacts: (run) => reader.artifacts(run),
		...(reader.metricsFingerprint ? { metricsFingerprint: (run: Parameters<NonNullable<SourceReader['metricsFingerprint']>>[0]) => reader.metricsFingerprint!(run) } : {}),
		close: () => reader.close(),
	};
}
