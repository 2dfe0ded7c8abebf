import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DemoArtifact, DemoStore } from './store-model.ts';

/** Where a `mlflow-artifacts:/<path>` URI points below an artifact root folder. */
export function artifactPath(root: string, uri: string): string {
	return join(root, uri.replace(/^mlflow-artifacts:\//, ''));
}

function writeAll(folder: string, artifacts: DemoArtifact[]): void {
	for (const artifact of artifacts) {
		const file = join(folder, ...artifact.path.split('/'));
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, artifact.content);
	}
}

/**
 * Writes run and logged-model artifacts below `root` the way `mlflow server` lays out its
 * `./mlartifacts` folder: `<exp>/<run>/artifacts/...` and `<exp>/models/<model>/artifacts/...`.
 */
export function writeArtifactRoot(store: DemoStore, root: string): void {
	for (const run of store.runs) writeAll(artifactPath(root, run.artifactUri), run.artifacts);
	for (const model of store.loggedModels)
		writeAll(artifactPath(root, model.artifactLocation), model.artifacts);
}
