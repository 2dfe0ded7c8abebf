import { nonEmpty } from './normalise-run.ts';
import type { RawModelVersion, RawRegisteredModel } from './source-reader.ts';
import { stripCredentials } from './strip-credentials.ts';

/** `models:/m-<32 hex>` (optionally followed by a path) names an MLflow 3 logged model. */
const LOGGED_MODEL_SOURCE = /^models:\/(m-[0-9a-f]{32})(?:\/|$)/;

/** True for a prompt of MLflow 3's prompt registry (stored as a registered model). */
export function isPrompt(model: RawRegisteredModel): boolean {
	return model.tags['mlflow.prompt.is_prompt']?.toLowerCase() === 'true';
}

/** Orders versions as numbers when they are integers (MLflow), else as text (GitLab SemVer). */
export function compareVersions(a: string, b: string): number {
	const na = /^\d+$/.test(a) ? Number(a) : NaN;
	const nb = /^\d+$/.test(b) ? Number(b) : NaN;
	if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The snapshot form of a registered model (validated by RegisteredModelSchema before writing). */
export function normaliseRegisteredModel(
	raw: RawRegisteredModel,
	slug: string,
	versions: string[],
	aliases: Record<string, string>,
) {
	return {
		name: raw.name,
		slug,
		creationTime: raw.creationTime,
		lastUpdatedTime: raw.lastUpdatedTime,
		description: nonEmpty(raw.description),
		tags: raw.tags,
		aliases,
		versions: [...versions].sort(compareVersions),
	};
}

/** The snapshot form of a model version (validated by ModelVersionSchema before writing). */
export function normaliseModelVersion(raw: RawModelVersion, modelSlug: string, aliases: string[]) {
	const source = nonEmpty(raw.source);
	return {
		name: raw.name,
		modelSlug,
		version: raw.version,
		creationTime: raw.creationTime,
		lastUpdatedTime: raw.lastUpdatedTime,
		description: nonEmpty(raw.description),
		user: nonEmpty(raw.userId),
		stage: raw.stage,
		status: raw.status,
		source: source === null ? null : stripCredentials(source),
		runId: nonEmpty(raw.runId),
		loggedModelId: source ? (LOGGED_MODEL_SOURCE.exec(source)?.[1] ?? null) : null,
		aliases: [...aliases].sort(),
		tags: raw.tags,
	};
}
