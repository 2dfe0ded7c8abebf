import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeArtifacts, writeFile, writeKeyed } from './file-store-files.ts';
import { experimentMeta, runMeta, type FileStoreLayout } from './file-store-meta.ts';
import { writeFileRegistry } from './write-file-registry.ts';
import { pythonFloat } from './python-float.ts';
import { pythonYaml } from './python-yaml.ts';
import { md5Hex } from './random.ts';
import type { DemoStore } from './store-model.ts';

/** Options of {@link writeFileStore}. */
export interface WriteFileStoreOptions {
	/** Which MLflow's layout to write (`file-store-meta.ts`). @default '3.x' */
	layout?: FileStoreLayout;
}

/** The file store's dataset folder name: `md5(name + digest)`. */
export function fileStoreDatasetId(name: string, digest: string): string {
	return md5Hex(name + digest);
}

/**
 * Writes the store as an MLflow file store (the `mlruns/` layout of
 * `mlflow/store/tracking/file_store.py` and `model_registry/file_store.py`) into `root`:
 * integer run statuses, metric lines `<timestamp> <value> <step>` with Python float text
 * (`nan`, `inf`), one file per param and tag, dataset inputs, model outputs, logged models and
 * the registry under `models/`, as far as the layout has them. A deleted experiment goes to
 * `.trash/` with everything it holds. Artifacts are stored in each run's and logged model's
 * `artifacts/` folder, where readers re-root the recorded URIs. Exact duplicate metric values
 * are written twice, as MLflow appends them. The folder appears at `root` only when complete.
 */
export function writeFileStore(
	store: DemoStore,
	root: string,
	options: WriteFileStoreOptions = {},
): void {
	const layout = options.layout ?? '3.x';
	const temporary = `${root}.tmp-${process.pid}`;
	rmSync(temporary, { recursive: true, force: true });
	const datasetIds = new Map(
		store.datasets.map((d) => [d.id, fileStoreDatasetId(d.name, d.digest)]),
	);
	const trashed = new Set(
		store.experiments.filter((e) => e.lifecycleStage === 'deleted').map((e) => String(e.id)),
	);
	const experimentFolder = (id: number | bigint): string =>
		trashed.has(String(id)) ? join(temporary, '.trash', String(id)) : join(temporary, String(id));
	for (const e of store.experiments) {
		const folder = experimentFolder(e.id);
		writeFile(join(folder, 'meta.yaml'), pythonYaml(experimentMeta(e, layout)));
		writeKeyed(join(folder, 'tags'), e.tags);
	}
	for (const d of layout === '1.x' ? [] : store.datasets) {
		writeFile(
			join(experimentFolder(d.experimentId), 'datasets', datasetIds.get(d.id) ?? '', 'meta.yaml'),
			pythonYaml({
				digest: d.digest,
				name: d.name,
				profile: d.profile,
				schema: d.schema,
				source: d.source,
				source_type: d.sourceType,
			}),
		);
	}
	for (const r of store.runs) {
		const folder = join(experimentFolder(r.experimentId), r.id);
		writeFile(
			join(folder, 'meta.yaml'),
			pythonYaml(runMeta(r, layout, trashed.has(String(r.experimentId)))),
		);
		writeKeyed(join(folder, 'params'), r.params);
		writeKeyed(join(folder, 'tags'), r.tags);
		const lines = new Map<string, string[]>();
		for (const m of r.metrics)
			lines.set(m.key, [
				...(lines.get(m.key) ?? []),
				`${m.timestamp} ${pythonFloat(m.value)} ${m.step}\n`,
			]);
		writeKeyed(
			join(folder, 'metrics'),
			Object.fromEntries([...lines].map(([key, text]) => [key, text.join('')])),
		);
		for (const input of layout === '1.x' ? [] : r.datasetInputs) {
			const datasetId = datasetIds.get(input.datasetId) ?? '';
			// MLflow's `_FileStoreInput` writes the source id into destination_id too.
			writeFile(
				join(folder, 'inputs', md5Hex(datasetId + r.id), 'meta.yaml'),
				pythonYaml({
					destination_id: datasetId,
					destination_type: 'RUN',
					source_id: datasetId,
					source_type: 'DATASET',
					tags: { 'mlflow.data.context': input.context },
				}),
			);
		}
		for (const output of layout === '3.x' ? r.modelOutputs : []) {
			writeFile(
				join(folder, 'outputs', output.modelId, 'meta.yaml'),
				pythonYaml({
					destination_id: output.modelId,
					destination_type: 'MODEL_OUTPUT',
					source_id: output.modelId,
					source_type: 'RUN_OUTPUT',
					step: output.step,
					tags: {},
				}),
			);
		}
		mkdirSync(join(folder, 'artifacts'), { recursive: true });
		writeArtifacts(join(folder, 'artifacts'), r.artifacts);
	}
	for (const m of layout === '3.x' ? store.loggedModels : []) {
		const folder = join(experimentFolder(m.experimentId), 'models', m.id);
		writeFile(
			join(folder, 'meta.yaml'),
			pythonYaml({
				artifact_location: m.artifactLocation,
				creation_timestamp: m.creationTime,
				experiment_id: String(m.experimentId),
				last_updated_timestamp: m.lastUpdatedTime,
				lifecycle_stage: 'active',
				model_id: m.id,
				model_type: m.modelType,
				name: m.name,
				source_run_id: m.sourceRunId,
				status: m.status,
				status_message: null,
			}),
		);
		writeKeyed(join(folder, 'params'), m.params);
		writeKeyed(join(folder, 'tags'), m.tags);
		const lines = new Map<string, string[]>();
		for (const x of m.metrics) {
			lines.set(x.key, [
				...(lines.get(x.key) ?? []),
				`${x.timestamp} ${pythonFloat(x.value)} ${x.step} ${x.runId} ${x.datasetName} ${x.datasetDigest}\n`,
			]);
		}
		writeKeyed(
			join(folder, 'metrics'),
			Object.fromEntries([...lines].map(([key, text]) => [key, text.join('')])),
		);
		writeArtifacts(join(folder, 'artifacts'), m.artifacts);
	}
	if (layout !== '1.x') writeFileRegistry(store.registeredModels, join(temporary, 'models'), layout);
	if (existsSync(root)) rmSync(root, { recursive: true });
	renameSync(temporary, root);
}
