import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import mlpages from 'virtual:mlpages/config';
import { ManifestSchema, type Manifest } from '../schemas/manifest.ts';
import { RunSeriesSchema, type RunSeries } from '../schemas/series.ts';
import { compareVersions } from './compare-versions.ts';
import type { Experiment } from '../schemas/experiment.ts';
import type { ModelVersion } from '../schemas/model-version.ts';
import type { RegisteredModel } from '../schemas/registered-model.ts';
import type { Run } from '../schemas/run.ts';

/**
 * Read helpers of the pages: the content collections as plain sorted arrays, and the snapshot
 * files that are not collections (manifest, series), read from `contentDir` while rendering.
 */

const data = <T>(entries: Array<{ data: T }>) => entries.map((e) => e.data);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Experiments, sorted by name then id. */
export async function getExperiments(): Promise<Experiment[]> {
	return data<Experiment>(await getCollection('experiments')).sort(
		(a, b) => byText(a.name, b.name) || byText(a.id, b.id),
	);
}

/** Runs, newest start first (unknown starts last), then by id. */
export async function getRuns(): Promise<Run[]> {
	return data<Run>(await getCollection('runs')).sort(
		(a, b) => (b.startTime ?? -Infinity) - (a.startTime ?? -Infinity) || byText(a.id, b.id),
	);
}

/** Registered models, sorted by name. */
export async function getModels(): Promise<RegisteredModel[]> {
	return data<RegisteredModel>(await getCollection('models')).sort((a, b) => byText(a.name, b.name));
}

/** Model versions, grouped by model slug, each group sorted as numbers (then as text). */
export async function getModelVersions(): Promise<Map<string, ModelVersion[]>> {
	const groups = new Map<string, ModelVersion[]>();
	for (const v of data<ModelVersion>(await getCollection('modelVersions'))) {
		groups.set(v.modelSlug, [...(groups.get(v.modelSlug) ?? []), v]);
	}
	for (const list of groups.values()) list.sort((a, b) => compareVersions(a.version, b.version));
	return groups;
}

/** Datasets by id. */
export async function getDatasets(): Promise<Map<string, CollectionEntry<'datasets'>['data']>> {
	return new Map((await getCollection('datasets')).map((e) => [e.data.id, e.data]));
}

const manifests = new Map<string, { stamp: string; manifest: Promise<Manifest | null> }>();

/**
 * The snapshot's manifest; null when the snapshot has none (an export that did not finish).
 * Every page's footer asks for it, so it is read and validated once per version of the file
 * (keyed on its mtime and size, so `astro dev` still sees a new export).
 */
export async function readManifest(contentDir: string = mlpages.contentDir): Promise<Manifest | null> {
	const file = join(contentDir, 'manifest.json');
	const info = await stat(file).catch(() => null);
	const stamp = info ? `${info.mtimeMs}:${info.size}` : 'missing';
	const cached = manifests.get(file);
	if (cached?.stamp === stamp) return cached.manifest;
	const manifest = info
		? readFile(file, 'utf8').then((text) => ManifestSchema.parse(JSON.parse(text)))
		: Promise.resolve(null);
	manifests.set(file, { stamp, manifest });
	return manifest;
}

/**
 * The chart histories of one run as the exporter wrote them (already validated JSON); null when
 * the run has no series file. Endpoints that only pass the file on use this, not readRunSeries.
 */
export async function readRunSeriesText(
	runId: string,
	contentDir: string = mlpages.contentDir,
): Promise<string | null> {
	// Run ids come from the data; only plain ids may become part of a path.
	if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(runId)) return null;
	return readFile(join(contentDir, 'series', `${runId}.json`), 'utf8').catch(() => null);
}

/** The chart histories of one run; null when the run has no series file. */
export async function readRunSeries(
	runId: string,
	contentDir: string = mlpages.contentDir,
): Promise<RunSeries | null> {
	const text = await readRunSeriesText(runId, contentDir);
	return text === null ? null : RunSeriesSchema.parse(JSON.parse(text));
}
