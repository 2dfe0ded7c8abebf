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
import { beforeAll, describe, expect, it } from 'vitest';
import { runSecretScan } from '../../src/security/run-secret-scan.ts';
import { scanForSecrets } from '../../src/security/secret-scan.ts';
import { CANARY_TOKEN } from '../fixtures/hostile/make-hostile-store.ts';
import { SECRETS } from '../fixtures/hostile/naughty.ts';
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
	['#25 GitLab token', SECRETS.gitlab, 'gitlab-token'],
	['#26 AWS access key', SECRETS.aws, 'aws-access-key'],
	['#27 private key', SECRETS.privateKey, 'private-key'],
	['#24 credentials in a URL', SECRETS.urlUserinfo, 'url-credentials'],
	['#29 token in a query', SECRETS.urlToken, 'url-secret-parameter'],
	['GitHub token', SECRETS.github, 'github-token'],
	['Slack token', SECRETS.slack, 'slack-token'],
	['Bearer credentials', SECRETS.bearer, 'authorization-header'],
	['#23 OpenAI key', 'sk-proj-Abc123DEF456ghi789JKL012mno345PQR678stu901', 'openai-key'],
	['#28 JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt'],
	['password= in a URL', 'https://db.example/x?user=a&password=hunter22', 'url-secret-parameter'],
];

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
		expect(scanForSecrets(dir).map((h) => h.rule)).toEqual(['gitlab-token']);
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
