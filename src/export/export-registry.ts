import { createHash } from 'node:crypto';
import { namespacedSlugs } from './namespaced-slugs.ts';
import { skippedBadRecord } from '../messages.ts';
import { ModelVersionSchema } from '../schemas/model-version.ts';
import { RegisteredModelSchema } from '../schemas/registered-model.ts';
import { isSafeFileId } from './artifact-policy.ts';
import { timeOrNull } from './exact-integers.ts';
import { describeIssues } from './export-run.ts';
import { isPrompt, normaliseModelVersion, normaliseRegisteredModel } from './normalise-registry.ts';
import type { PublishFilter } from './publish-filter.ts';
import type { SkippedTally } from './skipped-tally.ts';
import type { RawModelVersion, RawRegisteredModel, SourceReader } from './source-reader.ts';
import type { SnapshotWriter } from './write-snapshot.ts';

/**
 * Exports the model registry: `models/<slug>.json` and `model-versions/<slug>/<version>.json`.
 * Prompts and `Deleted_Internal` versions are left out and counted; aliases that point at a
 * version that is not exported are dropped. Slugs are given oldest model first; a collision gets
 * the first 8 hex of md5(name), so a model's URL does not depend on the other models.
 */
export async function exportRegistry(ctx: {
	reader: SourceReader;
	writer: SnapshotWriter;
	warn(message: string): void;
	skipped: SkippedTally;
	/** Opt-in publishing: a model tagged as a whole keeps every version, else only tagged versions. */
	publish?: PublishFilter;
	/** Namespace of a model when the site has several sources; its slug is prefixed `<namespace>--`. */
	namespaceOf?: (model: RawRegisteredModel) => string | null;
}): Promise<{ registeredModels: number; modelVersions: number }> {
	const models: RawRegisteredModel[] = [];
	const originals = new Map<RawRegisteredModel, RawRegisteredModel>();
	for await (const m of ctx.reader.registeredModels()) {
		if (isPrompt(m)) ctx.skipped.add('registeredModel', 'prompt', m.name);
		else {
			const owner = `model ${JSON.stringify(m.name)}`;
			const checked = { ...m, creationTime: timeOrNull(m.creationTime, 'creation time', owner, ctx.warn), lastUpdatedTime: timeOrNull(m.lastUpdatedTime, 'last update time', owner, ctx.warn) };
			// Readers know their records by identity: versions are asked for with the model as read.
			originals.set(checked, m);
			models.push(checked);
		}
	}
	models.sort((a, b) => (a.creationTime ?? Infinity) - (b.creationTime ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const slugs = namespacedSlugs(
		models.map((m, i) => ({ key: String(i), name: m.name, suffix: createHash('md5').update(m.name, 'utf8').digest('hex').slice(0, 8), namespace: ctx.namespaceOf?.(originals.get(m)!) ?? null })),
		'model',
		true,
	);
	let registeredModels = 0;
	let modelVersions = 0;
	for (const [i, model] of models.entries()) {
		const slug = slugs.get(String(i))!;
		const kept: RawModelVersion[] = [];
		const wholeModel = ctx.publish?.model(model) ?? true;
		const original = originals.get(model)!;
		for await (const read of ctx.reader.modelVersions(original)) {
			const owner = `version ${read.version} of model ${JSON.stringify(model.name)}`;
			const v = { ...read, creationTime: timeOrNull(read.creationTime, 'creation time', owner, ctx.warn), lastUpdatedTime: timeOrNull(read.lastUpdatedTime, 'last update time', owner, ctx.warn) };
			if (v.stage === 'Deleted_Internal') ctx.skipped.add('modelVersion', 'deleted', `${model.name}/${v.version}`);
			else if (!wholeModel && !ctx.publish!.version(v)) ctx.skipped.add('modelVersion', 'filtered', `${model.name}/${v.version}`);
			else kept.push(v);
		}
		if (!wholeModel && kept.length === 0) {
			ctx.skipped.add('registeredModel', 'filtered', model.name);
			continue;
		}
		const versionSet = new Set(kept.map((v) => v.version));
		const aliases: Record<string, string> = {};
		for (const [alias, version] of Object.entries(model.aliases)) {
			if (versionSet.has(version)) aliases[alias] = version;
			else ctx.warn(skippedBadRecord('alias', `@${alias} of model ${model.name}`, `version ${version} is not exported`));
		}
		const written: string[] = [];
		for (const v of kept) {
			const own = Object.keys(aliases).filter((a) => aliases[a] === v.version);
			const parsed = ModelVersionSchema.safeParse(normaliseModelVersion(v, slug, own));
			if (!parsed.success) {
				ctx.warn(skippedBadRecord('model version', `${model.name} version ${v.version}`, describeIssues(parsed.error.issues)));
				ctx.skipped.add('modelVersion', 'invalid', `${model.name}/${v.version}`);
				for (const a of own) delete aliases[a];
				continue;
			}
			if (!isSafeFileId(v.version)) {
				ctx.warn(skippedBadRecord('model version', `${model.name} version ${v.version}`, 'the version cannot be used as a file name'));
				ctx.skipped.add('modelVersion', 'invalid', `${model.name}/${v.version}`);
				for (const a of own) delete aliases[a];
				continue;
			}
			await ctx.writer.writeJson(`model-versions/${slug}/${v.version}.json`, parsed.data);
			written.push(v.version);
			modelVersions++;
		}
		const parsed = RegisteredModelSchema.safeParse(normaliseRegisteredModel(model, slug, written, aliases));
		if (!parsed.success) {
			ctx.warn(skippedBadRecord('registered model', model.name, describeIssues(parsed.error.issues)));
			ctx.skipped.add('registeredModel', 'invalid', model.name);
			continue;
		}
		await ctx.writer.writeJson(`models/${slug}.json`, parsed.data);
		registeredModels++;
	}
	return { registeredModels, modelVersions };
}
