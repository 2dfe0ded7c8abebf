/**
 * §4.7 of the security reference: an output folder that cannot be written and a disk that fills
 * up mid-export. The export exits 1 with the catalogued message naming the folder, no staging
 * folder is left behind, and the previous snapshot and built site stay byte for byte as they were.
 * Tests run as root, where chmod cannot forbid writing, so permission errors are injected through
 * the exporter's `writeFile` effect (and a path under a regular file gives a real ENOTDIR).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { runBuildCommand } from '../../src/cli/build-command.ts';
import { runExportCommand } from '../../src/cli/export-command.ts';
import { loadMlpagesConfig } from '../../src/cli/load-config.ts';
import { readTree } from '../export/helpers/snapshot-tree.ts';
import { makeModernStore } from '../export/helpers/make-sqlite-store.ts';

const root = join(import.meta.dirname, '../..');

function fsError(code: string, path: string): NodeJS.ErrnoException {
	const message = code === 'ENOSPC' ? 'no space left on device' : 'permission denied';
	return Object.assign(new Error(`${code}: ${message}, open '${path}'`), { code, path });
}

/** A writeFile that fails with `code` from the `n`th call on, after writing the earlier ones. */
function failingWrite(code: string, n: number) {
	let calls = 0;
	return async (path: string, data: Uint8Array) => {
		if (++calls >= n) throw fsError(code, path);
		writeFileSync(path, data);
	};
}

function effects(writeFile?: (path: string, data: Uint8Array) => Promise<void>) {
	const lines: string[] = [];
	const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
	return { lines, fx: { logger, env: {}, cwd: root, now: () => 0, loadConfig: () => loadMlpagesConfig(root), ...(writeFile ? { writeFile } : {}) } };
}

/**
 * A folder with a good snapshot from the synthetic SQLite store, and the store then changed, so
 * that exporting it again writes files (unchanged files are linked, not written).
 */
async function previousSnapshot() {
	const { db } = makeModernStore();
	const parent = mkdtempSync(join(tmpdir(), 'mlpages-out-'));
	const out = join(parent, 'content');
	expect(await runExportCommand([db, '--out', out], effects().fx)).toBe(0);
	const store = new DatabaseSync(db);
	store.exec("UPDATE runs SET name = name || ' (renamed)'; UPDATE experiments SET name = name || ' (renamed)'; UPDATE metrics SET value = value / 2 WHERE is_nan = 0");
	store.close();
	return { db, parent, out, before: readTree(out) };
}

describe('an output that cannot be written (#92)', () => {
	it.each([
		['EACCES on the first file', 'EACCES', 1],
		['EACCES halfway through', 'EACCES', 6],
	])('%s: exits 1 naming the folder, keeps the previous snapshot, leaves no staging folder', async (_, code, n) => {
		const { db, parent, out, before } = await previousSnapshot();
		const { lines, fx } = effects(failingWrite(code, n));
		expect(await runExportCommand([db, '--out', out], fx)).toBe(1);
		const log = lines.join('\n');
		expect(log).toContain('MlpagesOutputUnwritable');
		expect(log).toContain(out);
		expect(log).toMatch(/previous snapshot was left as it was/);
		expect(readTree(out)).toEqual(before);
		expect(readdirSync(parent)).toEqual(['content']);
	});

	it('a folder under a regular file (ENOTDIR): exits 1 with the catalogued message', async () => {
		const { db } = makeModernStore();
		const parent = mkdtempSync(join(tmpdir(), 'mlpages-notdir-'));
		writeFileSync(join(parent, 'file'), 'x');
		const { lines, fx } = effects();
		expect(await runExportCommand([db, '--out', join(parent, 'file', 'content')], fx)).toBe(1);
		expect(lines.join('\n')).toContain('MlpagesOutputUnwritable');
	});
});

describe('a disk that fills up mid-export (#89)', () => {
	it.each([1, 4, 8])('ENOSPC at write %i: exits 1, the previous snapshot is byte-identical, no temp folder remains', async (n) => {
		const { db, parent, out, before } = await previousSnapshot();
		const { lines, fx } = effects(failingWrite('ENOSPC', n));
		expect(await runExportCommand([db, '--out', out], fx)).toBe(1);
		expect(lines.join('\n')).toMatch(/no space left on device/);
		expect(readTree(out)).toEqual(before);
		expect(readdirSync(parent)).toEqual(['content']);
	});

	it('npm run build does not build (and so keeps the previous site) when the export fails', async () => {
		const { db, parent, out, before } = await previousSnapshot();
		const dist = join(parent, 'dist');
		mkdirSync(join(dist, 'runs'), { recursive: true });
		writeFileSync(join(dist, 'index.html'), '<p>previous site</p>');
		const site = readTree(dist);
		const { fx } = effects(failingWrite('ENOSPC', 1));
		const builds: string[][] = [];
		const status = await runBuildCommand([], {
			...fx,
			env: { MLFLOW_TRACKING_URI: db, MLPAGES_CONTENT_DIR: out },
			astroBuild: async (args) => {
				builds.push([...args]);
				return 0;
			},
		});
		expect(status).toBe(1);
		expect(builds).toEqual([]);
		expect(readTree(dist)).toEqual(site);
		expect(readTree(out)).toEqual(before);
	});
});
