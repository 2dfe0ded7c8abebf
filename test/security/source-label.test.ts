/**
 * Issue 15, part 8: a published site names its source by a label (kind and the store's file or
 * folder name, or the server's host), in the page footer, `manifest.json` and `/changes/`, never
 * a path of the build machine or an internal URL; the full URI (credentials always removed) only
 * with `publishSourceUri`.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDiffCli } from '../../src/cli/run-diff-cli.ts';
import { folderLabel } from '../../src/diff/resolve-side.ts';
import { exportSnapshot } from '../../src/export/export.ts';
import { openRestReader } from '../../src/export/rest/rest-reader.ts';
import { sourceLabel } from '../../src/export/source-label.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { noopLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { SnapshotDiffSchema } from '../../src/schemas/diff.ts';
import { makeModernStore } from '../export/helpers/make-sqlite-store.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { gitlabStore } from '../fixtures/mlflow-rest/stores.ts';
import { startMlflowServer } from '../support/mlflow-server.ts';
import { hostileSite } from './hostile-site.ts';

describe('sourceLabel', () => {
	it.each([
		['sqlite', '../../../../ci/builds/a1b2/project/mlflow.db', 'sqlite · mlflow.db'],
		['sqlite', join(tmpdir(), 'mlpages-snapshot-x1y2', 'mlflow.db'), 'sqlite · mlflow.db'],
		['file', '../../data/mlruns/', 'file · mlruns'],
		['file', 'C:\\Users\\ana\\project\\mlruns', 'file · mlruns'],
		['file', '.', 'file'],
		['rest', 'https://mlflow.internal.corp:5000/team-a/tracking?x=1', 'rest · mlflow.internal.corp:5000'],
		['gitlab', 'https://gitlab.example.com/api/v4/projects/42/ml/mlflow', 'gitlab · gitlab.example.com'],
		['rest', 'not a url', 'rest'],
	] as const)('names %s %j as %j', (kind, uri, label) => {
		expect(sourceLabel(kind, uri)).toBe(label);
	});
});

describe('the manifest of an export', () => {
	const exportStore = async (publishSourceUri?: boolean) => {
		const { db } = makeModernStore();
		const reader = await openSqliteReader(db, { warn: () => {}, displayUri: '../../../ci/builds/x/mlflow.db' });
		try {
			const config = MlpagesConfigSchema.parse(publishSourceUri === undefined ? {} : { publishSourceUri });
			return (await exportSnapshot({ reader, outDir: join(tempDir('mlpages-label-'), 'content'), config })).manifest;
		} finally {
			await reader.close();
		}
	};

	it('records the label and no path of the build machine by default', async () => {
		const manifest = await exportStore();
		expect(manifest.source).toEqual({ kind: 'sqlite', label: 'sqlite · mlflow.db' });
		expect(JSON.stringify(manifest)).not.toContain('ci/builds');
	});

	it('records the full path too with publishSourceUri', async () => {
		expect((await exportStore(true)).source).toEqual({ kind: 'sqlite', label: 'sqlite · mlflow.db', uri: '../../../ci/builds/x/mlflow.db' });
		expect(() => MlpagesConfigSchema.parse({ publishSourceUri: 'yes' })).toThrow();
	});

	it('names a tracking server by its host, never its path or credentials', async () => {
		const server = await startMlflowServer({ data: gitlabStore, dialect: 'gitlab', projectId: '4242' });
		try {
			const uri = server.uri.replace('http://', 'http://admin:hunter2@');
			const host = new URL(server.uri).host;
			for (const publishSourceUri of [false, true]) {
				const reader = await openRestReader(uri, { warn: () => {}, displayUri: 'ignored', env: {}, sleep: async () => {} });
				const config = MlpagesConfigSchema.parse({ publishSourceUri });
				const { manifest } = await exportSnapshot({ reader, outDir: join(tempDir('mlpages-label-'), 'content'), config }).finally(() => reader.close());
				expect(manifest.source.label).toBe(`gitlab · ${host}`);
				expect(JSON.stringify(manifest)).not.toContain('hunter2');
				if (publishSourceUri) expect(manifest.source.uri).toBe(`http://${host}/api/v4/projects/4242/ml/mlflow`);
				else expect(JSON.stringify(manifest)).not.toContain('projects/4242');
			}
		} finally {
			await server.close();
		}
	});
});

describe('the hostile site, exported from a store in a temporary folder', () => {
	let site: Awaited<ReturnType<typeof hostileSite>>;
	beforeAll(async () => {
		site = await hostileSite();
	});

	it('names its source "sqlite · mlflow.db" in every footer and in manifest.json, and no temporary path', () => {
		const manifest = JSON.parse(readFileSync(join(site.content, 'manifest.json'), 'utf8'));
		expect(manifest.source).toEqual({ kind: 'sqlite', label: 'sqlite · mlflow.db' });
		for (const page of site.pages.filter((p) => !p.includes('@'))) {
			const html = site.read(page);
			const footer = html.slice(html.indexOf('<footer'));
			expect(footer, page).toContain('<code class="provenance-source">sqlite · mlflow.db</code>');
			expect(footer, page).not.toContain('mlpages-hostile');
			expect(footer, page).not.toContain(tmpdir());
		}
	});
});

describe('/changes/ of a diff between snapshot folders outside the project', () => {
	it('names each side by its folder, never by the path of the build machine', async () => {
		const work = tempDir('mlpages-label-diff-');
		const project = join(work, 'project');
		mkdirSync(project);
		const base = join(work, 'mlpages-base-x1y2', 'content');
		cpSync(join(import.meta.dirname, '../fixtures/snapshots/base'), base, { recursive: true });
		cpSync(join(import.meta.dirname, '../fixtures/snapshots/head'), join(project, 'content'), { recursive: true });
		let json = '';
		const status = await runDiffCli([base, 'content', '--json', 'diff.json'], {
			cwd: project,
			env: {},
			stdout: () => {},
			logger: noopLogger,
			writeFile: async (_, text) => void (json = text),
		});
		expect(status).toBeLessThan(2);
		const diff = SnapshotDiffSchema.parse(JSON.parse(json));
		expect([diff.base.label, diff.head.label]).toEqual(['mlpages-base-x1y2/content', 'content']);
		expect(json).not.toContain(work);
		const elsewhere = join(tmpdir(), 'project');
		expect(folderLabel(join(tmpdir(), 'a', 'b', 'snapshot'), elsewhere)).toBe('snapshot');
		expect(folderLabel(join(elsewhere, 'base-snapshot', 'content'), elsewhere)).toBe('base-snapshot/content');
	});
});
