import type { SocialImageInput } from '../model-cards/social-image.ts';
import type { Direction } from '../schemas/config.ts';
import type { Experiment } from '../schemas/experiment.ts';
import type { Run } from '../schemas/run.ts';
import { formatMetric } from './format-metric.ts';
import { formatRunName } from './format-run-name.ts';
import { isBetter } from './metric-direction.ts';

/**
 * A page's link preview: title and description of its tags, what its image shows and the image's
 * alt text. No data string is followed by `:` (`passwd: 3 runs` reads as a secret assignment to
 * the build's secret scan).
 */
export interface PagePreview {
	title: string;
	description: string;
	image: SocialImageInput;
	imageAlt: string;
}

const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The run with the best finite latest value of `metric`, by `direction`. */
function bestRun(runs: readonly Run[], metric: string, direction: Direction): { run: Run; value: number } | null {
	let best: { run: Run; value: number } | null = null;
	for (const run of runs) {
		const value = run.metrics[metric]?.last;
		if (typeof value !== 'number' || !Number.isFinite(value)) continue;
		if (!best || isBetter(value, best.value, direction)) best = { run, value };
	}
	return best;
}

/**
 * The preview of an experiment page, and of its runs' pages (they share its image: see
 * runPreview): run counts by outcome, the best latest value of the primary metric and which run
 * has it, and a sparkline of that metric over the runs in the order they started.
 */
export function experimentPreview(experiment: Experiment, runs: readonly Run[], primary: string | null, direction: Direction): PagePreview {
	const failed = runs.filter((r) => r.status === 'FAILED').length;
	const counts = [plural(runs.length, 'run'), failed > 0 ? `${failed.toLocaleString('en-US')} failed` : null].filter(Boolean).join(' · ');
	const best = primary ? bestRun(runs, primary, direction) : null;
	const ordered = runs.filter((r) => r.startTime !== null).sort((a, b) => a.startTime! - b.startTime!);
	const last = day(ordered.at(-1)?.startTime ?? null);
	const values = primary ? ordered.flatMap((r) => (typeof r.metrics[primary]?.last === 'number' ? [r.metrics[primary].last] : [])) : [];
	const metrics = [
		{ label: 'runs', value: runs.length.toLocaleString('en-US') },
		...(best && primary ? [{ label: `best ${primary}`, value: formatMetric(best.value) }] : []),
	];
	const bestText = best && primary ? ` Best ${primary} ${formatMetric(best.value)} (${formatRunName(best.run)}).` : '';
	return {
		title: experiment.name,
		description: `${counts} in experiment ${experiment.name}.${bestText}`,
		imageAlt: experimentImageAlt(experiment),
		image: {
			name: experiment.name,
			subtitle: counts,
			aliases: [],
			metrics,
			sparkline: primary && values.length >= 2 ? { label: `${primary} by run`, values } : null,
			kicker: 'Experiment',
			footer: [last ? `last run ${last} (UTC)` : null, best ? `best: ${formatRunName(best.run)}` : null].filter(Boolean).join(' · '),
		},
	};
}

/** Alt text of an experiment's image, which its runs' pages show too. */
export const experimentImageAlt = (experiment: Experiment) => `Run counts and best result of experiment ${experiment.name}`;

/**
 * The title and description of a run page's preview; its image is its experiment's (one PNG per
 * experiment instead of one per run: 100,000 runs would cost 100,000 renders and ~3 GB of
 * images, for pages that are shared far less often than their experiment).
 */
export function runPreview(run: Run, experiment: Experiment | null, primary: string | null): { title: string; description: string } {
	const name = formatRunName(run);
	const value = primary ? run.metrics[primary]?.last : undefined;
	const parts = [
		`MLflow run ${name}${experiment ? ` of experiment ${experiment.name}` : ''}`,
		run.status.toLowerCase(),
		...(primary && value !== undefined ? [`${primary} ${formatMetric(value)}`] : []),
		...(run.startTime !== null ? [`started ${day(run.startTime)}`] : []),
	];
	return { title: name, description: `${parts.join(', ')}.` };
}

/** The preview of a report page: its title, date and authors, and its description as text. */
export function reportPreview(report: { title: string; description: string; date: string; authors: readonly string[] }): PagePreview {
	const byline = [report.date, report.authors.join(', ')].filter(Boolean).join(' · ');
	const description = report.description;
	return {
		title: report.title,
		description,
		image: { name: report.title, subtitle: byline, aliases: [], metrics: [], sparkline: null, kicker: 'Report', text: description },
		imageAlt: `Title, date and summary of the report ${report.title}`,
	};
}
