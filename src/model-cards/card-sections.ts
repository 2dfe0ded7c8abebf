/**
 * The sections of a model card, in the order of the Hugging Face template
 * (huggingface_hub `modelcard_template.md`), with the Mitchell et al. (2019) names they cover, and
 * the splitting of a Markdown body into those sections.
 */

/** Ids of the card's sections, in display order. Every card shows every one. */
export const CARD_SECTION_IDS = [
	'model-details',
	'uses',
	'bias-risks-limitations',
	'recommendations',
	'training-data',
	'factors',
	'metrics',
	'lineage',
] as const;
export type CardSectionId = (typeof CARD_SECTION_IDS)[number];

/** Heading on the site, heading in the Hugging Face README, and the headings people may use. */
export const CARD_SECTIONS: Record<CardSectionId, { title: string; hfHeading: string; aliases: string[] }> = {
	'model-details': {
		title: 'Model details',
		hfHeading: 'Model Details',
		aliases: ['model description', 'model summary', 'description', 'overview', 'details', 'model'],
	},
	uses: {
		title: 'Uses',
		hfHeading: 'Uses',
		aliases: ['intended use', 'intended uses', 'intended uses limitations', 'direct use', 'downstream use', 'out of scope use', 'use cases'],
	},
	'bias-risks-limitations': {
		title: 'Bias, risks, and limitations',
		hfHeading: 'Bias, Risks, and Limitations',
		aliases: ['ethical considerations', 'ethics', 'limitations', 'risks', 'risks and limitations', 'bias'],
	},
	recommendations: {
		title: 'Caveats and recommendations',
		hfHeading: 'Recommendations',
		aliases: ['caveats', 'caveats and recommendations'],
	},
	'training-data': {
		title: 'Training and evaluation data',
		hfHeading: 'Training Details',
		aliases: ['training data', 'evaluation data', 'testing data', 'training details', 'training procedure', 'data', 'datasets'],
	},
	factors: { title: 'Factors', hfHeading: 'Factors', aliases: ['relevant factors', 'evaluation factors'] },
	metrics: {
		title: 'Metrics',
		hfHeading: 'Evaluation',
		aliases: ['evaluation', 'results', 'evaluation results', 'quantitative analyses', 'testing data factors metrics', 'performance'],
	},
	lineage: { title: 'Lineage', hfHeading: 'Lineage', aliases: ['provenance'] },
};

/** Text people wrote under one heading. */
export interface SectionPart {
	/** The heading as written. */
	heading: string;
	/** Markdown under it, trimmed; the heading line itself is not included. */
	markdown: string;
}

/** A Markdown body cut at its top-level headings. */
export interface SplitBody {
	/** Text before the first section heading (its `# Title` line removed); null when empty. */
	intro: string | null;
	/** Parts whose heading names a card section, by section. */
	sections: Partial<Record<CardSectionId, SectionPart[]>>;
	/** Parts under other headings (Citation, How to get started, ...), in written order. */
	extra: SectionPart[];
}

const normalise = (heading: string) =>
	heading.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const BY_HEADING = new Map<string, CardSectionId>();
for (const id of CARD_SECTION_IDS) {
	const s = CARD_SECTIONS[id];
	for (const h of [s.title, s.hfHeading, ...s.aliases]) BY_HEADING.set(normalise(h), id);
}

/** The card section a heading names, or null. @example sectionForHeading('Intended uses & limitations') === 'uses' */
export function sectionForHeading(heading: string): CardSectionId | null {
	return BY_HEADING.get(normalise(heading)) ?? null;
}

// Text the Hugging Face Trainer writes under every heading it knows nothing about.
const PLACEHOLDER = /^(\[?more information needed\]?\.?\s*)+$/i;

/**
 * Cuts a Markdown body at its section headings: `##` headings when there is one, else `#`.
 * Headings inside fenced code blocks are ignored. A part holding only the Hugging Face
 * placeholder "More information needed" counts as empty and is dropped, so a gap stays a gap.
 */
export function splitSections(body: string): SplitBody {
	const lines = body.split(/\r?\n/);
	const headings: { line: number; level: number; text: string }[] = [];
	let fence: string | null = null;
	lines.forEach((line, i) => {
		const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
		if (f?.[1]) {
			if (fence === null) fence = f[1][0] ?? null;
			else if (f[1][0] === fence) fence = null;
			return;
		}
		const h = fence === null ? /^(#{1,6})\s+(.*?)(\s+#+)?\s*$/.exec(line) : null;
		if (h?.[1] && h[2] !== undefined) headings.push({ line: i, level: h[1].length, text: h[2] });
	});
	const level = headings.some((h) => h.level === 2) ? 2 : 1;
	const cuts = headings.filter((h) => h.level === level);
	const text = (from: number, to: number) => lines.slice(from, to).join('\n').trim();
	const introLines = lines.slice(0, cuts[0]?.line ?? lines.length);
	// The card has its own title, so the body's `# Title` line (if any) is dropped.
	const title = headings.find((h) => h.level === 1 && h.line < (cuts[0]?.line ?? lines.length));
	if (level === 2 && title) introLines.splice(title.line, 1);
	const intro = introLines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
	const result: SplitBody = { intro: intro && !PLACEHOLDER.test(intro) ? intro : null, sections: {}, extra: [] };
	cuts.forEach((cut, i) => {
		const markdown = text(cut.line + 1, cuts[i + 1]?.line ?? lines.length);
		if (!markdown || PLACEHOLDER.test(markdown)) return;
		const part = { heading: cut.text, markdown };
		const id = sectionForHeading(cut.text);
		if (id) (result.sections[id] ??= []).push(part);
		else result.extra.push(part);
	});
	return result;
}
