import type { z } from 'astro/zod';
import { DiffSnapshotInvalid, exportError } from '../errors.ts';
import { ExperimentSchema, type Experiment } from '../schemas/experiment.ts';
import { ManifestSchema, type Manifest } from '../schemas/manifest.ts';
import { ModelVersionSchema, type ModelVersion } from '../schemas/model-version.ts';
import { RegisteredModelSchema, type RegisteredModel } from '../schemas/registered-model.ts';
import { RunSchema, type Run } from '../schemas/run.ts';
import type { SnapshotSource } from './snapshot-source.ts';

/** The entities of a snapshot that a diff compares, keyed by id (versions by `<slug>/<version>`). */
export interface DiffedSnapshot {
	label: string;
	kind: 'folder' | 'git';
	manifest: Manifest;
	experiments: Map<string, Experiment>;
	runs: Map<string, Run>;
	models: Map<string, RegisteredModel>;
	versions: Map<string, ModelVersion>;
}

/**
 * Reads and validates the entity files of a snapshot.
 * @throws ExportError `MlpagesDiffSnapshotInvalid` naming the file and each `**path**: problem`.
 */
export async function readSnapshot(source: SnapshotSource): Promise<DiffedSnapshot> {
	const paths = await source.list();
	const texts = await source.readAll(paths);
	const snapshot: Omit<DiffedSnapshot, 'manifest'> & { manifest?: Manifest } = {
		label: source.label,
		kind: source.kind,
		experiments: new Map(),
		runs: new Map(),
		models: new Map(),
		versions: new Map(),
	};
	paths.forEach((path, i) => {
		const text = texts[i]!;
		const folder = path.slice(0, path.indexOf('/'));
		if (path === 'manifest.json') snapshot.manifest = parse(ManifestSchema, text, source.label, path);
		else if (folder === 'experiments') add(snapshot.experiments, parse(ExperimentSchema, text, source.label, path));
		else if (folder === 'runs') add(snapshot.runs, parse(RunSchema, text, source.label, path));
		else if (folder === 'models') {
			const model = parse(RegisteredModelSchema, text, source.label, path);
			snapshot.models.set(model.slug, model);
		} else if (folder === 'model-versions') {
			const version = parse(ModelVersionSchema, text, source.label, path);
			snapshot.versions.set(`${version.modelSlug}/${version.version}`, version);
		}
	});
	// resolveSide checked that manifest.json exists; a folder can lose it in between.
	if (!snapshot.manifest) throw exportError(DiffSnapshotInvalid, source.label, 'manifest.json', '- the file is missing');
	return snapshot as DiffedSnapshot;
}

function add<T extends { id: string }>(map: Map<string, T>, item: T): void {
	map.set(item.id, item);
}

function parse<S extends z.ZodType>(schema: S, text: string, side: string, path: string): z.output<S> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw exportError(DiffSnapshotInvalid, side, path, `- not JSON: ${(error as Error).message}`);
	}
	const result = schema.safeParse(json);
	if (result.success) return result.data;
	const problems = result.error.issues
		.map((issue) => `- **${issue.path.join('.') || '(root)'}**: ${issue.message}`)
		.join('\n');
	throw exportError(DiffSnapshotInvalid, side, path, problems);
}
