import { join } from 'node:path';
import { skippedBadRecord } from '../../messages.ts';
import type { RawExperiment } from '../source-reader.ts';
import { display, listEntries, readKeyValues, readMeta, type StoreContext } from './file-store-walk.ts';

/** Where one experiment lives in the store. */
export interface ExperimentLocation {
	/** The folder name, which MLflow requires to equal `experiment_id`. */
	id: string;
	dir: string;
	/** Path relative to the root, for messages. */
	rel: string;
	/** Under `.trash/`: deleted, whatever its meta.yaml says (old MLflow left `active` there). */
	trashed: boolean;
}

/**
 * Experiment folders: every folder of the root except the registry (`models/`), `.trash/` and
 * hidden folders (`.ipynb_checkpoints`), then every folder of `.trash/`. An id found both active
 * and in `.trash/` (a restore that left a copy) is read once, from the active folder.
 */
export function listExperimentFolders(ctx: StoreContext): ExperimentLocation[] {
	const found: ExperimentLocation[] = [];
	const seen = new Set<string>();
	for (const trashed of [false, true]) {
		const base = trashed ? join(ctx.root, '.trash') : ctx.root;
		for (const entry of listEntries(base)) {
			if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
			if (!trashed && entry.name === 'models') continue;
			const rel = trashed ? `.trash/${entry.name}` : entry.name;
			if (seen.has(entry.name)) {
				ctx.warn(skippedBadRecord('experiment', display(ctx, rel), `experiment ${entry.name} is also active`));
				continue;
			}
			seen.add(entry.name);
			found.push({ id: entry.name, dir: join(base, entry.name), rel, trashed });
		}
	}
	return found;
}

/**
 * Reads an experiment's meta.yaml and `tags/` (tags are never read from meta.yaml, where newer
 * MLflow may leave a stale copy). Returns null, after a warning, when the meta is missing or
 * broken, has no name, or names another id than its folder.
 */
export function readExperiment(ctx: StoreContext, loc: ExperimentLocation): RawExperiment | null {
	const meta = readMeta(ctx, loc.dir, loc.rel, 'experiment');
	if (meta === null) return null;
	const where = display(ctx, `${loc.rel}/meta.yaml`);
	const id = meta.text('experiment_id');
	if (id !== loc.id) {
		const reason = id === null ? 'it has no experiment_id' : `its experiment_id "${id}" does not match the folder name`;
		ctx.warn(skippedBadRecord('experiment', where, reason));
		return null;
	}
	const name = meta.text('name');
	if (name === null) {
		ctx.warn(skippedBadRecord('experiment', where, 'it has no name'));
		return null;
	}
	return {
		id,
		name,
		lifecycleStage: loc.trashed || meta.text('lifecycle_stage') === 'deleted' ? 'deleted' : 'active',
		artifactLocation: meta.text('artifact_location'),
		creationTime: meta.int('creation_time'),
		lastUpdateTime: meta.int('last_update_time'),
		tags: readKeyValues(ctx, join(loc.dir, 'tags'), `${loc.rel}/tags`),
	};
}
