/**
 * The secret model (src/security/secret-rules.ts): every rule has a sample that the rule alone
 * redacts, that the whole set redacts and that `find` reports under the rule's id; what
 * redaction leaves behind is never found again (so a redacted export passes the scan); ordinary
 * ML values are left alone; and no input makes a rule slower than linear.
 */
import { describe, expect, it } from 'vitest';
import { SECRET_RULES, SecretMatcher, secretMatcher } from '../../src/security/secret-rules.ts';
import { SECRET_SAMPLES } from '../fixtures/secrets/secret-samples.ts';

const ruleIds = SECRET_RULES.map((r) => r.id);

describe('the rule set', () => {
	it('has unique ids, lowercase keywords and a sample for every rule', () => {
		expect(new Set(ruleIds).size).toBe(ruleIds.length);
		for (const rule of SECRET_RULES) {
			expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
			for (const k of rule.keywords) expect(k, rule.id).toBe(k.toLowerCase());
			expect(rule.pattern.flags, rule.id).toContain('g');
		}
		expect(ruleIds.filter((id) => !SECRET_SAMPLES.some((s) => s.rule === id))).toEqual([]);
		expect(SECRET_SAMPLES.filter((s) => !ruleIds.includes(s.rule))).toEqual([]);
	});

	it('covers the formats of issue 15 and gitleaks’ usual suspects', () => {
		for (const id of ['aws-access-token', 'github-pat', 'gitlab-pat', 'openai-api-key', 'jwt', 'private-key', 'databricks-api-token', 'slack-webhook-url', 'stripe-access-token', 'npm-access-token', 'pypi-upload-token', 'sendgrid-api-token', 'curl-auth-user', 'mlpages-discord-webhook', 'mlpages-url-credentials', 'mlpages-url-token-user', 'mlpages-secret-assignment', 'mlpages-secret-option']) {
			expect(ruleIds).toContain(id);
		}
	});
});

describe.each(SECRET_SAMPLES.map((s, i) => [`${s.rule} #${i}`, s] as const))('%s', (_, sample) => {
	const rule = SECRET_RULES.find((r) => r.id === sample.rule)!;

	it('is redacted by its rule alone, and by the whole set', () => {
		for (const matcher of [new SecretMatcher([rule]), secretMatcher]) {
			const out = matcher.redact(sample.text);
			expect(out?.text).toContain('[redacted]');
			expect(out?.text).not.toContain(sample.secret);
		}
		expect(new SecretMatcher([rule]).redact(sample.text)?.rules).toEqual([rule.id]);
	});

	it('is found under the rule’s id, and nothing is found once it is redacted', () => {
		expect(secretMatcher.find(sample.text).map((f) => f.rule)).toContain(rule.id);
		const keyword = rule.keywords.find((k) => sample.text.toLowerCase().includes(k));
		expect(keyword, 'a keyword of the rule is in the text').toBeDefined();
		const redacted = secretMatcher.redact(sample.text)!.text;
		expect(secretMatcher.find(redacted)).toEqual([]);
		expect(secretMatcher.redact(redacted)).toBeNull();
	});
});

