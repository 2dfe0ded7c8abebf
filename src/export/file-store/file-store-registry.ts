import { join } from 'node:path';
import { skippedBadRecord } from '../../messages.ts';
import type { RawModelVersion, RawRegisteredModel } from '../source-reader.ts';
import { display, listEntries, readKeyValues, readMeta, type StoreContext } from './file-store-walk.ts';

/** Where one registered model lives: `<root>/models/<name>/`. */
export interface RegisteredModelLocation {
	name: string;
	dir: string;
	rel: string;
}

/**
 * Registered models of the store's registry (`<root>/models/<name>/`): meta.yaml, `tags/`, and
 * aliases from `aliases/<alias>` files (the `aliases:` map in meta.yaml is a stale copy and is
 * ignored). Prompts are registered models too, flagged by tag `mlflow.prompt.is_prompt`.
 */
export function readRegisteredModels(
	ctx: StoreContext,
): Array<{ model: RawRegisteredModel; loc: RegisteredModelLocation }> {
	const found: Array<{ model: RawRegisteredModel; loc: RegisteredModelLocation }> = [];
	for (const entry of listEntries(join(ctx.root, 'models'))) {
		if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
		const loc = { name: entry.name, dir: join(ctx.root, 'models', entry.name), rel: `models/${entry.name}` };
		const meta = readMeta(ctx, loc.dir, loc.rel, 'registered model');
		if (meta === null) continue;
		const name = meta.text('name');
		if (name !== entry.name) {
			const reason = name === null ? 'it has no name' : `its name "${name}" does not match the folder name`;
			ctx.warn(skippedBadRecord('registered model', display(ctx, `${loc.rel}/meta.yaml`), reason));
			continue;
		}
		const aliases: Record<string, string> = Object.create(null);
		for (const [alias, version] of Object.entries(readKeyValues(ctx, join(loc.dir, 'aliases'), `${loc.rel}/aliases`))) {
			aliases[alias] = version.trim();
		}
		found.push({
			loc,
			model: {
				name,
				creationTime: meta.int('creation_timestamp'),
				lastUpdatedTime: meta.int('last_updated_timestamp'),
				description: meta.text('description') || null,
				tags: readKeyValues(ctx, join(loc.dir, 'tags'), `${loc.rel}/tags`),
				aliases,
			},
		});
	}
	return found;
}

/**
 * Versions of one registered model (`version-<n>/meta.yaml` and `tags/`), in numeric order
 * (`version-10` after `version-9`). `Deleted_Internal` versions are returned with that stage;
 * the exporter leaves them out. A version whose meta is broken or names another model or
 * number is skipped with a warning.
 */
export function readModelVersions(ctx: StoreContext, loc: RegisteredModelLocation): RawModelVersion[] {
	const folders = listEntries(loc.dir)
		.filter((e) => e.isDirectory() && /^version-\d+$/.test(e.name))
		.map((e) => ({ name: e.name, n: Number(e.name.slice('version-'.length)) }))
		.sort((a, b) => a.n - b.n);
	const versions: RawModelVersion[] = [];
	for (const folder of folders) {
		const dir = join(loc.dir, folder.name);
		const rel = `${loc.rel}/${folder.name}`;
		const meta = readMeta(ctx, dir, rel, 'model version');
		if (meta === null) continue;
		const version = meta.text('version');
		const name = meta.text('name');
		if (version === null || Number(version) !== folder.n || name !== loc.name) {
			const reason =
				name !== loc.name ? `its name "${name}" is not the registered model's`
				: `its version "${version}" does not match the folder name`;
			ctx.warn(skippedBadRecord('model version', display(ctx, `${rel}/meta.yaml`), reason));
			continue;
		}
		versions.push({
			name,
			version: String(folder.n),
			creationTime: meta.int('creation_timestamp'),
			lastUpdatedTime: meta.int('last_updated_timestamp'),
			description: meta.text('description') || null,
			userId: meta.text('user_id') || null,
			stage: meta.text('current_stage') ?? 'None',
			status: meta.text('status') ?? 'READY',
			source: meta.text('source') || null,
			runId: meta.text('run_id') || null,
			tags: readKeyValues(ctx, join(dir, 'tags'), `${rel}/tags`),
		});
	}
	return versions;
}
