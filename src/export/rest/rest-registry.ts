import { API, decodeOrWarn, idField, isMissingEndpoint, listAll, type RestContext } from './rest-context.ts';
import { decodeLoggedModel, decodeModelVersion, decodeRegisteredModel } from './rest-decode-registry.ts';
import { object } from './rest-json-values.ts';
import type { RawExperiment, RawLoggedModel, RawModelVersion, RawRegisteredModel } from '../source-reader.ts';

/** What the registry readers remember between calls of one export. */
export interface RegistryState {
	/** GitLab: `latest_versions` of each model from the search (GitLab lists every version there). */
	listedVersions: Map<string, unknown[]>;
	/** False once the server answered that `logged-models/search` does not exist. */
	loggedModels: boolean;
}

/** Page sizes: registered-models/search allows 1000; model-versions/search far more on MLflow. */
const MODELS_PAGE = 1000;
const VERSIONS_PAGE = 10_000;
const LOGGED_MODELS_PAGE = 100;

/** Every registered model (`registered-models/search`; MLflow leaves prompts out itself). */
export async function* restRegisteredModels(ctx: RestContext, state: RegistryState): AsyncGenerator<RawRegisteredModel> {
	const path = `${API}registered-models/search`;
	const where = ctx.client.describe('GET', path);
	for await (const item of listAll(ctx, 'GET', path, { max_results: MODELS_PAGE }, 'registered_models', idField('name'))) {
		const decoded = decodeOrWarn(ctx, 'registered model', where, () => decodeRegisteredModel(item, ctx.dialect));
		if (decoded === null) continue;
		if (ctx.dialect === 'gitlab' && 'latest_versions' in object(item, 'registered model')) {
			state.listedVersions.set(decoded.model.name, decoded.versions);
		}
		yield decoded.model;
	}
}

/**
 * Every version of one model. MLflow: `model-versions/search` filtered by name. GitLab has no
 * such endpoint but lists all versions in the model's `latest_versions`, from the search or,
 * when the search left them out, from `registered-models/get`.
 */
export async function* restModelVersions(
	ctx: RestContext,
	state: RegistryState,
	model: RawRegisteredModel,
): AsyncGenerator<RawModelVersion> {
	const seen = new Set<string>();
	const keep = (v: RawModelVersion | null): v is RawModelVersion => {
		if (v === null || v.name !== model.name || seen.has(v.version)) return false;
		seen.add(v.version);
		return true;
	};
	if (ctx.dialect === 'gitlab') {
		const path = `${API}registered-models/get`;
		const where = ctx.client.describe('GET', path, { name: model.name });
		let listed = state.listedVersions.get(model.name);
		if (listed === undefined) {
			const body = await ctx.client.json('GET', path, { name: model.name });
			const decoded = decodeOrWarn(ctx, 'registered model', where, () => decodeRegisteredModel(body['registered_model'], 'gitlab'));
			listed = decoded?.versions ?? [];
		}
		for (const item of listed) {
			const version = decodeOrWarn(ctx, `version of model "${model.name}"`, where, () => decodeModelVersion(item, 'gitlab'));
			if (keep(version)) yield version;
		}
		return;
	}
	const path = `${API}model-versions/search`;
	const params = { filter: nameFilter(model.name), max_results: VERSIONS_PAGE };
	const where = ctx.client.describe('GET', path, params);
	for await (const item of listAll(ctx, 'GET', path, params, 'model_versions', idField('version'))) {
		const version = decodeOrWarn(ctx, `version of model "${model.name}"`, where, () => decodeModelVersion(item, 'rest'));
		if (keep(version)) yield version;
	}
}

/**
 * MLflow's filter for one model name. MLflow strips the outer quotes without unescaping, so a
 * name with `'` is put in double quotes instead.
 */
export function nameFilter(name: string): string {
	return name.includes("'") ? `name="${name}"` : `name='${name}'`;
}

/** MLflow 3 logged models of one experiment; none where the server lacks the endpoint (GitLab, MLflow 2). */
export async function* restLoggedModels(
	ctx: RestContext,
	state: RegistryState,
	experiment: RawExperiment,
): AsyncGenerator<RawLoggedModel> {
	if (ctx.dialect === 'gitlab' || !state.loggedModels) return;
	const path = `${API}logged-models/search`;
	const where = ctx.client.describe('POST', path);
	const params = { experiment_ids: [experiment.id], max_results: LOGGED_MODELS_PAGE };
	try {
		for await (const item of listAll(ctx, 'POST', path, params, 'models', idField('info', 'model_id'))) {
			const model = decodeOrWarn(ctx, 'logged model', where, () => decodeLoggedModel(item));
			if (model !== null) yield model;
		}
	} catch (error) {
		if (!isMissingEndpoint(error)) throw error;
		state.loggedModels = false;
	}
}
