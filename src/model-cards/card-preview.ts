import { formatMetric } from '../lib/format-metric.ts';
import type { EvalResult, ModelCard } from '../schemas/model-card.ts';
import type { RunSeries } from '../schemas/series.ts';
import type { SocialImageInput } from './social-image.ts';

/** How a result is named in previews: the metric, with its split when known. @example "accuracy (test)" */
export const resultLabel = (r: EvalResult) => (r.split ? `${r.metric} (${r.split})` : r.metric);

const formatted = (r: EvalResult) => (typeof r.value === 'number' ? formatMetric(r.value) : r.value);

/** `og:title` of a card. @example "penguins-classifier v3 (@champion)" */
export function previewTitle(card: ModelCard): string {
	const aliases = card.aliases.length ? ` (${card.aliases.map((a) => `@${a}`).join(', ')})` : '';
	return `${card.name} v${card.version}${aliases}`;
}

/** `og:description` of a card: the key metrics, and what the card holds. */
export function previewDescription(card: ModelCard): string {
	const metrics = card.keyMetrics.map((r) => `${resultLabel(r)} ${formatted(r)}`).join(', ');
	const by = card.owner ? ` by ${card.owner}` : '';
	return `Model card of ${card.name} version ${card.version}${by}.${metrics ? ` ${metrics}.` : ''} Details, uses, limitations, data, metrics and lineage.`;
}

/**
 * What the social image of a card shows: name, version (no aliases: they move), the key metrics, and a
 * sparkline of the first key metric's history in the source run (from `series/<runId>.json`),
 * or of the first run metric that has one.
 */
export function socialImageInput(card: ModelCard, series: RunSeries | null): SocialImageInput {
	const keys = [...card.keyMetrics, ...card.evalResults].filter((r) => r.source === 'run').map((r) => r.key);
	const key = keys.find((k) => (series?.metrics[k]?.value.length ?? 0) >= 2) ?? null;
	const run = card.lineage.run;
	return {
		name: card.name,
		version: card.version,
		// The image is cached by whoever shows it and names this version for good: an alias that
		// moves to another version would make it wrong, so it shows none (the page title does).
		aliases: [],
		metrics: card.keyMetrics.map((r) => ({ label: resultLabel(r), value: formatted(r) })),
		sparkline: key && series ? { label: `${key} by step`, values: series.metrics[key]?.value ?? [] } : null,
		kicker: 'Model card',
		footer: [card.owner ? `Owner ${card.owner}` : null, run ? `run ${run.name ?? run.id}` : null, card.license ? `license ${card.license}` : null]
			.filter(Boolean)
			.join(' · '),
	};
}
