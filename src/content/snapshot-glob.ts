import { existsSync } from 'node:fs';
import { glob, type Loader } from 'astro/loaders';

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
			if (!existsSync(options.base)) {
				context.store.clear();
				return;
			}
			await inner.load(context);
		},
	};
}
