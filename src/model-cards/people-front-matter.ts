import matter from 'gray-matter';
import YAML from 'yaml';
import { AstroError } from 'astro/errors';
import { ModelCardInvalid, ModelCardUnreadable } from '../errors.ts';
import {
	ModelCardMetadataSchema,
	type ModelCardMetadata,
} from '../schemas/model-card-metadata.ts';
import { parseWithFriendlyErrors } from './parse-with-friendly-errors.ts';

/** A model card as people write it: validated metadata and the Markdown body, both verbatim. */
export interface ModelCardSource {
	/**
	 * The front matter exactly as parsed (key order and unknown fields kept), after it passed
	 * ModelCardMetadataSchema. `{}` when the file has none.
	 */
	metadata: ModelCardMetadata;
	/** Everything after the closing `---` line, byte for byte. */
	body: string;
}

const refuse = (language: string) => () => {
	throw new Error(`front matter in ${language} is not accepted, only YAML`);
};

// gray-matter evaluates `---js` front matter with eval(); a card must never run code at build time.
const ENGINES = {
	yaml: (text: string): object => YAML.parse(text, { schema: 'core' }) ?? {},
	js: refuse('JavaScript'),
	javascript: refuse('JavaScript'),
	coffee: refuse('CoffeeScript'),
	coffeescript: refuse('CoffeeScript'),
	json: (text: string): object => JSON.parse(text),
	toml: refuse('TOML'),
};

/**
 * Parses a model card (a Hugging Face `README.md` or a `content/model-cards/*.md(x)` file).
 * YAML is read as YAML 1.2 (core schema), as written: `no` stays the language code of
 * Norwegian and dates stay strings, so nothing changes on the way back out.
 * @param file Path shown in messages, relative to the project root.
 * @throws AstroError `MlpagesModelCardUnreadable` when the YAML does not parse, and
 * `MlpagesModelCardInvalid` listing each `**field**: problem` when a known field is wrong.
 */
export function parseModelCardSource(text: string, file: string): ModelCardSource {
	let parsed: { data: unknown; content: string };
	try {
		parsed = matter(text, { engines: ENGINES, language: 'yaml' });
	} catch (cause) {
		const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
		throw new AstroError(ModelCardUnreadable.message(file, reason ?? ''), ModelCardUnreadable.hint);
	}
	const data = parsed.data;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new AstroError(
			ModelCardUnreadable.message(file, 'the front matter is not a map of fields'),
			ModelCardUnreadable.hint,
		);
	}
	parseWithFriendlyErrors(
		ModelCardMetadataSchema,
		data,
		ModelCardInvalid.message(file),
		ModelCardInvalid.hint,
	);
	// The validated copy reorders keys; the original is what the author wrote and what we keep.
	return { metadata: data as ModelCardMetadata, body: parsed.content };
}

/**
 * Writes a card back: `---`, the metadata as YAML (Hugging Face layout: list items at the key's
 * indentation, no line folding), `---`, then the body verbatim. Without metadata, only the body.
 * Parsing the result gives deep-equal metadata and the same body.
 */
export function serializeModelCard(card: ModelCardSource): string {
	if (Object.keys(card.metadata).length === 0) return card.body;
	return `---\n${stringifyMetadata(card.metadata)}---\n${card.body}`;
}

/** The metadata as YAML in the layout the Hugging Face Hub writes. */
export function stringifyMetadata(metadata: Record<string, unknown>): string {
	return YAML.stringify(metadata, { indentSeq: false, lineWidth: 0, minContentWidth: 0 });
}
