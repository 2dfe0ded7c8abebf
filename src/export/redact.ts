import { decodeText, encodeText } from '../lib/text-encoding.ts';
import type { RedactConfig } from '../schemas/config.ts';
import { REDACTED, secretMatcher, type SecretMatcher } from '../security/secret-rules.ts';

export { REDACTED };

/**
 * Keys whose every non-trivial value is a secret: passwords (`db_pass`, `passphrase`), secrets,
 * API, access, account and private keys, credentials, authorisation and session tokens, DSNs and
 * webhooks.
 */
const SECRET_KEY =
	/(?:passw(?:or)?d|passphrase|(?:^|[-_.])pass$|\bpwd\b|secret|api[-_.]?key|apikey|access[-_.]?key|account[-_.]?key|shared[-_.]?access|private[-_.]?key|credential|auth[-_.]?token|authorization|session[-_.]?token|\bsas[-_.]?token|\bdsn\b|webhook)/i;
/** Keys whose high-entropy values are secrets (`token`; `max_tokens=512` or `tokenizer=bert-base` are not). */
const TOKEN_KEY = /token/i;
/** Values that are never secrets: numbers, booleans, none. */
const TRIVIAL = /^(?:|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|true|false|none|null|nan|inf|-inf|yes|no|\[redacted\])$/i;
/** Texts up to this length that may hold a secret are remembered with their redacted form: values repeat across runs. */
const CACHED_LENGTH = 1000;
const CACHE_ENTRIES = 200_000;

/**
 * Redacts secrets from everything an export publishes, by one model (src/security/secret-rules.ts):
 * - any text (names, keys, values, descriptions, notes, URIs, text artifacts): each secret the
 *   rules find, each match of `redact.values`, and each occurrence of `knownSecrets` (the tracking
 *   token or password in use; even with `redact.disable`) becomes `[redacted]`, the rest is kept;
 * - a value under a secret-looking key (or one matching `redact.keys`) is replaced whole.
 * Every change is reported once through `onHit` as `<owner>:<kind>.<what>`, built from redacted
 * parts only (it is published in `manifest.skipped`).
 */
export class Redactor {
	readonly #disable: boolean;
	readonly #extraKeys: RegExp[];
	readonly #extraValues: RegExp[];
	readonly #known: string[];
	readonly #onHit: (id: string) => void;
	readonly #matcher: SecretMatcher;
	/** Text that may hold a secret → its redacted form. */
	readonly #texts = new Map<string, string>();
	/** What the key patterns say about each key seen: keys repeat across runs, values mostly do not. */
	readonly #keys = new Map<string, { extra: boolean; secret: boolean; token: boolean; shown: string }>();

	constructor(config: RedactConfig, knownSecrets: ReadonlyArray<string | undefined>, onHit: (id: string) => void, matcher: SecretMatcher = secretMatcher) {
		this.#disable = config.disable;
		this.#extraKeys = config.keys.map((g) => globToRegExp(g));
		this.#extraValues = config.values.map((v) => new RegExp(v, 'gu'));
		this.#known = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
		this.#onHit = onHit;
		this.#matcher = matcher;
	}

	/** Free text (a name, description, URI) with its secrets replaced; reports `<owner>:<kind>.<what>` when anything changed. */
	text(owner: string, kind: string, what: string, value: string): string;
	text(owner: string, kind: string, what: string, value: string | null): string | null;
	text(owner: string, kind: string, what: string, value: string | null): string | null {
		if (value === null || value === '') return value;
		const out = this.redactText(value);
		if (out !== value) this.#onHit(`${owner}:${kind}.${what}`);
		return out;
	}