describe('what is kept', () => {
	it('keeps the text around a secret, and whole quoted values go', () => {
		expect(secretMatcher.redact(`{'user': 'ml', 'password': 'correct horse battery staple'}`)?.text).toBe(`{'user': 'ml', 'password': '[redacted]'}`);
		expect(secretMatcher.redact('python train.py --password x --lr 0.1')?.text).toBe('python train.py --password [redacted] --lr 0.1');
		expect(secretMatcher.redact('curl -u user:pw https://example.com')?.text).toBe('curl -u user:[redacted] https://example.com');
		expect(secretMatcher.redact('https://ci:pa/ss#wo?rd@git.example.com/x.git')?.text).toBe('https://[redacted]@git.example.com/x.git');
		expect(secretMatcher.redact('AccountName=a;AccountKey=abc/def+==;EndpointSuffix=core.windows.net')?.text).toBe('AccountName=a;AccountKey=[redacted];EndpointSuffix=core.windows.net');
	});

	it.each([
		'3f2a9c1b8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a',
		'mlflow-artifacts:/1/de3b8b7d6f0a4c1e9b2d3f4a5c6e7b8d/artifacts',
		'sentence-transformers/all-MiniLM-L6-v2',
		'Trained with lr=0.01; token budget 4096; see https://example.com/docs?page=2',
		'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
		'[{"run_id": "de3b8b7d6f0a4c1e9b2d3f4a5c6e7b8d", "utc_time_created": "2026-03-02 09:00:00.000000"}]',
		'123e4567-e89b-12d3-a456-426614174000',
		'tokenizer: bert-base-uncased',
		'max_tokens: 512',
		'password_required: false',
		'api_version: 2024-06-01',
		'https://registry.example.com:443/@types/node',
		'pass@1: 0.53',
		'password: ${DB_PASSWORD}',
		'api_key: {{ secrets.key }}',
		'secret_name: prod-db',
		'GitLab tokens start with glpat- and AWS keys with AKIA; see ?token= docs. sk-learn',
		'git@github.com:team/repo.git',
		'https://gitlab-ci-token@gitlab.example.com/group/project.git',
		'The token classification model 2',
		'fetch(url, { credentials: `same-origin` })',
	])('keeps %j', (text) => {
		expect(secretMatcher.redact(text)).toBeNull();
		expect(secretMatcher.find(text)).toEqual([]);
	});
});

describe('time', () => {
	const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
	/** Inputs built to make a backtracking pattern rescan: each sample, cut short, with its keyword repeated, and a few characters repeated. */
	function hostileUnits(rule: (typeof SECRET_RULES)[number]): string[] {
		const units: string[] = [];
		for (const s of SECRET_SAMPLES.filter((x) => x.rule === rule.id)) units.push(s.text, s.secret.slice(0, -1), s.secret.slice(0, Math.ceil(s.secret.length / 2)), `${s.secret} `);
		const k = rule.keywords[0]!;
		units.push(k, `${k}=`, `${k}: "`, `${k}a`, `${k}-`, `${k}://a:`, 'a', ' ', '=', '/', ':', '"', 'aA0', '-----BEGIN ');
		return units;
	}
	/** Milliseconds to run a rule's pattern over its hostile inputs of `size` characters. */
	function time(rule: (typeof SECRET_RULES)[number], size: number): number {
		const inputs = hostileUnits(rule).map((u) => fill(u, size));
		const started = performance.now();
		for (const text of inputs) {
			rule.pattern.lastIndex = 0;
			for (let m = rule.pattern.exec(text); m !== null; m = rule.pattern.exec(text)) if (m[0].length === 0) rule.pattern.lastIndex++;
		}
		return performance.now() - started;
	}

	it('grows linearly with the input for every rule (100 KB against 25 KB)', () => {
		const slow: string[] = [];
		// Linear is 4×; a pattern that rescans a run from each of its positions is 16× (seconds at
		// 100 KB). Rules too fast to time at 25 KB are compared with a floor of 20 ms.
		const ratio = (small: number, large: number) => large / Math.max(small, 20);
		for (const rule of SECRET_RULES) {
			time(rule, 2_000);
			let small = time(rule, 25_000);
			let large = time(rule, 100_000);
			// A rule that looks slow is timed again, in turn, keeping the least of each: a pause of
			// the machine (shared with other work) then counts for neither size.
			for (let run = 0; run < 10 && ratio(small, large) > 8; run++) {
				small = Math.min(small, time(rule, 25_000));
				large = Math.min(large, time(rule, 100_000));
			}
			if (ratio(small, large) > 8) slow.push(`${rule.id}: ${small.toFixed(1)} → ${large.toFixed(1)} ms`);
		}
		expect(slow).toEqual([]);
	}, 120_000);

	it('redacts and finds in linear time over a 100 KB value made of every sample', () => {
		const unit = SECRET_SAMPLES.map((s) => s.text).join(' ');
		const run = (n: number) => {
			const text = fill(unit, n);
			const started = performance.now();
			secretMatcher.redact(text);
			secretMatcher.find(text);
			return performance.now() - started;
		};
		run(5_000);
		let small = run(25_000);
		let large = run(100_000);
		for (let i = 0; i < 10 && large / Math.max(small, 20) > 8; i++) {
			small = Math.min(small, run(25_000));
			large = Math.min(large, run(100_000));
		}
		expect(large / Math.max(small, 20)).toBeLessThan(8);
	}, 60_000);
});
