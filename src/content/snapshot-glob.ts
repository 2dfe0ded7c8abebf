import { existsSync } from 'node:fs';
import { glob, type Loader } from 'astro/loaders';

/**
 * The shape of what the snapshot collections store, kept in each collection's meta. glob()
 * keeps an entry whose file did not change, and Astro clears its data store only when the
 * project's `content.config.ts` text, the Astro config or Astro's version changes, none of which
 * an mlpages upgrade touches: bump this when a collection schema's output changes, so that the
 * next sync parses every file again instead of serving entries of the old shape.
 * 2: `runs` holds RunSummary, not the whole run.
 */
export const ENTRY_SHAPE = '2';

/**
 * Astro's `glob()` loader for one folder of the snapshot, quiet when the folder does not exist:
 * a new project has no export yet, and a store without a registry has no `models/`. glob() would
 * warn about every such folder on every build; an absent folder is an empty collection here (and
 * entries of an earlier build are dropped). Options are glob()'s.
 */
export function snapshotGlob(options: Parameters<typeof glob>[0] & { base: string }): Loader {
	const inner = glob(options);
	return {
		...inner,
		name: 'mlpages-snapshot-glob',
		load: async (context) => {
			if (context.meta.get('mlpages-entry-shape') !== ENTRY_SHAPE) {
				context.store.clear();
				context.meta.set('mlpages-entry-shape', ENTRY_SHAPE);
			}
			if (!existsSync(options.base)) {
				context.store.clear();
				return;
			}
			await inner.load(context);
		},
	};
}
