import { unescapeWithOffsets } from './decoded-views.ts';
import { GITLEAKS_RULES } from './gitleaks-rules.ts';
import { MLPAGES_RULES } from './mlpages-rules.ts';
import { shannonEntropy, type SecretRule } from './secret-rule.ts';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/**
 * The secret model: one set of rules used by redaction at export (src/export/redact.ts) and by
 * the scan of a built site (secret-scan.ts). gitleaks' default rules (gitleaks-rules.ts) and
 * ours (mlpages-rules.ts).
 */
export const SECRET_RULES: readonly SecretRule[] = [...GITLEAKS_RULES, ...MLPAGES_RULES];

/** Changes whenever a rule does, so that cached exports are redacted again. */
export const SECRET_RULES_VERSION = 'gitleaks-8.30.1+mlpages-1';

/** Characters a redaction is extended over after a match, so that no tail of a token is left. */
const TOKEN_CHAR = /[A-Za-z0-9_-]/;
/** Characters of the name before a match, for rules whose context says what is not a secret. */
const NAME_CHAR = /[\w.-]/;

/** Where a rule matched: its id and the offset of the secret (never the secret). */
export interface SecretFinding {
	rule: string;
	index: number;
}

/**
 * Finds and redacts secrets by SECRET_RULES. A rule's pattern only runs when the text holds one
 * of its keywords, which one pass of a single regular expression tells for all rules: most
 * values hold none.
 */
export class SecretMatcher {
	readonly #rules: readonly SecretRule[];
	readonly #gate: RegExp;
	readonly #keywords: RegExp;
	/** Keyword → the rules to run when it is found (with those of every keyword inside it). */
	readonly #byKeyword = new Map<string, SecretRule[]>();

	constructor(rules: readonly SecretRule[] = SECRET_RULES) {
		this.#rules = rules;
		const keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
		for (const k of keywords) this.#byKeyword.set(k, rules.filter((r) => r.keywords.some((rk) => k.includes(rk))));
		const source = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
		this.#gate = new RegExp(source, 'i');
		this.#keywords = new RegExp(source, 'gi');
	}

	/** False when no rule can match the text (it holds none of their keywords): one regular expression test. */
	mayHold(text: string): boolean {
		return this.#gate.test(text);
	}

	/**
	 * The text with every secret replaced by `[redacted]`, and the ids of the rules that matched;
	 * null when nothing matched. Secrets written with JSON or HTML escapes (a JSON document inside a
	 * JSON string: `"{\\"password\\": \\"x\\"}"`) are found in the decoded text and replaced,
	 * escapes and all, in the original.
	 */
	redact(text: string): { text: string; rules: string[] } | null {
		let out = text;
		const rules: string[] = [];
		for (const rule of this.#candidates(text)) {
			const spans = this.#spans(rule, out);
			if (spans.length > 0) {
				out = replaceSpans(out, spans);
				rules.push(rule.id);
			}
		}
		const decoded = unescapeWithOffsets(out);
		if (decoded !== null) {
			const spans: Array<[number, number]> = [];
			for (const rule of this.#candidates(decoded.text)) {
				const found = this.#spans(rule, decoded.text);
				for (const [start, end] of found) spans.push([decoded.offsets[start]!, decoded.offsets[end]!]);
				if (found.length > 0 && !rules.includes(rule.id)) rules.push(rule.id);
			}
			if (spans.length > 0) out = replaceSpans(out, mergeSpans(spans));
		}
		return rules.length === 0 ? null : { text: out, rules };
	}

	/**
	 * The first secret of each rule that matches, in rule order. In `code` (a script or style
	 * sheet) the rules that go by a name before the secret (`dataOnly`) do not run.
	 */
	find(text: string, options: { code?: boolean } = {}): SecretFinding[] {
		const found: SecretFinding[] = [];
		for (const rule of this.#candidates(text)) {
			if (options.code && rule.dataOnly) continue;
			const re = rule.pattern;
			re.lastIndex = 0;
			for (let m = re.exec(text); m !== null; m = re.exec(text)) {
				if (m[0].length === 0) re.lastIndex++;
				else if (accept(rule, text, m)) {
					found.push({ rule: rule.id, index: m.index + (m.groups?.['pre']?.length ?? 0) });
					break;
				}
			}
		}
		return found;
	}

	/** The rules whose keywords the text holds, in rule order. */
	#candidates(text: string): SecretRule[] {
		if (!this.#gate.test(text)) return [];
		const found = new Set<SecretRule>();
		const re = this.#keywords;
		re.lastIndex = 0;
		for (let m = re.exec(text); m !== null; m = re.exec(text)) {
			for (const r of this.#byKeyword.get(m[0].toLowerCase()) ?? []) found.add(r);
			if (found.size === this.#rules.length) break;
			// Keywords that start inside this one are found from the next character on.
			re.lastIndex = m.index + 1;
		}
		return this.#rules.filter((r) => found.has(r));
	}

	/** Where the rule's secrets are in `text`, each extended to the end of its token, in order. */
	#spans(rule: SecretRule, text: string): Array<[number, number]> {
		const spans: Array<[number, number]> = [];
		const re = rule.pattern;
		re.lastIndex = 0;
		for (let m = re.exec(text); m !== null; m = re.exec(text)) {
			if (m[0].length === 0) {
				re.lastIndex++;
				continue;
			}
			if (!accept(rule, text, m)) continue;
			const start = m.index + (m.groups?.['pre']?.length ?? 0);
			let end = m.index + m[0].length;
			while (end < text.length && TOKEN_CHAR.test(text[end]!)) end++;
			spans.push([start, end]);
			re.lastIndex = end;
		}
		return spans;
	}
}

/** `text` with each span (in order, not overlapping) replaced by `[redacted]`. */
function replaceSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
	let out = '';
	let last = 0;
	for (const [start, end] of spans) {
		out += text.slice(last, start) + REDACTED;
		last = end;
	}
	return out + text.slice(last);
}

/** Spans sorted, overlapping ones joined. */
function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
	spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const out: Array<[number, number]> = [];
	for (const span of spans) {
		const last = out[out.length - 1];
		if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
		else out.push([span[0], span[1]]);
	}
	return out;
}

/** Whether a match passes the rule's entropy threshold and allowlists. */
function accept(rule: SecretRule, text: string, m: RegExpExecArray): boolean {
	const pre = m.groups?.['pre'] ?? '';
	const secret = m[0].slice(pre.length);
	if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
	if (rule.except?.test(secret)) return false;
	if (rule.exceptContext?.test(nameBefore(text, m.index) + pre)) return false;
	return true;
}

/** Up to 50 name characters (`[\w.-]`) right before `index`: the start of a `db_api_key = …` name. */
function nameBefore(text: string, index: number): string {
	let start = index;
	while (start > 0 && index - start < 50 && NAME_CHAR.test(text[start - 1]!)) start--;
	return text.slice(start, index);
}

/** The matcher of SECRET_RULES, shared by every caller. */
export const secretMatcher = new SecretMatcher();
