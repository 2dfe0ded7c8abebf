/**
 * Redaction at export, field by field: a store with a sample of every secret rule in every field
 * the export publishes (make-secret-store.ts) exports to a snapshot that holds none of them, in
 * any file, in any encoding; names and keys keep their readable part; the snapshot passes the
 * post-build scan; and it is the same snapshot when exported again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import { decodedViews } from '../../src/security/decoded-views.ts';
import { scanForSecrets } from '../../src/security/secret-scan.ts';
import { makeSecretStore } from '../fixtures/secrets/make-secret-store.ts';
import { SECRET_SAMPLES } from '../fixtures/secrets/secret-samples.ts';

let work: string;
let content: string;
let manifest: Manifest;
/** Snapshot files by path relative to the content folder. */
let files: Map<string, Buffer>;
/** Each file's texts as the scan reads them (UTF-8, UTF-16, escapes decoded). */
let texts: Array<[string, string[]]>;

const TOKEN = 'trk-0f7c2a9e51b84d3c';

async function exportStore(db: string, outDir: string) {
	const reader = await openSqliteReader(db, { warn: () => {}, displayUri: 'mlflow.db' });
	try {
		return await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}), secrets: [TOKEN] });
	} finally {
		await reader.close();
	}
}

function readTree(dir: string): Map<string, Buffer> {
	const out = new Map<string, Buffer>();
	for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (e.isFile()) out.set(join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name)));
	}
	return out;
}

beforeAll(async () => {
	work = mkdtempSync(join(tmpdir(), 'mlpages-redact-fields-'));
	const { db } = makeSecretStore(work);
	content = join(work, 'content');
	manifest = (await exportStore(db, content)).manifest;
	files = readTree(content);
	texts = [...files].map(([name, bytes]) => [name, decodedViews(bytes).map((v) => v.text)]);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a store with a secret in every field', () => {
	it('exports every record', () => {
		const n = SECRET_SAMPLES.length;
		expect(manifest.counts).toMatchObject({ experiments: n, runs: n, registeredModels: n, modelVersions: n, loggedModels: n, datasets: n });
	});

	it.each(SECRET_SAMPLES.map((s, i) => [`${s.rule} #${i}`, s.secret] as const))('writes no %s, in any file or encoding', (_, secret) => {
		const holding = texts.filter(([, views]) => views.some((v) => v.includes(secret))).map(([name]) => name);
		expect(holding).toEqual([]);
	});

	it('writes the tracking token in use nowhere, names included', () => {
		expect([...files.values()].filter((b) => b.includes(TOKEN))).toEqual([]);
	});

	it('copies the text artifacts redacted, in their encoding', () => {
		const notes = [...files].filter(([name]) => name.endsWith('/notes.txt'));
		expect(notes).toHaveLength(SECRET_SAMPLES.length);
		for (const [, bytes] of notes) {
			expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
			expect(bytes.subarray(2).toString('utf16le')).toContain('[redacted]');
		}
		for (const name of ['config.json', 'params.yaml', 'model/MLmodel']) {
			const copies = [...files].filter(([path]) => path.endsWith(`/${name}`));
			expect(copies, name).toHaveLength(SECRET_SAMPLES.length);
			for (const [, bytes] of copies) expect(bytes.toString('utf8')).toContain('[redacted]');
		}
	});

	it('keeps the readable part of names and keys, and slugs come from the redacted name', () => {
		const experiments = [...files].filter(([name]) => name.startsWith('experiments/')).map(([, b]) => JSON.parse(b.toString('utf8')) as { name: string; slug: string });
		const webhook = experiments.find((e) => e.name.startsWith(`experiment ${SECRET_SAMPLES.findIndex((s) => s.rule === 'slack-webhook-url')} `))!;
		expect(webhook.name).toMatch(/^experiment \d+ alerts go to \[redacted\]$/);
		expect(webhook.slug).toMatch(/^experiment-\d+-alerts-go-to-redacted(?:-\d+)?$/);
		const runs = [...files].filter(([name]) => name.startsWith('runs/')).map(([, b]) => JSON.parse(b.toString('utf8')) as { name: string; params: Record<string, string>; tags: Record<string, string>; metrics: Record<string, unknown> });
		const run = runs.find((r) => r.name.endsWith('alerts go to [redacted]'))!;
		expect(Object.keys(run.params).sort()).toEqual(['command', 'lr', 'param alerts go to [redacted]']);
		expect(run.params['command']).toBe('alerts go to [redacted]');
		expect(Object.keys(run.metrics).sort()).toEqual(['loss', 'metric alerts go to [redacted]']);
		const models = [...files].filter(([name]) => name.startsWith('models/')).map(([, b]) => JSON.parse(b.toString('utf8')) as { name: string; slug: string });
		expect(models.find((m) => m.name.endsWith('alerts go to [redacted]'))?.slug).toMatch(/^model-\d+-alerts-go-to-redacted(?:-[0-9a-f]{8})?$/);
	});

	it('counts what it redacted, naming records and fields but no secret', () => {
		const redacted = manifest.skipped.find((s) => s.kind === 'value' && s.reason === 'redacted')!;
		expect(redacted.count).toBeGreaterThan(SECRET_SAMPLES.length * 20);
		expect(redacted.ids).toContain('1:experiment.name');
		expect(redacted.ids.filter((id) => !/^[^:]+:[\w-]+\./.test(id))).toEqual([]);
		const text = JSON.stringify(manifest);
		expect(SECRET_SAMPLES.filter((s) => text.includes(s.secret)).map((s) => s.rule)).toEqual([]);
	});

	it('passes the scan that ends every build', () => {
		expect(scanForSecrets(content, { MLFLOW_TRACKING_TOKEN: TOKEN })).toEqual([]);
	});

	it('is the same snapshot when exported again', async () => {
		const again = join(work, 'again');
		const { db } = makeSecretStore(work);
		await exportStore(db, again);
		const second = readTree(again);
		expect([...second.keys()].sort()).toEqual([...files.keys()].sort());
		for (const [name, bytes] of files) expect(second.get(name)?.equals(bytes), name).toBe(true);
	}, 120_000);
});
