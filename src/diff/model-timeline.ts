import type { GitRunner } from './git-runner.ts';
import type { SnapshotCommit, SnapshotHistory } from './snapshot-commits.ts';

/** An alias that points somewhere else after a commit than before it. */
export interface AliasMove {
	alias: string;
	/** Version before the commit; null when the alias was new (or, with `atStart`, unknown). */
	from: string | null;
	/** Version after the commit; null when the alias was removed. */
	to: string | null;
	commit: SnapshotCommit;
	/** The alias already pointed at `to` in the oldest commit the history holds: where it came from is not known. */
	atStart: boolean;
}

/** The metrics of a version's source run as one commit of the snapshot held them. */
export interface VersionMetrics {
	version: string;
	runId: string | null;
	/** Latest value of each tracked metric; null when the run has it but not finite, or lacks it. */
	metrics: Record<string, number | null>;
	commit: SnapshotCommit;
}

/** A registered model across the commits of the snapshot, oldest first. */
export interface ModelTimeline {
	slug: string;
	name: string;
	moves: AliasMove[];
	/** One entry per version whenever its metrics first appear or change. */
	metrics: VersionMetrics[];
	/** The metric keys shown: the held-out ones (`val_…`, `test_…`), else all, at most MAX_METRICS. */
	keys: string[];
}

/** Metrics followed per model at most. */
export const MAX_METRICS = 6;
const HELD_OUT = /^(val|valid|validation|eval|test)_/i;

interface Tree {
	models: Map<string, { name: string; aliases: Record<string, string> }>;
	versions: Map<string, { version: string; runId: string | null }[]>;
	runs: Map<string, Record<string, number | null>>;
}

/**
 * Every registered model's timeline across the commits of `history` (snapshotCommits): the
 * alias moves each commit made and the metrics of each version's source run as each commit held
 * them. Reads, per commit, the snapshot's `models/`, `model-versions/` and the source runs'
 * files, with `git` running in the snapshot folder (paths relative to it). A shallow history's
 * first commit reports its aliases as `atStart`, never as moves.
 */
export async function modelTimelines(git: GitRunner, history: SnapshotHistory): Promise<Map<string, ModelTimeline>> {
	const timelines = new Map<string, ModelTimeline>();
	let previous: Tree | null = null;
	const lastMetrics = new Map<string, string>();
	for (const commit of [...history.commits].reverse()) {
		const tree = await readTree(git, commit.sha);
		for (const [slug, model] of tree.models) {
			let timeline = timelines.get(slug);
			if (!timeline) timelines.set(slug, (timeline = { slug, name: model.name, moves: [], metrics: [], keys: [] }));
			timeline.name = model.name;
			const before = previous?.models.get(slug)?.aliases ?? {};
			const first = previous === null;
			for (const alias of [...new Set([...Object.keys(before), ...Object.keys(model.aliases)])].sort()) {
				const [from, to] = [before[alias] ?? null, model.aliases[alias] ?? null];
				if (from !== to) timeline.moves.push({ alias, from, to, commit, atStart: first && history.status === 'shallow' });
			}
			for (const { version, runId } of tree.versions.get(slug) ?? []) {
				const metrics = (runId !== null && tree.runs.get(runId)) || {};
				if (timeline.keys.length === 0 || !Object.keys(metrics).every((k) => timeline.keys.includes(k))) {
					const all = [...new Set([...timeline.keys, ...Object.keys(metrics)])].sort();
					const held = all.filter((k) => HELD_OUT.test(k));
					timeline.keys = (held.length > 0 ? held : all).slice(0, MAX_METRICS);
				}
				const shown = Object.fromEntries(timeline.keys.map((k) => [k, metrics[k] ?? null]));
				const key = `${slug}/${version}`;
				const text = JSON.stringify([runId, shown]);
				if (lastMetrics.get(key) === text) continue;
				lastMetrics.set(key, text);
				timeline.metrics.push({ version, runId, metrics: shown, commit });
			}
		}
		for (const [slug, model] of previous?.models ?? []) {
			if (tree.models.has(slug)) continue;
			const timeline = timelines.get(slug)!;
			for (const [alias, from] of Object.entries(model.aliases)) timeline.moves.push({ alias, from, to: null, commit, atStart: false });
		}
		previous = tree;
	}
	return timelines;
}

/** The models, versions and versions' source runs of the snapshot at `sha`. */
async function readTree(git: GitRunner, sha: string): Promise<Tree> {
	const list = (await git(['ls-tree', '-r', '-z', '--name-only', sha, '--', 'models', 'model-versions'])).toString('utf8').split('\0').filter((p) => p.endsWith('.json'));
	const files = await readFiles(git, sha, list);
	const tree: Tree = { models: new Map(), versions: new Map(), runs: new Map() };
	for (const [path, text] of files) {
		const json = parse(text);
		if (!json) continue;
		if (path.startsWith('models/')) {
			const slug = typeof json['slug'] === 'string' ? json['slug'] : path.slice('models/'.length, -'.json'.length);
			const aliases = json['aliases'] && typeof json['aliases'] === 'object' ? (json['aliases'] as Record<string, string>) : {};
			tree.models.set(slug, { name: typeof json['name'] === 'string' ? json['name'] : slug, aliases });
		} else {
			const slug = path.split('/')[1]!;
			const version = { version: String(json['version'] ?? path.split('/').at(-1)!.replace(/\.json$/, '')), runId: typeof json['runId'] === 'string' ? json['runId'] : null };
			tree.versions.set(slug, [...(tree.versions.get(slug) ?? []), version]);
		}
	}
	for (const list of tree.versions.values()) list.sort((a, b) => Number(a.version) - Number(b.version) || a.version.localeCompare(b.version));
	const runIds = [...new Set([...tree.versions.values()].flat().flatMap((v) => (v.runId ? [v.runId] : [])))].filter((id) => /^[\w-]+$/.test(id));
	const present = new Set((await git(['ls-tree', '-z', '--name-only', sha, '--', ...runIds.map((id) => `runs/${id}.json`)])).toString('utf8').split('\0'));
	for (const [path, text] of await readFiles(git, sha, runIds.map((id) => `runs/${id}.json`).filter((p) => present.has(p)))) {
		const metrics = (parse(text)?.['metrics'] ?? {}) as Record<string, { last?: unknown }>;
		tree.runs.set(path.slice('runs/'.length, -'.json'.length), Object.fromEntries(Object.entries(metrics).map(([k, s]) => [k, typeof s?.last === 'number' ? s.last : null])));
	}
	return tree;
}

/** The texts of `paths` (relative to the snapshot folder) at `sha`, read in one `git cat-file --batch`. */
async function readFiles(git: GitRunner, sha: string, paths: readonly string[]): Promise<[string, string][]> {
	if (paths.length === 0) return [];
	const out = await git(['cat-file', '--batch'], { input: paths.map((p) => `${sha}:./${p}\n`).join('') });
	const files: [string, string][] = [];
	let at = 0;
	for (const path of paths) {
		const eol = out.indexOf(0x0a, at);
		const size = /^\S+ blob (\d+)$/.exec(out.subarray(at, eol).toString('utf8'))?.[1];
		if (size === undefined) {
			at = eol + 1;
			continue;
		}
		files.push([path, out.subarray(eol + 1, eol + 1 + Number(size)).toString('utf8')]);
		at = eol + 1 + Number(size) + 1;
	}
	return files;
}

function parse(text: string): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(text);
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}
