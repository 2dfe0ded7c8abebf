/**
 * Issue 15, part 1: local artifacts are read only from the store's own artifact folder of each
 * run. A symbolic link on any component of `mlruns/<exp>/<run>/artifacts/…` or
 * `mlartifacts/<exp>/<run>/artifacts/…`, a run id chosen to match an outside folder, and an
 * absolute or proxied `artifact_uri` pointing elsewhere must publish nothing from outside the
 * store, and each refusal is a warning naming the run, never a failed export.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { MODERN_DDL } from '../export/helpers/make-sqlite-store.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';

const SECRET = 'TOP-SECRET-credentials-outside-the-store';
const RUN = 'abcdefabcdefabcdefabcdefabcdef01';
const config = MlpagesConfigSchema.parse({});

/** A folder outside the store holding `<exp>/<run>/artifacts/{secret.txt,sub/secret.txt}`, as a CI home might. */
function outside(work: string, exp = '1', run = RUN): string {
	const dir = join(work, 'outside');
	mkdirSync(join(dir, exp, run, 'artifacts', 'sub'), { recursive: true });
	writeFileSync(join(dir, exp, run, 'artifacts', 'secret.txt'), SECRET);
	writeFileSync(join(dir, exp, run, 'artifacts', 'sub', 'secret.txt'), SECRET);
	return dir;
}

/** Every file the export copied, with its text. */
function copied(content: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (dir: string, rel: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
			else out[`${rel}${e.name}`] = readFileSync(join(dir, e.name), 'utf8');
		}
	};
	try {
		walk(join(content, 'artifacts'), '');
	} catch {
		// no artifacts folder: nothing was copied
	}
	return out;
}

/** Exports what `open` opens (it gets the warning sink) into `<work>/content`. */
async function exportWith(open: (warn: (m: string) => void) => Promise<SourceReader>, work: string) {
	const warnings: string[] = [];
	const warn = (m: string) => void warnings.push(m);
	const reader = await open(warn);
	const content = join(work, 'content');
	try {
		const { manifest } = await exportSnapshot({ reader, outDir: content, config, warnings: { messages: warnings, warn } });
		const runs = (manifest.counts.runs === 0 ? [] : readdirSync(join(content, 'runs'))).map((f) => JSON.parse(readFileSync(join(content, 'runs', f), 'utf8')) as { id: string; artifacts: Array<{ path: string }> });
		return { manifest, warnings, copied: copied(content), runs };
	} finally {
		await reader.close();
	}
}

/** A SQLite store with experiment 1 and the given runs (id, artifact_uri). */
function sqliteStore(work: string, runs: Array<[string, string]>): string {
	mkdirSync(work, { recursive: true });
	const path = join(work, 'mlflow.db');
	const db = new DatabaseSync(path);
	db.exec(MODERN_DDL);
	db.prepare("INSERT INTO alembic_version VALUES ('b7e4c1a90f23')").run();
	db.prepare("INSERT INTO experiments VALUES (1, 'e', 'mlflow-artifacts:/1', 'active', 1, 1, 'default')").run();
	for (const [id, uri] of runs) {
		db.prepare("INSERT INTO runs VALUES (?, 'r', 'UNKNOWN', '', '', 'u', 'FINISHED', 1, 2, '', 'active', ?, 1, NULL)").run(id, uri);
	}
	db.close();
	return path;
}

const sqlite = (path: string) => (warn: (m: string) => void) => openSqliteReader(path, { warn, displayUri: 'mlflow.db' });

/** Components of `<root>/<exp>/<run>/artifacts/sub/secret.txt`, each of which a test replaces by a link. */
const COMPONENTS = ['root', 'experiment', 'run', 'artifacts', 'sub folder', 'file'] as const;

/**
 * Lays out `<base>/<root>/1/<RUN>/artifacts/{secret.txt,sub/secret.txt}` with the component
 * `linked` replaced by a symbolic link to the same place in the outside folder.
 */
