/**
 * Redaction of secret-looking values at export: many secret shapes are replaced by `[redacted]`,
 * many look-alikes that are not secrets are kept, and an export of the example store with secrets
 * planted in params, tags, notes and descriptions writes none of them, counting each in
 * `manifest.skipped` (kind 'value', reason 'redacted', ids `<owner>:<kind>.<key>`).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { REDACTED, Redactor, highEntropy } from '../../src/export/redact.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { warningCollector } from '../../src/export/warnings.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { MlpagesConfigSchema, type MlpagesConfigInput } from '../../src/schemas/config.ts';

const temps: string[] = [];
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function redactor(config: MlpagesConfigInput['redact'] = {}, known: string[] = []) {
	const hits: string[] = [];
	const r = new Redactor(MlpagesConfigSchema.parse({ redact: config }).redact, known, (id) => hits.push(id));
	return { value: (key: string, value: string) => r.value('run1', 'param', key, value), hits };
}

// Fake credentials assembled at run time so no secret-shaped literal sits in the source.
const fake = (prefix: string, body: string) => `${prefix}${body}`;
const SECRETS: Array<[key: string, value: string, expected: string]> = [
	['remote', 'https://alice:hunter2@git.example.com/team/repo.git', `https://${REDACTED}@git.example.com/team/repo.git`],
	['db', 'postgresql://ml:Passw0rd@db.internal:5432/mlflow', `postgresql://${REDACTED}@db.internal:5432/mlflow`],
	['aws_key_id', fake('AKIA', 'IOSFODNN7EXAMPLE'), REDACTED],
	['note', `key ${fake('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY')} in the text`, `key ${REDACTED} in the text`],
	['gitlab', fake('glpat-', 'Ab3dEf6hIj9kLm2nOp5q'), REDACTED],
	['ci', `job token ${fake('glcbt-', '64_Ab3dEf6hIj9kLm2nOp5qRs')}`, `job token ${REDACTED}`],
	['github', fake('ghp_', 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6'), REDACTED],
	['github_fine', fake('github_pat_', '11ABCDEFG0123456789_abcdefghijklmnop'), REDACTED],
	['slack', fake('xoxb-', '1234567890-0987654321-AbCdEfGhIjKl'), REDACTED],
	['header', `Authorization: Bearer ${fake('eyJhbGciOi', 'JIUzI1NiJ9')}.${fake('eyJzdWIiOi', 'IxMjM0NTY3ODkwIn0')}.abcDEF123ghiJKL`, `Authorization: Bearer ${REDACTED}`],
	['openai', fake('sk-proj-', 'Ab3dEf6hIj9kLm2nOp5qRs8t'), REDACTED],
	['hf', fake('hf_', 'AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh'), REDACTED],
	['private', `-----BEGIN RSA ${'PRIVATE'} KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA ${'PRIVATE'} KEY-----`, REDACTED],
	['signed_url', 's3://bucket/model.pkl?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=abc123def', `s3://bucket/model.pkl?X-Amz-Credential=${REDACTED}&X-Amz-Signature=${REDACTED}`],
	['command', 'python train.py --db-password=hunter2 --lr 0.1', `python train.py --db-password=${REDACTED} --lr 0.1`],
	['db_password', 'hunter2', REDACTED],
	['AWS_SECRET_ACCESS_KEY', 'short-but-secret', REDACTED],
	['api_key', 'abc', REDACTED],
	['wandb_api_key', 'x', REDACTED],
	['client_secret', 'not so secret', REDACTED],
	['hf_token', 'x9Fk2LmQ8vR4tZp1Wy7Nc3Bd', REDACTED],
	['gcp_credentials', '{"type": "service_account"}', REDACTED],
];

const NOT_SECRETS: Array<[key: string, value: string]> = [
	['mlflow.source.git.commit', '3f2a9c1b8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a'],
	['mlflow.parentRunId', 'de3b8b7d6f0a4c1e9b2d3f4a5c6e7b8d'],
	['learning_rate', '0.001'],
	['lr', '1e-4'],
	['max_tokens', '512'],
	['num_tokens', '1048576'],
	['tokenizer', 'bert-base-uncased'],
	['token_type', 'wordpiece'],
	['password_required', 'false'],
	['api_key_env', ''],
	['mlflow.source.name', 'train.py'],
	['mlflow.runName', 'mlp-lr1.0-h32-l20-s1'],
	['artifact_uri', 'mlflow-artifacts:/1/de3b8b7d6f0a4c1e9b2d3f4a5c6e7b8d/artifacts'],
	['dataset', 's3://bucket/data/train.parquet'],
	['remote', 'https://git.example.com/team/repo.git'],
	['ssh', 'git@github.com:team/repo.git'],
	['model', 'sentence-transformers/all-MiniLM-L6-v2'],
	['description', 'Trained with lr=0.01; token budget 4096; see https://example.com/docs?page=2'],
	['digest', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
	['mlflow.log-model.history', '[{"run_id": "de3b8b7d6f0a4c1e9b2d3f4a5c6e7b8d", "utc_time_created": "2026-03-02 09:00:00.000000"}]'],
	['uuid', '123e4567-e89b-12d3-a456-426614174000'],
];

describe('Redactor', () => {
	it.each(SECRETS)('redacts %s', (key, value, expected) => {
		const r = redactor();
		expect(r.value(key, value)).toBe(expected);
		expect(r.hits).toEqual([`run1:param.${key}`]);
	});

	it.each(NOT_SECRETS)('keeps %s', (key, value) => {
		const r = redactor();
		expect(r.value(key, value)).toBe(value);
		expect(r.hits).toEqual([]);
	});

	it('applies extra key globs and value patterns, and turns built-in rules off on request', () => {
		const extra = redactor({ keys: ['*_dsn'], values: ['corp-[0-9a-f]{8}'] });
		expect(extra.value('sentry_DSN', 'anything')).toBe(REDACTED);
		expect(extra.value('note', 'id corp-0badc0de here')).toBe(`id ${REDACTED} here`);
		const off = redactor({ disable: true }, ['tracking-token-0001']);
		expect(off.value('db_password', 'hunter2')).toBe('hunter2');
		// The tracking token in use is redacted even then.
		expect(off.value('note', 'curl -H tracking-token-0001')).toBe(`curl -H ${REDACTED}`);
	});

	it('tells high-entropy tokens from words and numbers', () => {
		expect(highEntropy('x9Fk2LmQ8vR4tZp1Wy7Nc3Bd')).toBe(true);
		expect(highEntropy('bert-base-uncased')).toBe(false);
		expect(highEntropy('1048576')).toBe(false);
		expect(highEntropy('aaaaaaaaaaaaaaaa1111')).toBe(false);
	});
});

describe('Redactor, beyond values', () => {
	const make = (config: MlpagesConfigInput['redact'] = {}, known: string[] = []) => {
		const hits: string[] = [];
		return { r: new Redactor(MlpagesConfigSchema.parse({ redact: config }).redact, known, (id) => hits.push(id)), hits };
	};
	const github = fake('ghp_', 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6');
	const gitlab = fake('glpat-', 'Ab3dEf6hIj9kLm2nOp5q');

	it.each([
		['db_pass', 'hunter2'],
		['passphrase', 'open sesame'],
		['AccountKey', 'abc/def+=='],
		['slack_webhook', 'https://example.com/hook/T1/B2'],
		['AZURE_STORAGE_ACCOUNT_KEY', 'abc'],
	])('replaces the whole value of key %s', (key, value) => {
		const { r, hits } = make();
		expect(r.value('run1', 'param', key, value)).toBe(REDACTED);
		expect(hits).toEqual([`run1:param.${key}`]);
	});

	it('redacts a name where the secret is, and counts it without naming the secret', () => {
		const { r, hits } = make({}, ['tracking-token-0001']);
		expect(r.text('run1', 'run', 'name', `deploy with ${github}`)).toBe(`deploy with ${REDACTED}`);
		expect(r.text('run1', 'run', 'name', 'sweep tracking-token-0001 7')).toBe(`sweep ${REDACTED} 7`);
		expect(hits).toEqual(['run1:run.name', 'run1:run.name']);
	});

	it('shows a key holding a secret with the secret replaced, numbering keys that would collide', () => {
		const { r, hits } = make();
		const out = r.map('run1', 'param', { [`token_${github}`]: '1', [github]: '2', [gitlab]: '3', [REDACTED]: 'kept', lr: '0.1' });
		expect(out).toEqual({ [`token_${REDACTED}`]: '1', [`${REDACTED} (2)`]: '2', [`${REDACTED} (3)`]: '3', [REDACTED]: 'kept', lr: '0.1' });
		expect(hits.join('\n')).not.toContain(github);
		expect(hits).toContain(`run1:param-key.token_${REDACTED}`);
	});

	it('names a run’s metric keys the same way every time it is asked', () => {
		const { r } = make();
		const name = r.keyNamer('run1', 'metric');
		expect(name(`loss ${github}`)).toBe(`loss ${REDACTED}`);
		expect(name(`loss ${gitlab}`)).toBe(`loss ${REDACTED} (2)`);
		expect(name(`loss ${github}`)).toBe(`loss ${REDACTED}`);
		expect(name('loss')).toBe('loss');
	});

	it('redacts a file’s text in its encoding, and a binary file byte for byte', () => {
		const { r } = make();
		const utf16be = Buffer.from(`token: ${github}\n`, 'utf16le').swap16();
		const out = Buffer.from(r.bytes('run1', 'artifact', 'notes.txt', utf16be));
		expect(Buffer.from(out).swap16().toString('utf16le')).toBe(`token: ${REDACTED}\n`);
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]), Buffer.from(`tEXt ${gitlab} `), Buffer.from([0x00, 0x80])]);
		const cleaned = Buffer.from(r.bytes('run1', 'artifact', 'plot.png', png));
		expect(cleaned.subarray(0, 7)).toEqual(png.subarray(0, 7));
		expect(cleaned.toString('latin1')).toContain(`tEXt ${REDACTED} `);
		const plain = Buffer.from('no secret here');
		expect(r.bytes('run1', 'artifact', 'a.txt', plain)).toBe(plain);
	});

	it('keeps redact.keys, redact.values and redact.disable working on names and files', () => {
		const extra = make({ values: ['corp-[0-9a-f]{8}'] });
		expect(extra.r.text('m', 'model', 'name', 'model corp-0badc0de')).toBe(`model ${REDACTED}`);
		const off = make({ disable: true }, ['tracking-token-0001']);
		expect(off.r.text('m', 'model', 'name', `model ${github}`)).toBe(`model ${github}`);
		expect(off.r.text('m', 'model', 'name', 'model tracking-token-0001')).toBe(`model ${REDACTED}`);
	});
});

describe('warnings', () => {
	it('are redacted before they are shown and kept', () => {
		const shown: string[] = [];
		const logger = { info() {}, warn: (m: string) => shown.push(m), error() {} };
		const r = new Redactor(MlpagesConfigSchema.parse({}).redact, ['tracking-token-0001'], () => {});
		const warnings = warningCollector(logger, (m) => r.redactText(m));
		const gitlab = fake('glpat-', 'Ab3dEf6hIj9kLm2nOp5q');
		warnings.warn(`Skipped line 3 of mlruns/1/abc/metrics/loss_${gitlab}: value "x" is not a number.`);
		warnings.warn('Skipped run tracking-token-0001.');
		expect(shown).toEqual([`Skipped line 3 of mlruns/1/abc/metrics/loss_${REDACTED}: value "x" is not a number.`, `Skipped run ${REDACTED}.`]);
		expect(warnings.messages).toEqual(shown);
	});
});

describe('redaction in an export', () => {
	it('writes no planted secret and no tracking token, and counts each redacted value', async () => {
		const token = 'trk-0f7c2a9e51b84d3c';
		const gitlab = fake('glpat-', 'Ab3dEf6hIj9kLm2nOp5q');
		const plant = (reader: SourceReader): SourceReader => ({
			...reader,
			source: reader.source,
			experiments: async function* () {
				for await (const e of reader.experiments()) {
					if (e.id === '2') e.tags = { ...e.tags, 'mlflow.note.content': `Ask for access with ${gitlab}` };
					yield e;
				}
			},
			runs: async function* (e) {
				for await (const r of reader.runs(e)) {
					if (r.name === 'logistic-regression') {
						r.params = { ...r.params, db_password: 'hunter2', data_url: 'https://bob:s3cret-pw@data.example.com/penguins.csv' };
						r.tags = { ...r.tags, 'mlflow.note.content': `Logged with MLFLOW_TRACKING_TOKEN=${token}`, ci_header: `Bearer ${token}` };
					}
					yield r;
				}
			},
			registeredModels: async function* () {
				for await (const m of reader.registeredModels()) {
					if (m.name === 'penguins-baseline') m.description = `Pull with ${gitlab}`;
					yield m;
				}
			},
			metricPoints: (r) => reader.metricPoints(r),
			modelVersions: (m) => reader.modelVersions(m),
			datasets: (e) => reader.datasets(e),
			loggedModels: (e) => reader.loggedModels(e),
			artifacts: (r) => reader.artifacts(r),
			close: () => reader.close(),
		});
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-redact-'));
		temps.push(dir);
		const outDir = join(dir, 'content');
		const reader = plant(await openSqliteReader('examples/mlflow.db', { warn: () => {}, displayUri: 'examples/mlflow.db' }));
		const { manifest } = await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse({}), secrets: [token, undefined] });
		await reader.close();
		const text = readdirSync(outDir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
			.join('\n');
		for (const secret of [token, gitlab, 'hunter2', 's3cret-pw']) expect(text).not.toContain(secret);
		const redacted = manifest.skipped.find((s) => s.kind === 'value' && s.reason === 'redacted');
		expect(redacted?.count).toBe(6);
		expect(redacted?.ids.map((id) => id.replace(/^[0-9a-f]{32}:/, '<run>:'))).toEqual([
			'2:tag.mlflow.note.content',
			'<run>:param.data_url',
			'<run>:param.db_password',
			'<run>:tag.ci_header',
			'<run>:tag.mlflow.note.content',
			'penguins-baseline:model.description',
		]);
		expect(text).toContain(`Logged with MLFLOW_TRACKING_TOKEN=${REDACTED}`);
		expect(text).toContain('https://[redacted]@data.example.com/penguins.csv');
	});
});
