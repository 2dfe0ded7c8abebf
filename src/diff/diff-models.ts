import type { DiffAliasMove, DiffModelVersion } from '../schemas/diff.ts';
import type { ModelVersion } from '../schemas/model-version.ts';
import type { DiffedSnapshot } from './read-snapshot.ts';

export interface ModelsDiff {
	versionsAdded: DiffModelVersion[];
	versionsRemoved: DiffModelVersion[];
	aliasMoves: DiffAliasMove[];
}

/**
 * Model versions only in head or only in base, and aliases that point to another version (or
 * appear, or go). Sorted by model name, then version (numerically when both are integers) or alias.
 */
export function diffModels(base: DiffedSnapshot, head: DiffedSnapshot): ModelsDiff {
	const versionsAdded = [...head.versions]
		.filter(([key]) => !base.versions.has(key))
		.map(([, version]) => describeVersion(version));
	const versionsRemoved = [...base.versions]
		.filter(([key]) => !head.versions.has(key))
		.map(([, version]) => describeVersion(version));
	const aliasMoves: DiffAliasMove[] = [];
	for (const slug of new Set([...base.models.keys(), ...head.models.keys()])) {
		const [b, h] = [base.models.get(slug), head.models.get(slug)];
		const model = (h ?? b)!.name;
		const aliases = new Set([...Object.keys(b?.aliases ?? {}), ...Object.keys(h?.aliases ?? {})]);
		for (const alias of aliases) {
			const [from, to] = [b?.aliases[alias] ?? null, h?.aliases[alias] ?? null];
			if (from !== to) aliasMoves.push({ model, modelSlug: slug, alias, from, to });
		}
	}
	const byVersion = (a: DiffModelVersion, b: DiffModelVersion) =>
		compareText(a.model, b.model) || compareVersions(a.version, b.version);
	return {
		versionsAdded: versionsAdded.sort(byVersion),
		versionsRemoved: versionsRemoved.sort(byVersion),
		aliasMoves: aliasMoves.sort((a, b) => compareText(a.model, b.model) || compareText(a.alias, b.alias)),
	};
}

function describeVersion(version: ModelVersion): DiffModelVersion {
	return {
		model: version.name,
		modelSlug: version.modelSlug,
		version: version.version,
		runId: version.runId,
		aliases: version.aliases,
	};
}

/** Integers compare as numbers (`2` before `10`); anything else (SemVer) as text. */
export function compareVersions(a: string, b: string): number {
	return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : compareText(a, b);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
