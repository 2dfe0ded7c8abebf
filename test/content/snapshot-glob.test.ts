import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'astro/loaders';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTRY_SHAPE, snapshotGlob } from '../../src/content/snapshot-glob.ts';
import { RunEntrySchema, RunSchema } from '../../src/schemas/index.ts';

const root = mkdtempSync(join(tmpdir(), 'mlpages-snapshot-glob-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const fixture = join(import.meta.dirname, '../fixtures/content/basic/runs');
const base = join(root, 'content', 'runs');
mkdirSync(base, { recursive: true });
const file = readdirSync(fixture)[0]!;
cpSync(join(fixture, file), join(base, file));
const text = readFileSync(join(base, file), 'utf8');
const run = RunSchema.parse(JSON.parse(text));

/** The parts of Astro's loader context that glob() uses, over a store that outlives one load, as Astro's data store does. */
function context(entries: Map<string, { id: string; data: unknown; digest?: string; filePath?: string }>, meta: Map<string, string>) {
	return {
		collection: 'runs',
		config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
		logger: { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} },
		watcher: undefined,
		parseData: async ({ data }: { data: unknown }) => RunEntrySchema.parse(data),
		generateDigest: (value: string) => createHash('sha256').update(value).digest('hex'),
		entryTypes: new Map<string, { getEntryInfo: (input: { contents: string }) => { data: Record<string, unknown>; body: undefined } }>([
			['.json', { getEntryInfo: ({ contents }: { contents: string }) => ({ data: JSON.parse(contents) as Record<string, unknown>, body: undefined }) }],
		]),
		meta: { get: (k: string) => meta.get(k), set: (k: string, v: string) => void meta.set(k, v), has: (k: string) => meta.has(k), delete: (k: string) => meta.delete(k) },
		store: {
			keys: () => [...entries.keys()],
			get: (id: string) => entries.get(id),
			set: (entry: { id: string; data: unknown; digest?: string; filePath?: string }) => (entries.set(entry.id, entry), true),
			delete: (id: string) => void entries.delete(id),
			clear: () => entries.clear(),
			has: (id: string) => entries.has(id),
			addModuleImport: () => {},
			addAssetImports: () => {},
		},
	};
}

describe('snapshotGlob', () => {
	it('parses every file again when the store holds entries of an older shape, though the files did not change', async () => {
		const loader = snapshotGlob({ pattern: '*.json', base, generateId: ({ data }) => String(data['id']), retainBody: false });
		// What a build of mlpages before run summaries left: the whole run, under the file's digest.
		const entries = new Map([[run.id, { id: run.id, data: run as unknown, digest: createHash('sha256').update(text).digest('hex'), filePath: `content/runs/${file}` }]]);
		const meta = new Map<string, string>();
		await loader.load(context(entries, meta) as never);
		expect(entries.get(run.id)!.data).toEqual(RunEntrySchema.parse(run));
		expect(entries.get(run.id)!.data).not.toHaveProperty('params');
		expect(meta.get('mlpages-entry-shape')).toBe(ENTRY_SHAPE);
	});

	it('in a build, reads only the files that changed since the last sync, and stores what glob() stores', async () => {
		const dir = join(root, 'content', 'many');
		mkdirSync(dir, { recursive: true });
		for (const f of readdirSync(fixture)) cpSync(join(fixture, f), join(dir, f));
		const options = { pattern: '*.json', base: dir, generateId: ({ data }: { data: Record<string, unknown> }) => String(data['id']), retainBody: false };
		// Astro's own glob() over the same files: the entries to match.
		const expected = new Map<string, { id: string; data: unknown; digest?: string; filePath?: string }>();
		await glob(options).load(context(expected, new Map()) as never);
		const entries = new Map<string, { id: string; data: unknown; digest?: string; filePath?: string }>();
		const meta = new Map<string, string>();
		let reads = 0;
		const counting = () => {
			const ctx = context(entries, meta);
			const parse = ctx.entryTypes.get('.json')!.getEntryInfo;
			ctx.entryTypes.set('.json', { getEntryInfo: (input) => (reads++, parse(input)) });
			return ctx;
		};
		const loader = snapshotGlob(options);
		await loader.load(counting() as never);
		expect(reads).toBe(readdirSync(fixture).length);
		expect(entries).toEqual(expected);

		reads = 0;
		await loader.load(counting() as never);
		expect(reads).toBe(0);
		expect(entries).toEqual(expected);

		// The exporter replaces a changed file: written beside it, then renamed over it.
		const [first, second] = readdirSync(dir).sort();
		const changed = JSON.parse(readFileSync(join(dir, first!), 'utf8')) as { id: string; name: string };
		changed.name = 'renamed in the store';
		writeFileSync(join(dir, `${first}.tmp`), JSON.stringify(changed));
		renameSync(join(dir, `${first}.tmp`), join(dir, first!));
		rmSync(join(dir, second!));
		reads = 0;
		await loader.load(counting() as never);
		expect(reads).toBe(1);
		expect((entries.get(changed.id)!.data as { name: string }).name).toBe('renamed in the store');
		expect(entries.size).toBe(readdirSync(fixture).length - 1);
	});
});
