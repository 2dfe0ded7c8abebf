import { join } from 'node:path';
import { writeFile, writeKeyed } from './file-store-files.ts';
import type { FileStoreLayout } from './file-store-meta.ts';
import { pythonYaml } from './python-yaml.ts';
import type { DemoRegisteredModel } from './store-model.ts';

/**
 * Writes the model registry as MLflow's file registry store does, below `folder` (the store's
 * `models/`): `<name>/meta.yaml`, `tags/`, one file per alias in `aliases/`, and
 * `version-<n>/meta.yaml` with `tags/`. A deleted version keeps its fields and only gets
 * `current_stage: Deleted_Internal`, unlike in the SQL store. MLflow 3 adds the deployment job
 * fields and the version's `model_id`; MLflow 2 dumped an empty `aliases` list into each version.
 */
export function writeFileRegistry(
	models: DemoRegisteredModel[],
	folder: string,
	layout: Exclude<FileStoreLayout, '1.x'> = '3.x',
): void {
	const mlflow3 = layout === '3.x';
	for (const rm of models) {
		const modelFolder = join(folder, rm.name);
		// `aliases` in meta.yaml is the copy taken at the model's last metadata write, as in
		// MLflow; the `aliases/` folder is the truth.
		writeFile(
			join(modelFolder, 'meta.yaml'),
			pythonYaml({
				aliases: Object.fromEntries(
					Object.entries(rm.metaAliases).map(([alias, version]) => [alias, String(version)]),
				),
				creation_timestamp: rm.creationTime,
				...(mlflow3 ? { deployment_job_id: null, deployment_job_state: null } : {}),
				description: rm.description,
				last_updated_timestamp: rm.lastUpdatedTime,
				name: rm.name,
			}),
		);
		writeKeyed(join(modelFolder, 'tags'), rm.tags);
		writeKeyed(
			join(modelFolder, 'aliases'),
			Object.fromEntries(
				Object.entries(rm.aliases).map(([alias, version]) => [alias, String(version)]),
			),
		);
		for (const v of rm.versions) {
			const versionFolder = join(modelFolder, `version-${v.version}`);
			writeFile(
				join(versionFolder, 'meta.yaml'),
				pythonYaml({
					...(mlflow3 ? { deployment_job_state: null, model_id: v.modelId } : { aliases: [] }),
					creation_timestamp: v.creationTime,
					current_stage: v.currentStage,
					description: v.description,
					last_updated_timestamp: v.lastUpdatedTime,
					name: rm.name,
					run_id: v.runId,
					run_link: v.runLink,
					source: v.source,
					status: v.status,
					status_message: v.statusMessage,
					storage_location: v.storageLocation,
					user_id: v.userId,
					version: v.version,
				}),
			);
			writeKeyed(join(versionFolder, 'tags'), v.tags);
		}
	}
}