	/**
	 * The value of `key` with its secrets replaced, or `[redacted]` whole under a secret-looking
	 * key. `shownKey` is how the key itself is published (see `map`), for the hit's id.
	 */
	value(owner: string, kind: string, key: string, value: string, shownKey?: string): string;
	value(owner: string, kind: string, key: string, value: string | null, shownKey?: string): string | null;
	value(owner: string, kind: string, key: string, value: string | null, shownKey = key): string | null {
		if (value === null || value === '') return value;
		let out = this.redactText(value);
		const keyClass = this.#keyClass(key);
		if (keyClass.extra) out = REDACTED;
		else if (!this.#disable && (keyClass.secret || keyClass.token) && !TRIVIAL.test(out.trim()) && (keyClass.secret || highEntropy(out))) out = REDACTED;
		if (out !== value) this.#onHit(`${owner}:${kind}.${shownKey}`);
		return out;
	}

	/**
	 * A key → value map with keys and values redacted. A key holding a secret is shown with the
	 * secret replaced (`token_[redacted]`); when that collides with another key of the map it is
	 * numbered (`[redacted] (2)`), so no value is lost or merged.
	 */
	map(owner: string, kind: string, values: Readonly<Record<string, string>>): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(values)) {
			const redacted = this.#keyClass(k).shown;
			const shown = redacted === k ? k : uniqueKey(redacted, (c) => Object.hasOwn(out, c) || Object.hasOwn(values, c));
			if (shown !== k) this.#onHit(`${owner}:${kind}-key.${shown}`);
			out[shown] = this.value(owner, kind, k, v, shown);
		}
		return out;
	}

	/** A function naming the keys of one owner (a run's metrics) consistently: as `map` names keys. */
	keyNamer(owner: string, kind: string): (key: string) => string {
		const names = new Map<string, string>();
		const shown = new Set<string>();
		return (key) => {
			let name = names.get(key);
			if (name === undefined) {
				const redacted = this.#keyClass(key).shown;
				name = redacted === key ? key : uniqueKey(redacted, (c) => shown.has(c) || names.has(c));
				if (name !== key) this.#onHit(`${owner}:${kind}-key.${name}`);
				names.set(key, name);
				shown.add(name);
			}
			return name;
		};
	}

	/**
	 * A file's bytes with the secrets of its text replaced: UTF-8 and UTF-16 text is redacted and
	 * written back in its encoding, anything else is read byte for byte as Latin-1 (a secret in a
	 * binary file is overwritten there). Unchanged bytes are returned as they are.
	 */
	bytes(owner: string, kind: string, what: string, data: Uint8Array): Uint8Array {
		const decoded = decodeText(data);
		const out = this.text(owner, kind, what, decoded.text);
		return out === decoded.text ? data : encodeText(decoded, out);
	}

	/** Text with every secret replaced, reporting nothing (warnings, logs). */
	redactText(value: string): string {
		let out = value;
		for (const secret of this.#known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		// Most values hold no keyword of any rule, which one test tells; the others are remembered.
		if (!this.#disable && this.#matcher.mayHold(out)) {
			const cached = this.#texts.get(out);
			if (cached !== undefined) out = cached;
			else {
				const redacted = this.#matcher.redact(out)?.text ?? out;
				if (out.length <= CACHED_LENGTH && this.#texts.size < CACHE_ENTRIES) this.#texts.set(out, redacted);
				out = redacted;
			}
		}
		for (const pattern of this.#extraValues) out = out.replace(pattern, REDACTED);
		return out;
	}

	/** What the key patterns say about each key seen, and how it is shown: keys repeat across runs, values mostly do not. */
	#keyClass(key: string) {
		let c = this.#keys.get(key);
		if (c === undefined) {
			c = { extra: this.#extraKeys.some((k) => k.test(key)), secret: SECRET_KEY.test(key), token: TOKEN_KEY.test(key), shown: this.redactText(key) };
			if (this.#keys.size < 100_000) this.#keys.set(key, c);
		}
		return c;
	}
}

/** `base`, or `base (2)`, `base (3)`, … : the first that `taken` does not hold. */
function uniqueKey(base: string, taken: (candidate: string) => boolean): string {
	let name = base;
	for (let n = 2; taken(name); n++) name = `${base} (${n})`;
	return name;
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

/** `*` any run of characters, `?` one (line breaks included); the whole string, case-insensitive. */
export function globToRegExp(glob: string, flags = 'i'): RegExp {
	const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
	return new RegExp(`^${body}$`, flags);
}
