import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import fg from 'fast-glob';

/**
 * The shape of what the snapshot collections store, kept in each collection's meta. glob()
 * keeps an entry whose file did not change, and Astro clears its data store only when the
 * project's `content.config.ts` text, the Astro config or Astro's version changes, none of which
 * an mlpages upgrade touches: bump this when a collection schema's output changes, so that the
 * next sync parses every file again instead of serving entries of the old shape.
 * 2: `runs` holds RunSummary, not the whole run.
 */
export const ENTRY_SHAPE = '2';

/** Meta key of the files' stamps: file (relative to the base) → `<inode>:<mtime>:<size>\0<entry id>`. */
const STAMPS = 'mlpages-file-stamps';

interface JsonEntryType {
	getEntryInfo(input: { contents: string; fileUrl: URL }): Promise<{ data: Record<string, unknown> }> | { data: Record<string, unknown> };
}

type GlobOptions = Parameters<typeof glob>[0] & { base: string; pattern: string };

/**
 * Astro's `glob()` loader for one folder of the snapshot, quiet when the folder does not exist:
 * a new project has no export yet, and a store without a registry has no `models/`. glob() would
 * warn about every such folder on every build; an absent folder is an empty collection here (and
 * entries of an earlier build are dropped). Options are glob()'s.
 *
 * In a build (no file watcher), a file whose inode, mtime and size are those of the previous
 * sync keeps its entry without being read: glob() reads, parses and hashes every file on every
 * build to find the unchanged ones, two seconds of a 10,000-run build where the exporter had
 * rewritten five files. The exporter replaces a changed file (a new inode), so a stamp changes
 * with any content. Files that changed are read as glob() reads them: the same id, data, digest
 * and file path in the store. `astro dev` uses glob() itself, which also watches, and so do
 * collections of other files than JSON.
 */
export function snapshotGlob(options: GlobOptions): Loader {
	const inner = glob(options);
	return {
		...inner,
		name: 'mlpages-snapshot-glob',
		load: async (context) => {
			if (context.meta.get('mlpages-entry-shape') !== ENTRY_SHAPE) {
				context.store.clear();
				context.meta.delete(STAMPS);
				context.meta.set('mlpages-entry-shape', ENTRY_SHAPE);
			}
			if (!existsSync(options.base)) {
				context.store.clear();
				context.meta.delete(STAMPS);
				return;
			}
			// Reports (`*.mdx`, rendered by MDX) and `astro dev` (which watches) get glob() itself.
			if (context.watcher || !options.pattern.endsWith('.json')) {
				context.meta.delete(STAMPS);
				await inner.load(context);
				return;
			}
			await loadChanged(options, context);
		},
	};
}

/** Syncs the collection from the files under `options.base`, reading only those whose stamp changed. */
async function loadChanged(options: GlobOptions, context: LoaderContext): Promise<void> {
	const { store, meta, config, parseData, generateDigest } = context;
	const base = resolve(options.base);
	const baseUrl = pathToFileURL(`${base}${sep}`);
	const root = fileURLToPath(config.root);
	// glob()'s reading of a JSON file (its parse errors name the file), from the context Astro
	// hands every loader; plain JSON.parse if a later Astro stops handing it.
	const entryType = (context as LoaderContext & { entryTypes?: Map<string, JsonEntryType> }).entryTypes?.get('.json') ?? {
		getEntryInfo: async ({ contents }: { contents: string }) => ({ data: JSON.parse(contents) as Record<string, unknown> }),
	};
	const previous = new Map<string, string>(Object.entries(JSON.parse(meta.get(STAMPS) ?? '{}') as Record<string, string>));
	const stamps: Record<string, string> = {};
	const untouched = new Set(store.keys());
	const generateId = options.generateId!;
	for (const entry of fg.sync(options.pattern, { cwd: base, onlyFiles: true }).sort()) {
		const file = join(base, entry);
		const info = statSync(file, { throwIfNoEntry: false });
		if (!info) continue;
		const stamp = `${info.ino}:${info.mtimeMs}:${info.size}`;
		const known = previous.get(entry);
		const knownId = known?.startsWith(`${stamp}\0`) ? known.slice(stamp.length + 1) : null;
		if (knownId !== null && store.has(knownId)) {
			untouched.delete(knownId);
			stamps[entry] = known!;
			continue;
		}
		const contents = readFileSync(file, 'utf8');
		const fileUrl = new URL(encodeURI(entry), baseUrl);
		const { data } = await entryType.getEntryInfo({ contents, fileUrl });
		const id = generateId({ entry, base: baseUrl, data });
		untouched.delete(id);
		stamps[entry] = `${stamp}\0${id}`;
		const digest = generateDigest(contents);
		if (store.get(id)?.digest === digest) continue;
		store.set({ id, data: await parseData({ id, data, filePath: file }), filePath: relative(root, file).split(sep).join('/'), digest });
	}
	for (const id of untouched) store.delete(id);
	meta.set(STAMPS, JSON.stringify(stamps));
}
