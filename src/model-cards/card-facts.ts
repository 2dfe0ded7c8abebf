import { formatTime } from '../lib/format-time.ts';
import type { ModelCard } from '../schemas/model-card.ts';

/** The words shown wherever a fact is not documented. */
export const MORE_INFORMATION_NEEDED = 'More information needed';

/** One labelled fact of a card. `value` null means not documented. */
export interface Fact {
	label: string;
	value: string | null;
	/** External link for the value (repository, CI job); null when there is none. */
	href: string | null;
	/** Shown as code (ids, hashes, URIs). */
	code?: boolean;
}

const fact = (label: string, value: string | null, href: string | null = null, code = false): Fact => ({
	label,
	value: value === '' ? null : value,
	href,
	...(code ? { code } : {}),
});

// An empty list is a known fact (the version has no aliases), not a gap.
const list = (items: string[]) => (items.length ? items.join(', ') : 'none');

/** Facts of the "Model details" section, from the registry and the MLmodel file. */
export function detailFacts(card: ModelCard): Fact[] {
	const tags = Object.entries(card.tags).map(([k, v]) => `${k}=${v}`);
	const flavors = card.framework.flavors.length ? ` (flavors: ${card.framework.flavors.join(', ')})` : '';
	return [
		fact('Name', card.name),
		fact('Version', card.version),
		fact('Aliases', list(card.aliases)),
		fact('Tags', list(tags)),
		fact('Owner', card.owner),
		fact('Created', card.created === null ? null : formatTime(card.created)),
		fact('Stage', card.stage),
		fact('Status', card.status),
		fact('Framework', card.framework.library === null ? null : `${card.framework.library}${flavors}`),
		fact('MLflow version', card.framework.mlflowVersion),
		fact('License', card.license),
	];
}

/** Facts of the "Lineage" section: version → run → experiment → commit → CI job and merge request. */
export function lineageFacts(card: ModelCard): Fact[] {
	const { run, experiment, git, ci } = card.lineage;
	const commit = git ? `${git.commit.slice(0, 12)}${git.branch ? ` on ${git.branch}` : ''}${git.dirty ? ' (uncommitted changes)' : ''}` : null;
	return [
		fact('Registered from', card.lineage.source, null, true),
		fact('Logged model', card.lineage.loggedModelId, null, true),
		fact('Source run', run ? `${run.name ?? run.id} (${run.status})` : null),
		fact('Experiment', experiment?.name ?? null),
		fact('Git commit', commit, git?.commitUrl ?? null, true),
		fact('Repository', git?.repoUrl ?? null, git?.repoUrl ?? null),
		fact('CI job', ci?.jobId ? `#${ci.jobId}` : null, ci?.jobUrl ?? null),
		fact('CI pipeline', ci?.pipelineId ? `#${ci.pipelineId}` : null, ci?.pipelineUrl ?? null),
		fact('Merge request', ci?.mergeRequestIid ? `!${ci.mergeRequestIid}` : null, ci?.mergeRequestUrl ?? null),
	];
}
