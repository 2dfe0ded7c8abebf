/**
 * §4.2 of the security reference: the scan that ends every build finds the tracking token in use
 * and secret patterns in a built site, names the file and the kind of secret, and never prints
 * the secret. Redaction at export is another part; this is the last gate before publishing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSecretScan } from '../../src/security/run-secret-scan.ts';
import { describeHits, scanForSecrets } from '../../src/security/secret-scan.ts';
import { CANARY_TOKEN } from '../fixtures/hostile/make-hostile-store.ts';
import { SECRETS } from '../fixtures/hostile/naughty.ts';
import { SECRET_SAMPLES } from '../fixtures/secrets/secret-samples.ts';
import { hostileSite } from './hostile-site.ts';

const root = join(import.meta.dirname, '../..');

function siteWith(files: Record<string, string | Buffer>): string {
	const dir = mkdtempSync(join(tmpdir(), 'mlpages-secrets-'));
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(join(dir, name, '..'), { recursive: true });
		writeFileSync(join(dir, name), content);
	}
	return dir;
}

const CASES: Array<[string, string, string]> = [
	['#25 GitLab token', SECRETS.gitlab, 'gitlab-pat'],
	['#26 AWS access key', SECRETS.aws, 'aws-access-token'],
	['#27 private key', SECRETS.privateKey, 'private-key'],
	['#24 credentials in a URL', SECRETS.urlUserinfo, 'mlpages-url-credentials'],
	['#29 token in a query', SECRETS.urlToken, 'mlpages-url-secret-parameter'],
	['GitHub token', SECRETS.github, 'github-pat'],
	['Slack token', SECRETS.slack, 'slack-bot-token'],
	['Bearer credentials', SECRETS.bearer, 'mlpages-authorization-scheme'],
	['#23 OpenAI key', 'sk-proj-Abc123DEF456ghi789JKL012mno345PQR678stu901', 'mlpages-sk-key'],
	['#28 JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt'],
	['password= in a URL', 'https://db.example/x?user=a&password=hunter22', 'mlpages-url-secret-parameter'],
];

/** Every character but letters and digits as `\u00XX`, as JSON.stringify writes control characters and some tools write everything. */
const jsonEscaped = (s: string) => s.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** Every character but letters and digits as an HTML character reference, hexadecimal or decimal. */
const htmlEscaped = (s: string, hex: boolean) => s.replace(/[^A-Za-z0-9]/g, (c) => (hex ? `&#x${c.charCodeAt(0).toString(16)};` : `&#${c.charCodeAt(0)};`));
const utf16 = (s: string, order: 'le' | 'be', bom: boolean) => {
	const le = Buffer.from(s, 'utf16le');
	const body = order === 'le' ? le : Buffer.from(le).swap16();
	return bom ? Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
};
/** A sample in each form a page, a data file or an artifact can hold it. */
const FORMS: Array<[string, (text: string) => string | Buffer]> = [
	['as text', (t) => `<p>${t}</p>`],
	['in UTF-16LE with a BOM', (t) => utf16(t, 'le', true)],
	['in UTF-16LE without a BOM, after one byte', (t) => Buffer.concat([Buffer.from([0x01]), utf16(t, 'le', false)])],
	['in UTF-16BE with a BOM', (t) => utf16(t, 'be', true)],
	['in UTF-16BE without a BOM', (t) => utf16(t, 'be', false)],
	['with JSON escapes', (t) => JSON.stringify({ note: jsonEscaped(t) }).replace(/\\\\/g, '\\')],
	['with hexadecimal HTML references', (t) => `<p>${htmlEscaped(t, true)}</p>`],
	['with decimal HTML references', (t) => `<p>${htmlEscaped(t, false)}</p>`],
	['inside a gzip file', (t) => gzipSync(Buffer.from(t))],
];

describe.each(FORMS)('every rule, each sample %s', (_, form) => {
	it.each(SECRET_SAMPLES.map((s, i) => [`${s.rule} #${i}`, s] as const))('finds %s', (_, sample) => {
		const dir = siteWith({ 'data/file.bin': form(sample.text) });
		expect(scanForSecrets(dir).map((h) => h.rule)).toContain(sample.rule);
	});
});

