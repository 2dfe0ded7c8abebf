import { formatMetric } from '../lib/format-metric.ts';
import type { ModelCard } from '../schemas/model-card.ts';
import { CARD_SECTIONS, type CardSectionId } from './card-sections.ts';
import { detailFacts, lineageFacts, MORE_INFORMATION_NEEDED, type Fact } from './card-facts.ts';
import { inertMarkdown, markdownCode, markdownTable, markdownText } from './markdown-text.ts';
import { modelIndex } from './model-index.ts';
import { stringifyMetadata } from './people-front-matter.ts';

// Hugging Face `library_name` ids of MLflow flavors; other flavors leave the field out.
const HF_LIBRARY: Record<string, string> = {
	sklearn: 'sklearn',
	transformers: 'transformers',
	keras: 'keras',
	spacy: 'spacy',
	sentence_transformers: 'sentence-transformers',
	fastai: 'fastai',
};

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * The YAML front matter of the README: the people-written fields first, as written, then what
 * the registry knows for fields they left out (`license`, `library_name`, `pipeline_tag`,
 * `tags` plus `mlflow`, `datasets`, `metrics`), and `model-index` with the evaluation results.
 */
export function hfMetadata(card: ModelCard): Record<string, unknown> {
	const m: Record<string, unknown> = { ...card.metadata };
	const main = card.framework.flavors.find((f) => f !== 'python_function');
	const library = main ? HF_LIBRARY[main] : undefined;
	const task = card.evalResults.find((r) => r.source !== 'card')?.task ?? null;
	if (m['license'] === undefined && card.license) m['license'] = card.license;
	if (m['library_name'] === undefined && library) m['library_name'] = library;
	if (m['pipeline_tag'] === undefined && task) m['pipeline_tag'] = task;
	const tags = Array.isArray(m['tags']) ? (m['tags'] as string[]) : [];
	m['tags'] = tags.includes('mlflow') ? tags : [...tags, 'mlflow'];
	const datasets = unique(card.datasets.map((d) => d.name));
	if (m['datasets'] === undefined && datasets.length) m['datasets'] = datasets;
	const metrics = unique(card.evalResults.filter((r) => r.source !== 'card').map((r) => r.metric));
	if (m['metrics'] === undefined && metrics.length) m['metrics'] = metrics;
	m['model-index'] = modelIndex(card);
	return m;
}

const facts = (fs: Fact[]) =>
	fs
		.map((f) => {
			const value = f.value === null ? MORE_INFORMATION_NEEDED : f.code ? markdownCode(f.value) : markdownText(f.value);
			const linked = f.value !== null && f.href ? `[${value}](<${f.href.replace(/[<>\s]/g, encodeURIComponent)}>)` : value;
			return `- **${f.label}:** ${linked}`;
		})
		.join('\n');

/** People-written parts of a section; a part under a heading other than the section's gets it as a sub-heading. */
const written = (card: ModelCard, id: CardSectionId, level: number) =>
	(card.sections[id] ?? [])
		.map((p) => (p.heading === CARD_SECTIONS[id].title || p.heading === CARD_SECTIONS[id].hfHeading ? p.markdown : `${'#'.repeat(level)} ${p.heading}\n\n${p.markdown}`))
		.join('\n\n');

const orMissing = (...blocks: string[]) => blocks.filter(Boolean).join('\n\n') || MORE_INFORMATION_NEEDED;

const columnsTable = (cols: { name: string | null; type: string; required: boolean | null }[] | null) =>
	cols === null
		? MORE_INFORMATION_NEEDED
		: markdownTable(
				['Name', 'Type', 'Required'],
				cols.map((c) => [c.name ?? '(unnamed)', c.type, c.required === null ? '' : c.required ? 'yes' : 'no']),
			);

/** The card's body in Hugging Face template order; every section present, gaps marked. */
export function hfBody(card: ModelCard): string {
	const registry = [card.modelDescription, card.versionDescription].filter((x): x is string => Boolean(x)).map(inertMarkdown);
	const description = [...(card.intro ? [card.intro] : []), ...registry];
	const datasets = card.datasets.length
		? markdownTable(
				['Dataset', 'Context', 'Digest', 'Rows', 'Source'],
				card.datasets.map((d) => [d.name, d.context ?? '', d.digest, d.rows === null ? '' : String(d.rows), d.source ?? '']),
			)
		: '';
	const results = card.evalResults.length
		? markdownTable(
				['Metric', 'Value', 'Split', 'Dataset', 'Logged as'],
				card.evalResults.map((r) => [
					r.metric,
					typeof r.value === 'number' ? formatMetric(r.value) : r.value,
					r.split ?? MORE_INFORMATION_NEEDED,
					r.dataset ?? MORE_INFORMATION_NEEDED,
					`${r.key} (${r.source})`,
				]),
			)
		: '';
	const parts = [
		`# ${markdownText(card.name)} (version ${markdownText(card.version)})`,
		...description,
		'## Model Details',
		'### Model Description',
		[written(card, 'model-details', 4), facts(detailFacts(card))].filter(Boolean).join('\n\n'),
		'### Signature',
		'**Inputs**',
		columnsTable(card.signature?.inputs ?? null),
		'**Outputs**',
		columnsTable(card.signature?.outputs ?? null),
		'## Uses',
		orMissing(written(card, 'uses', 3)),
		'## Bias, Risks, and Limitations',
		orMissing(written(card, 'bias-risks-limitations', 3)),
		'### Recommendations',
		orMissing(written(card, 'recommendations', 4)),
		'## Training Details',
		'### Training Data',
		orMissing(written(card, 'training-data', 4), datasets),
		'## Evaluation',
		'### Factors',
		orMissing(written(card, 'factors', 4)),
		'### Metrics',
		orMissing(written(card, 'metrics', 4), results),
		'## Lineage',
		facts(lineageFacts(card)),
		...card.extraSections.flatMap((p) => [`## ${p.heading}`, p.markdown]),
	];
	return `${parts.join('\n\n')}\n`;
}

/**
 * A Hugging Face-compatible `README.md` for one model version: YAML front matter (with
 * `model-index`) and the card's sections. Deterministic: the same card gives the same bytes.
 */
export function hfReadme(card: ModelCard): string {
	return `---\n${stringifyMetadata(hfMetadata(card))}---\n\n${hfBody(card)}`;
}
