import type { RedactConfig } from '../schemas/config.ts';

/** What replaces a secret in the snapshot. */
export const REDACTED = '[redacted]';

/**
 * Secrets found anywhere in a value; each match is replaced by `[redacted]` (the rest of the text
 * is kept). Shapes: credentials in URLs (`user:pass@`), secret query parameters, private-key
 * blocks, AWS access key ids, GitLab/GitHub/Slack/OpenAI/Hugging Face/Google tokens, JWTs,
 * `Bearer …`/`Basic …` authorisations and `password=…`-style assignments.
 */
const VALUE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
	[/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, REDACTED],
	[/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@:]*:[^\s/?#@]+@/gi, `$1${REDACTED}@`],
	[/([?&](?:[a-z_-]*token|password|passwd|secret|api[_-]?key|apikey|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|client_secret)=)[^&#\s]+/gi, `$1${REDACTED}`],
	[/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g, REDACTED],
	[/\bgl(?:pat|dt|rt|ptt|ft|cbt|soat|oas|imt)-[0-9A-Za-z_-]{20,}/g, REDACTED],
	[/\b(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36,}\b/g, REDACTED],
	[/\bgithub_pat_[0-9A-Za-z_]{22,}/g, REDACTED],
	[/\bxox[abposre]-[0-9A-Za-z-]{10,}/g, REDACTED],
	[/\bsk-(?:proj-|ant-)?[0-9A-Za-z_-]{20,}/g, REDACTED],
	[/\bhf_[0-9A-Za-z]{30,}\b/g, REDACTED],
	[/\bAIza[0-9A-Za-z_-]{35}\b/g, REDACTED],
	[/\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,}/g, REDACTED],
	[/\b(Bearer|Basic|Token)\s+[0-9A-Za-z._~+/=-]{12,}/g, `$1 ${REDACTED}`],
	[/\b((?:[a-z_-]*password|passwd|pwd|[a-z_-]*secret|[a-z_-]*api[_-]?key|[a-z_-]*token)\s*[=:]\s*["']?)(?![\s"']|\[redacted\])[^\s"'&,;]+/gi, `$1${REDACTED}`],
	// An AWS secret access key: 40 characters of base64 with upper, lower case and a digit (a
	// lowercase hex git sha never matches).
	[/(?<![0-9A-Za-z/+])(?=[0-9A-Za-z/+]{40}(?![0-9A-Za-z/+=]))(?=[^\s]*[A-Z])(?=[^\s]*[a-z])(?=[^\s]*[0-9])[0-9A-Za-z/+]{40}/g, REDACTED],
];

/** A cheap test that every value matching one of VALUE_PATTERNS passes (most params fail it at once). */
const MAYBE_SECRET = /[:=@]|-----|\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|gl[a-z]{1,4}-|gh[pousr]_|github_pat_|xox|sk-|hf_|AIza|eyJ|Bearer|Basic|Token)|[0-9A-Za-z/+]{40}/;

/** Keys whose every non-trivial value is a secret. */
const SECRET_KEY = /(?:passw(?:or)?d|\bpwd\b|secret|api[-_.]?key|apikey|access[-_.]?key|private[-_.]?key|credential|auth[-_.]?token|authorization|session[-_.]?token|\bdsn\b)/i;
/** Keys whose high-entropy values are secrets (`token`; `max_tokens=512` or `tokenizer=bert-base` are not). */
const TOKEN_KEY = /token/i;
/** Values that are never secrets: numbers, booleans, none. */
const TRIVIAL = /^(?:|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|true|false|none|null|nan|inf|-inf|yes|no|\[redacted\])$/i;

export interface RedactionHit {
	/** Where, for `manifest.skipped` ids: `<owner>:<kind>.<key>`; never the value. */
	id: string;
}

/**
 * Redacts secret-looking values at export: a value under a secret-looking key (or a key matching
 * `redact.keys`) is replaced whole; secrets found inside any value (see VALUE_PATTERNS and
 * `redact.values`) are replaced where they appear. `knownSecrets` (the tracking token or password
 * in use) are replaced wherever they appear, even with `redact.disable`.
 */
export class Redactor {
	readonly #config: RedactConfig;
	readonly #extraKeys: RegExp[];
	readonly #extraValues: RegExp[];
	readonly #known: string[];
	readonly #onHit: (id: string) => void;

	constructor(config: RedactConfig, knownSecrets: ReadonlyArray<string | undefined>, onHit: (id: string) => void) {
		this.#config = config;
		this.#extraKeys = config.keys.map((g) => globToRegExp(g));
		this.#extraValues = config.values.map((v) => new RegExp(v, 'gu'));
		this.#known = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
		this.#onHit = onHit;
	}

	/** The value with its secrets replaced; reports `<owner>:<kind>.<key>` once when anything changed. */
	value(owner: string, kind: string, key: string, value: string): string;
	value(owner: string, kind: string, key: string, value: string | null): string | null;
	value(owner: string, kind: string, key: string, value: string | null): string | null {
		if (value === null || value === '') return value;
		const out = this.#redact(key, value);
		if (out !== value) this.#onHit(`${owner}:${kind}.${key}`);
		return out;
	}

	/** A copy of a key → value map with each value redacted. */
	map(owner: string, kind: string, values: Readonly<Record<string, string>>): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(values)) out[k] = this.value(owner, kind, k, v);
		return out;
	}

	/** What the key patterns say about each key seen: keys repeat across runs, values mostly do not. */
	readonly #keys = new Map<string, { extra: boolean; secret: boolean; token: boolean }>();

	#keyClass(key: string) {
		let c = this.#keys.get(key);
		if (c === undefined) {
			c = { extra: this.#extraKeys.some((k) => k.test(key)), secret: SECRET_KEY.test(key), token: TOKEN_KEY.test(key) };
			if (this.#keys.size < 100_000) this.#keys.set(key, c);
		}
		return c;
	}

	#redact(key: string, value: string): string {
		let out = value;
		for (const secret of this.#known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		const keyClass = this.#keyClass(key);
		if (keyClass.extra) return REDACTED;
		if (!this.#config.disable && (keyClass.secret || keyClass.token) && !TRIVIAL.test(out.trim())) {
			if (keyClass.secret || highEntropy(out)) return REDACTED;
		}
		if (!this.#config.disable && MAYBE_SECRET.test(out)) for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
		for (const pattern of this.#extraValues) out = out.replace(pattern, REDACTED);
		return out;
	}
}

/** A token-like value: one word of 16+ characters mixing letters and digits, ≥ 3.5 bits per character. */
export function highEntropy(value: string): boolean {
	const v = value.trim();
	if (v.length < 16 || /\s/.test(v) || !/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return false;
	const freq = new Map<string, number>();
	for (const c of v) freq.set(c, (freq.get(c) ?? 0) + 1);
	let bits = 0;
	for (const n of freq.values()) bits -= (n / v.length) * Math.log2(n / v.length);
	return bits >= 3.5;
}

/** `*` any run of characters, `?` one; the whole string, case-insensitive. */
export function globToRegExp(glob: string, flags = 'i'): RegExp {
	const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${body}$`, flags);
}
