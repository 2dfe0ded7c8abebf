/**
 * One rule of the secret model: how to recognise one kind of secret in any text.
 *
 * A match is `pre` (context that is kept, such as `password=` or `https://`) followed by the
 * secret; context after the secret is only ever a lookahead. Redaction replaces the secret and
 * keeps `pre`; the scan reports the rule's id.
 *
 * Every pattern must run in time linear in the text: each quantifier over a class is bounded, or
 * the match cannot start inside a run of that class (a `\b` or lookbehind before it), so no
 * input makes the engine rescan a long run from each of its positions
 * (test/security/secret-rules.test.ts measures it).
 */
export interface SecretRule {
	/** gitleaks' rule id for a ported rule, `mlpages-…` for a rule of our own. */
	id: string;
	/**
	 * Lowercase strings of which every match contains at least one (gitleaks' `keywords`): the
	 * pattern only runs on text holding one of them.
	 */
	keywords: readonly string[];
	/** Global regular expression; the optional named group `pre` is context, the rest the secret. */
	pattern: RegExp;
	/** Least Shannon entropy (bits per character) of the secret (gitleaks' `entropy`). */
	entropy?: number;
	/** Secrets this rule does not report though they match (gitleaks' allowlists). */
	except?: RegExp;
	/** Context that makes a match no secret (gitleaks' allowlists on the whole match). */
	exceptContext?: RegExp;
	/**
	 * The rule recognises a secret by the name written before it (`password = …`) rather than by
	 * its shape: it runs on data (values, pages, JSON, artifacts) but not on the site's code
	 * bundles, where `password:t` is a variable.
	 */
	dataOnly?: true;
}

/** A rule from its parts; the pattern gets the `g` flag. */
export function secretRule(id: string, keywords: readonly string[], source: string, options: { flags?: string; entropy?: number; except?: RegExp; exceptContext?: RegExp; dataOnly?: true } = {}): SecretRule {
	return {
		id,
		keywords,
		pattern: new RegExp(source, `g${options.flags ?? ''}`),
		...(options.entropy !== undefined ? { entropy: options.entropy } : {}),
		...(options.except ? { except: options.except } : {}),
		...(options.exceptContext ? { exceptContext: options.exceptContext } : {}),
		...(options.dataOnly ? { dataOnly: true as const } : {}),
	};
}

/** Shannon entropy of a string in bits per character, as gitleaks computes it. */
export function shannonEntropy(text: string): number {
	if (text.length === 0) return 0;
	const counts = new Map<string, number>();
	for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
	let bits = 0;
	for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
	return bits;
}
