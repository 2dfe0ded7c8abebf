import type { Experiment } from '../schemas/experiment.ts';
import type { ModelVersion } from '../schemas/model-version.ts';
import type { RegisteredModel } from '../schemas/registered-model.ts';
import type { Run } from '../schemas/run.ts';
import { editDistance } from './did-you-mean.ts';

/**
 * How reports name things. A run is named by its id, its name (when no other run has it), or a
 * model version: `penguins-classifier@champion`, `penguins-classifier/3` or MLflow's own
 * `models:/penguins-classifier@champion`, meaning the run the version was logged from. An
 * experiment is named by id, name or slug; a model by name or slug, with an optional
 * `@alias` or `/version`.
 */

/** What references are resolved against: the snapshot's entities. */
export interface RefIndex {
	runs: readonly Run[];
	experiments: readonly Experiment[];
	models: readonly RegisteredModel[];
	/** Versions by model slug. */
	versions: ReadonlyMap<string, readonly ModelVersion[]>;
	/**
	 * How a name or other value from the store is shown in an error, which ends up in a CI log
	 * that is often public: the build passes the Redactor's rules (a token in an experiment name is
	 * shown `[redacted]`). Identity when absent.
	 */
	show?: (value: string) => string;
}

/** A reference that names nothing, or more than one thing; `message` says which and why. */
export class ReportRefError extends Error {
	override name = 'ReportRefError' as const;
	readonly reference: string;
	constructor(reference: string, message: string) {
		super(message);
		this.reference = reference;
	}
}

/** A model, and the version the reference picked (null when it named the model only). */
export interface ModelRef {
	model: RegisteredModel;
	version: ModelVersion | null;
	/** The alias the reference went through, if any. */
	alias: string | null;
}

const MODEL_REF = /^(?:models:\/)?(.+?)(?:@([^@/]+)|\/([^@/]+))?$/;
const quote = (text: string) => JSON.stringify(text);
/** Most store values an error lists: the nearest to the reference, never every name of the store. */
export const MAX_LISTED = 5;
/** Longest value shown in an error, in code units. */
const MAX_SHOWN = 80;

/** A store value as an error shows it: through `index.show` (redaction), cut to MAX_SHOWN, quoted. */
const shown = (index: RefIndex, value: string) => {
	const text = (index.show ?? ((v: string) => v))(value);
	return quote(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
};

/**
 * `values` as an error lists them, each shown through `index.show`: all of them, in order, when
 * there are at most MAX_LISTED; else the MAX_LISTED nearest to `ref` (those containing it
 * first, then by edit distance, case-insensitive), saying how many there are.
 */
function nearest(index: RefIndex, ref: string, values: readonly string[]): string {
	const unique = [...new Set(values)];
	if (unique.length <= MAX_LISTED) return unique.map((value) => shown(index, value)).join(', ');
	const target = ref.toLowerCase().slice(0, 200);
	const ranked = unique
		.map((value, order) => {
			const lower = value.toLowerCase();
			return { value, order, contains: lower.includes(target) ? 0 : 1, distance: editDistance(target, lower.slice(0, 200)) };
		})
		.sort((a, b) => a.contains - b.contains || a.distance - b.distance || a.order - b.order)
		.slice(0, MAX_LISTED);
	const listed = ranked.map((r) => shown(index, r.value)).join(', ');
	return `${listed} (the ${MAX_LISTED} nearest of ${unique.length})`;
}

/** The experiment named by id, then slug, then name. */
export function resolveExperiment(ref: string, index: RefIndex): Experiment {
	const found =
		index.experiments.find((e) => e.id === ref) ??
		index.experiments.find((e) => e.slug === ref) ??
		index.experiments.find((e) => e.name === ref);
	if (found) return found;
	throw new ReportRefError(
		ref,
		`No experiment has the id, name or slug ${quote(ref)}. Experiments: ${nearest(index, ref, index.experiments.map((e) => e.name))}.`,
	);
}

/** The model (by name, then slug) and, for `@alias` or `/version`, the version. */
export function resolveModel(ref: string, index: RefIndex): ModelRef {
	const [, name = ref, alias, version] = MODEL_REF.exec(ref) ?? [];
	const model = index.models.find((m) => m.name === name) ?? index.models.find((m) => m.slug === name);
	if (!model) {
		throw new ReportRefError(ref, `No registered model is named ${quote(name)}. Models: ${nearest(index, name, index.models.map((m) => m.name))}.`);
	}
	const versions = index.versions.get(model.slug) ?? [];
	if (alias !== undefined) {
		const target = model.aliases[alias];
		const found = versions.find((v) => v.version === target);
		if (found) return { model, version: found, alias };
		const aliases = Object.keys(model.aliases);
		throw new ReportRefError(
			ref,
			target === undefined
				? `Model ${shown(index, model.name)} has no alias ${quote(alias)}. Its aliases: ${aliases.length ? nearest(index, `@${alias}`, aliases.map((a) => `@${a}`)) : 'none'}.`
				: `The alias @${alias} of model ${shown(index, model.name)} points at version ${shown(index, target).slice(1, -1)}, which is not in the snapshot.`,
		);
	}
	if (version !== undefined) {
		const found = versions.find((v) => v.version === version);
		if (found) return { model, version: found, alias: null };
		throw new ReportRefError(ref, `Model ${shown(index, model.name)} has no version ${quote(version)}. Its versions: ${nearest(index, version, versions.map((v) => v.version))}.`);
	}
	return { model, version: null, alias: null };
}

/**
 * The run named by id, by a model version (its source run), or by a name that exactly one run
 * has. A name that several runs share is an error listing their ids, so the report can pick one.
 */
export function resolveRun(ref: string, index: RefIndex): Run {
	const byId = index.runs.find((r) => r.id === ref);
	if (byId) return byId;
	const named = index.runs.filter((r) => r.name === ref);
	if (named.length === 1) return named[0]!;
	if (named.length > 1) {
		throw new ReportRefError(ref, `${named.length} runs are named ${quote(ref)} (${named.map((r) => r.id).join(', ')}); name the run by its id.`);
	}
	if (/[@/]/.test(ref)) {
		const { model, version } = resolveModel(ref, index);
		if (version === null) throw new ReportRefError(ref, `${quote(ref)} names model ${shown(index, model.name)} but no version of it.`);
		const run = version.runId === null ? undefined : index.runs.find((r) => r.id === version.runId);
		if (run) return run;
		throw new ReportRefError(ref, `Version ${shown(index, version.version).slice(1, -1)} of model ${shown(index, model.name)} has no source run in the snapshot.`);
	}
	throw new ReportRefError(ref, `No run has the id or name ${quote(ref)}.`);
}
