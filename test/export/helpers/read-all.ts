import type {
	RawArtifact,
	RawDataset,
	RawExperiment,
	RawLoggedModel,
	RawMetricPoint,
	RawModelVersion,
	RawRegisteredModel,
	RawRun,
	SourceReader,
} from '../../../src/export/source-reader.ts';

/** Every item of an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

/** Everything a store holds, read through its reader in the exporter's order. */
export interface StoreContents {
	experiments: RawExperiment[];
	runs: RawRun[];
	/** Run id → its points in the reader's order. */
	points: Map<string, RawMetricPoint[]>;
	/** Run id → its artifacts. */
	artifacts: Map<string, RawArtifact[]>;
	datasets: RawDataset[];
	loggedModels: RawLoggedModel[];
	models: Array<{ model: RawRegisteredModel; versions: RawModelVersion[] }>;
	run(id: string): RawRun;
	experiment(id: string): RawExperiment;
}

/** Reads the whole store (the reader stays open). */
export async function readAll(reader: SourceReader): Promise<StoreContents> {
	const experiments = await collect(reader.experiments());
	const runs: RawRun[] = [];
	const points = new Map<string, RawMetricPoint[]>();
	const artifacts = new Map<string, RawArtifact[]>();
	const datasets: RawDataset[] = [];
	const loggedModels: RawLoggedModel[] = [];
	for (const e of experiments) {
		for (const run of await collect(reader.runs(e))) {
			runs.push(run);
			points.set(run.id, await collect(reader.metricPoints(run)));
			artifacts.set(run.id, await collect(reader.artifacts(run)));
		}
		datasets.push(...(await collect(reader.datasets(e))));
		loggedModels.push(...(await collect(reader.loggedModels(e))));
	}
	const models = [];
	for (const model of await collect(reader.registeredModels())) {
		models.push({ model, versions: await collect(reader.modelVersions(model)) });
	}
	const find = <T extends { id: string }>(list: T[], id: string, what: string): T => {
		const found = list.find((x) => x.id === id);
		if (!found) throw new Error(`The store has no ${what} ${id}.`);
		return found;
	};
	return {
		experiments,
		runs,
		points,
		artifacts,
		datasets,
		loggedModels,
		models,
		run: (id) => find(runs, id, 'run'),
		experiment: (id) => find(experiments, id, 'experiment'),
	};
}