function linkedTree(base: string, root: string, out: string, linked: (typeof COMPONENTS)[number]) {
	const parts = [root, '1', RUN, 'artifacts', 'sub', 'secret.txt'];
	const at = COMPONENTS.indexOf(linked);
	const target = join(out, ...parts.slice(1, at + 1));
	const real = join(base, ...parts.slice(0, at));
	mkdirSync(real, { recursive: true });
	symlinkSync(at === 0 ? out : target, join(real, parts[at]!));
	// The parts above the link are real: a readable file of the run next to the link, when there is room.
	if (at >= 4) writeFileSync(join(base, ...parts.slice(0, 4), 'ok.txt'), 'inside');
}

describe('SQLite store: artifacts come only from <store>/{mlartifacts,mlruns}/<exp>/<run>/artifacts', () => {
	for (const root of ['mlartifacts', 'mlruns']) {
		for (const linked of COMPONENTS) {
			it(`refuses a symbolic link at the ${linked} of ${root}/1/<run>/artifacts/sub/secret.txt, with a warning naming the run`, async () => {
				const work = tempDir('mlpages-confine-');
				const out = outside(work);
				const store = join(work, 'store');
				const db = sqliteStore(store, [[RUN, root === 'mlartifacts' ? `mlflow-artifacts:/1/${RUN}/artifacts` : `file://${store}/mlruns/1/${RUN}/artifacts`]]);
				linkedTree(store, root, out, linked);
				const result = await exportWith(sqlite(db), work);
				expect(Object.values(result.copied).join('\n')).not.toContain(SECRET);
				expect(result.runs[0]!.artifacts.map((a) => a.path)).toEqual(linked === 'sub folder' || linked === 'file' ? ['ok.txt'] : []);
				expect(result.manifest.counts.runs).toBe(1);
				expect(result.warnings.filter((w) => w.includes(RUN) && w.includes('symbolic link'))).toHaveLength(1);
			});
		}
	}

	it('publishes nothing from /etc for a run with artifact_uri=/etc/ and id "etc"', async () => {
		const work = tempDir('mlpages-confine-');
		const db = sqliteStore(join(work, 'store'), [['etc', '/etc/'], ['ectd', 'file:///etc/']]);
		const result = await exportWith(sqlite(db), work);
		expect(result.runs.map((r) => [r.id, r.artifacts])).toEqual([['ectd', []], ['etc', []]]);
		expect(result.copied).toEqual({});
		expect(result.warnings).toEqual(expect.arrayContaining([expect.stringContaining('run etc '), expect.stringContaining('run ectd ')]));
		expect(result.warnings.join('\n')).not.toContain('/etc');
	});

	it('never follows an absolute artifact_uri that names the run id, nor a proxied URI that climbs out', async () => {
		const work = tempDir('mlpages-confine-');
		const out = outside(work);
		const other = 'abcdefabcdefabcdefabcdefabcdef02';
		const db = sqliteStore(join(work, 'store'), [
			[RUN, `file://${out}/1/${RUN}/artifacts`],
			[other, `mlflow-artifacts:/../../outside/1/${RUN}/artifacts`],
		]);
		const result = await exportWith(sqlite(db), work);
		expect(result.copied).toEqual({});
		expect(result.runs.flatMap((r) => r.artifacts)).toEqual([]);
		expect(result.warnings).toEqual(expect.arrayContaining([expect.stringContaining(`run ${RUN} `)]));
	});

	it('never reads another run\'s artifacts through a proxied URI naming it', async () => {
		const work = tempDir('mlpages-confine-');
		const store = join(work, 'store');
		const victim = 'abcdefabcdefabcdefabcdefabcdef03';
		const db = sqliteStore(store, [[RUN, `mlflow-artifacts:/1/${victim}/artifacts`]]);
		mkdirSync(join(store, 'mlartifacts/1', victim, 'artifacts'), { recursive: true });
		writeFileSync(join(store, 'mlartifacts/1', victim, 'artifacts/private.txt'), SECRET);
		const result = await exportWith(sqlite(db), work);
		expect(result.copied).toEqual({});
	});
});

