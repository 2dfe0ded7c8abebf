import { join } from 'node:path';
import type { ModelCardMetadata } from '../schemas/model-card-metadata.ts';
import { splitSections, type SplitBody } from './card-sections.ts';
import { parseModelCardSource } from './people-front-matter.ts';

/**
 * Reads and merges the people-written cards of a model version from `dir`
 * (`content/model-cards/`): `<slug>.md` (or `.mdx`) for every version, then `<slug>@<version>.md`
 * (or `.mdx`) for one. Fields of the per-version front matter replace the per-model ones; a
 * section in the per-version body replaces the same section of the per-model body, and so
 * does its intro. MDX bodies are read as Markdown (components are not run inside a card).
 * @param readText returns a file's text, or null when it does not exist.
 * @returns null when neither file exists.
 * @throws AstroError naming the file and fields when a front matter is invalid.
 */
export function readPeopleCard(
	dir: string,
	slug: string,
	version: string,
	readText: (path: string) => string | null,
): { metadata: ModelCardMetadata; body: SplitBody } | null {
	const load = (base: string) => {
		for (const ext of ['.md', '.mdx']) {
			const file = join(dir, `${base}${ext}`);
			const text = readText(file);
			if (text !== null) {
				const card = parseModelCardSource(text, `model-cards/${base}${ext}`);
				return { metadata: card.metadata, body: splitSections(card.body) };
			}
		}
		return null;
	};
	const perModel = load(slug);
	const perVersion = load(`${slug}@${version}`);
	if (!perModel && !perVersion) return null;
	return {
		metadata: { ...perModel?.metadata, ...perVersion?.metadata },
		body: {
			intro: perVersion?.body.intro ?? perModel?.body.intro ?? null,
			sections: { ...perModel?.body.sections, ...perVersion?.body.sections },
			extra: [...(perModel?.body.extra ?? []), ...(perVersion?.body.extra ?? [])],
		},
	};
}
