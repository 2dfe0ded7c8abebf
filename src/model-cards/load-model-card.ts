import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'astro/zod';
import { DatasetSchema } from '../schemas/dataset.ts';
import { ExperimentSchema } from '../schemas/experiment.ts';
import { LoggedModelSchema } from '../schemas/logged-model.ts';
import type { ModelCard } from '../schemas/model-card.ts';
import { ModelVersionSchema } from '../schemas/model-version.ts';
import { RegisteredModelSchema } from '../schemas/registered-model.ts';
import { RunSchema } from '../schemas/run.ts';
import { buildModelCard } from './card-data.ts';
import { findMlModelArtifact, logModelHistoryEntry, mlModelInfo, parseMlModel, type MlModelInfo } from './mlmodel.ts';
import { readPeopleCard } from './people-card.ts';

/** Reads a text file; null when it does not exist. Injected so tests can serve files from memory. */
export type ReadText = (path: string) => string | null;

/** Reads from disk; null for a missing file, any other failure is thrown. */
export const readTextFromDisk: ReadText = (path) => {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
};

/** Whether a path from the data names a file inside its folder (no `..`, no absolute path). */
export const isContainedPath = (path: string) =>
	path.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\'));

/** Image artifacts shown on a card, by extension. SVG and HTML are never shown (see security.md). */
export const CARD_IMAGE = /\.(png|jpe?g|webp|gif)$/i;

/**
 * Loads the card of `<slug>/<version>` from a snapshot folder: the version, its model, source
 * run, experiment, logged model and datasets, the exported MLmodel artifact, image artifacts
 * copied to `artifacts/<runId>/`, and the people-written cards in `model-cards/`.
 * @param contentDir Absolute path of the snapshot.
 * @returns null when the version is not in the snapshot.
 * @throws AstroError when a people-written card is invalid (naming its file and fields).
 */
export function loadModelCard(
	contentDir: string,
	slug: string,
	version: string,
	options: { primaryMetric?: string | null; readText?: ReadText; exists?: (path: string) => boolean } = {},
): ModelCard | null {
	const readText = options.readText ?? readTextFromDisk;
	const exists = options.exists ?? ((p: string) => readText(p) !== null);
	const read = <S extends z.ZodType>(schema: S, ...path: string[]): z.output<S> | null => {
		// Ids and versions come from the data; only plain names may become part of a path.
		if (!path.every(isContainedPath)) return null;
		const text = readText(join(contentDir, ...path));
		return text === null ? null : schema.parse(JSON.parse(text));
	};
	const mv = read(ModelVersionSchema, 'model-versions', slug, `${version}.json`);
	const model = read(RegisteredModelSchema, 'models', `${slug}.json`);
	if (!mv || !model) return null;
	const run = mv.runId ? read(RunSchema, 'runs', `${mv.runId}.json`) : null;
	const experiment = run ? read(ExperimentSchema, 'experiments', `${run.experimentId}.json`) : null;
	const loggedModelId = mv.loggedModelId ?? (run?.loggedModelIds.length === 1 ? run.loggedModelIds[0] : null);
	const loggedModel = loggedModelId ? read(LoggedModelSchema, 'logged-models', `${loggedModelId}.json`) : null;
	const datasets = (run?.inputs ?? []).flatMap((i) => read(DatasetSchema, 'datasets', `${i.datasetId}.json`) ?? []);
	let mlmodel: MlModelInfo | null = null;
	if (run) {
		const path = findMlModelArtifact(run, mv.source);
		const text = path && isContainedPath(run.id) && isContainedPath(path) ? readText(join(contentDir, 'artifacts', run.id, path)) : null;
		try {
			mlmodel = text === null ? null : parseMlModel(text);
		} catch {
			mlmodel = null;
		}
		const history = mlmodel ? null : logModelHistoryEntry(run, mv.source);
		if (history) mlmodel = mlModelInfo(history);
	}
	const images = (run?.artifacts ?? [])
		.map((a) => a.path)
		.filter((p) => CARD_IMAGE.test(p) && run !== null && isContainedPath(run.id) && isContainedPath(p) && exists(join(contentDir, 'artifacts', run.id, p)));
	const people = readPeopleCard(join(contentDir, 'model-cards'), slug, version, readText);
	return buildModelCard({
		model,
		version: mv,
		run,
		experiment,
		loggedModel,
		datasets,
		mlmodel,
		people,
		images,
		primaryMetric: options.primaryMetric ?? null,
	});
}