describe('file store: artifacts come only from <run folder>/artifacts or <root>/../mlartifacts/<exp>/<run>/artifacts', () => {
	/** `<work>/store/mlruns` with experiment 1 and one run (meta.yaml only), its artifact URI as given. */
	function fileStore(work: string, artifactUri: string): string {
		const root = join(work, 'store', 'mlruns');
		mkdirSync(join(root, '1', RUN), { recursive: true });
		writeFileSync(join(root, '1', 'meta.yaml'), "artifact_location: mlflow-artifacts:/1\nexperiment_id: '1'\nlifecycle_stage: active\nname: e\n");
		writeFileSync(join(root, '1', RUN, 'meta.yaml'), `artifact_uri: ${artifactUri}\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: ${RUN}\nrun_uuid: ${RUN}\nstatus: 3\nstart_time: 1\nend_time: 2\n`);
		return root;
	}
	const open = (root: string) => (warn: (m: string) => void) => openFileStoreReader(root, { warn, displayUri: 'store/mlruns' });

	for (const linked of COMPONENTS) {
		it(`refuses a symbolic link at the ${linked} of ../mlartifacts/1/<run>/artifacts/sub/secret.txt`, async () => {
			const work = tempDir('mlpages-confine-');
			const out = outside(work);
			const root = fileStore(work, `mlflow-artifacts:/1/${RUN}/artifacts`);
			linkedTree(join(work, 'store'), 'mlartifacts', out, linked);
			const result = await exportWith(open(root), work);
			expect(Object.values(result.copied).join('\n')).not.toContain(SECRET);
			expect(result.runs[0]!.artifacts.map((a) => a.path)).toEqual(linked === 'sub folder' || linked === 'file' ? ['ok.txt'] : []);
			expect(result.warnings.filter((w) => w.includes(RUN) && w.includes('symbolic link'))).toHaveLength(1);
		});
	}

	for (const linked of ['artifacts', 'sub folder', 'file'] as const) {
		it(`refuses a symbolic link at the ${linked} of mlruns/1/<run>/artifacts/sub/secret.txt`, async () => {
			const work = tempDir('mlpages-confine-');
			const out = outside(work);
			const root = fileStore(work, `file:///elsewhere/mlruns/1/${RUN}/artifacts`);
			linkedTree(join(work, 'store'), 'mlruns', out, linked);
			const result = await exportWith(open(root), work);
			expect(Object.values(result.copied).join('\n')).not.toContain(SECRET);
			expect(result.warnings.filter((w) => w.includes(RUN) && w.includes('symbolic link'))).toHaveLength(1);
		});
	}

	it('reads nothing from an experiment or run folder that is a symbolic link', async () => {
		for (const linked of ['experiment', 'run'] as const) {
			const work = tempDir('mlpages-confine-');
			const out = outside(work);
			writeFileSync(join(out, '1', 'meta.yaml'), "experiment_id: '1'\nname: linked\n");
			writeFileSync(join(out, '1', RUN, 'meta.yaml'), `experiment_id: '1'\nrun_id: ${RUN}\nstatus: 3\n`);
			const root = join(work, 'store', 'mlruns');
			mkdirSync(join(root, '0'), { recursive: true });
			writeFileSync(join(root, '0', 'meta.yaml'), "experiment_id: '0'\nname: Default\n");
			if (linked === 'experiment') symlinkSync(join(out, '1'), join(root, '1'));
			else {
				mkdirSync(join(root, '1'));
				writeFileSync(join(root, '1', 'meta.yaml'), "experiment_id: '1'\nname: e\n");
				symlinkSync(join(out, '1', RUN), join(root, '1', RUN));
			}
			const result = await exportWith(open(root), work);
			expect(result.copied).toEqual({});
			expect(result.runs).toEqual([]);
		}
	});

	it('ignores an absolute artifact_uri outside the store', async () => {
		const work = tempDir('mlpages-confine-');
		const out = outside(work);
		const root = fileStore(work, `file://${out}/1/${RUN}/artifacts`);
		const result = await exportWith(open(root), work);
		expect(result.copied).toEqual({});
		expect(result.runs[0]!.artifacts).toEqual([]);
	});
});