describe('scanForSecrets()', () => {
	it.each(CASES)('finds a %s, naming the file and the rule', (_, secret, rule) => {
		const dir = siteWith({ 'runs/abc/index.html': `<p>${secret}</p>`, 'index.html': '<p>clean</p>' });
		const hits = scanForSecrets(dir);
		expect(hits).toContainEqual({ file: 'runs/abc/index.html', rule, line: 1 });
		expect(hits.every((h) => h.file === 'runs/abc/index.html')).toBe(true);
	});

	it('finds the tracking token and password in use, even with no pattern of their own (#32)', () => {
		const dir = siteWith({ 'a.html': `x ${CANARY_TOKEN} y`, 'b/c.json': '{"p": "hunter2-but-long"}' });
		const env = { MLFLOW_TRACKING_TOKEN: CANARY_TOKEN, MLFLOW_TRACKING_PASSWORD: 'hunter2-but-long' };
		expect(scanForSecrets(dir, env)).toEqual([
			{ file: 'a.html', rule: 'tracking-token', line: 1 },
			{ file: 'b/c.json', rule: 'tracking-password', line: 1 },
		]);
	});

	it('finds a token hidden in a binary file', () => {
		const dir = siteWith({ 'og.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff]), Buffer.from(SECRETS.gitlab)]) });
		expect(scanForSecrets(dir).map((h) => h.rule)).toEqual(['gitlab-pat']);
	});

	it('names the encoding a secret was found in', () => {
		const dir = siteWith({ 'a.txt': utf16(SECRETS.gitlab, 'le', true), 'b.pf_fragment': gzipSync(Buffer.from(SECRETS.github)) });
		expect(scanForSecrets(dir)).toEqual([
			{ file: 'a.txt', rule: 'gitlab-pat', line: 1, encoding: 'utf-16' },
			{ file: 'b.pf_fragment', rule: 'github-pat', line: 1, encoding: 'gzip' },
		]);
		expect(describeHits(scanForSecrets(dir))).toEqual(['  a.txt:1: gitlab-pat (utf-16)', '  b.pf_fragment:1: github-pat (gzip)']);
	});

	it('reads a name before a value as code in scripts, and as data everywhere else', () => {
		const code = 'function f(e){return{password:e.password,credentials:`same-origin`}}';
		const dir = siteWith({ '_astro/page.js': code, 'page.html': '<p>password: correct-horse</p>', 'data.json': '{"password": "correct horse"}' });
		expect(scanForSecrets(dir)).toEqual([
			{ file: 'data.json', rule: 'mlpages-secret-assignment', line: 1 },
			{ file: 'page.html', rule: 'mlpages-secret-assignment', line: 1 },
		]);
	});

	it('does not flag what redaction leaves, in any form', () => {
		const dir = siteWith({ 'a.html': '<td>password: [redacted]</td> <td>https://[redacted]@git.example.com</td>', 'b.json': '{"api_key": "[redacted]", "x": "{\\"password\\": \\"[redacted]\\"}"}' });
		expect(scanForSecrets(dir)).toEqual([]);
	});

	it('does not flag words that only look like prefixes, or short env values', () => {
		const dir = siteWith({ 'a.html': '<p>GitLab tokens start with glpat- and AWS keys with AKIA; see ?token= docs. sk-learn</p>' });
		expect(scanForSecrets(dir, { MLFLOW_TRACKING_TOKEN: 'short' })).toEqual([]);
	});
});

describe('the scan after a build', () => {
	let site: Awaited<ReturnType<typeof hostileSite>>;
	beforeAll(async () => {
		site = await hostileSite();
	});

	it('fails on the hostile site, naming files and rules but never printing a secret', () => {
		const lines: string[] = [];
		const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
		const status = runSecretScan(site.dist, { env: { MLFLOW_TRACKING_TOKEN: CANARY_TOKEN }, logger, cwd: root });
		expect(status).toBe(1);
		const out = lines.join('\n');
		expect(out).toContain('MlpagesSecretsInSite');
		expect(out).toMatch(/runs\/f{31}0\/index\.html:\d+: tracking-token/);
		expect(out.match(/: tracking-token$/gm)).toHaveLength(20);
		for (const secret of [CANARY_TOKEN, SECRETS.urlUserinfo, 'glcbt-64_AbCdEfGhIjKlMnOpQrSt']) expect(out).not.toContain(secret);
	});

	it('passes a clean site and a missing one', () => {
		const logger = { info() {}, warn() {}, error() {} };
		expect(runSecretScan(siteWith({ 'index.html': '<p>ok</p>' }), { env: { MLFLOW_TRACKING_TOKEN: CANARY_TOKEN }, logger, cwd: root })).toBe(0);
		expect(runSecretScan(join(tmpdir(), 'mlpages-no-such-site'), { env: {}, logger, cwd: root })).toBe(0);
	});

	it('runs as mlpages check, exiting 1 on a hit', async () => {
		const dir = siteWith({ 'runs/x/index.html': `<p>${CANARY_TOKEN}</p>` });
		const run = promisify(execFile)(process.execPath, [join(root, 'bin/mlpages.js'), 'check', dir], { cwd: root, env: { ...process.env, MLFLOW_TRACKING_TOKEN: CANARY_TOKEN, NO_COLOR: '1' } });
		const failure = await run.then(
			() => null,
			(e: { code: number; stdout: string; stderr: string }) => e,
		);
		expect(failure?.code).toBe(1);
		expect(failure?.stderr).toContain('runs/x/index.html:1: tracking-token');
		expect(`${failure?.stdout}${failure?.stderr}`).not.toContain(CANARY_TOKEN);
	});
});
