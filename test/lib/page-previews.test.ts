import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { experimentPreview, reportPreview, runPreview } from '../../src/lib/page-previews.ts';
import { socialImagePng, socialImageSvg } from '../../src/model-cards/social-image.ts';
import type { Experiment } from '../../src/schemas/experiment.ts';
import { makeRun, summary } from './run-factory.ts';

const experiment = { id: '1', name: 'penguins-sweep', slug: 'penguins-sweep' } as Experiment;
const runs = [
	makeRun({ id: 'a'.repeat(32), name: 'first', startTime: 1_700_000_000_000, metrics: { val_loss: summary(0.5) } }),
	makeRun({ id: 'b'.repeat(32), name: 'best', startTime: 1_700_000_100_000, metrics: { val_loss: summary(0.1) } }),
	makeRun({ id: 'c'.repeat(32), name: 'broken', status: 'FAILED', startTime: 1_700_000_200_000, metrics: { val_loss: summary('NaN') } }),
];

describe('experimentPreview', () => {
	it('counts the runs and names the best value of the primary metric by its direction', () => {
		const lower = experimentPreview(experiment, runs, 'val_loss', 'lower');
		expect(lower.description).toBe('3 runs · 1 failed in experiment penguins-sweep. Best val_loss 0.1 (best).');
		expect(lower.imageAlt).toBe('Run counts and best result of experiment penguins-sweep');
		expect(lower.image).toMatchObject({ kicker: 'Experiment', subtitle: '3 runs · 1 failed', metrics: [{ label: 'runs', value: '3' }, { label: 'best val_loss', value: '0.1' }] });
		expect(lower.image.sparkline).toEqual({ label: 'val_loss by run', values: [0.5, 0.1] });
		expect(lower.image.footer).toBe('last run 2023-11-14 (UTC) · best: best');
		expect(experimentPreview(experiment, runs, 'val_loss', 'higher').description).toContain('Best val_loss 0.5 (first)');
		expect(experimentPreview(experiment, [], null, 'lower').description).toBe('0 runs in experiment penguins-sweep.');
	});

	it('draws a 1200×630 PNG', async () => {
		const meta = await sharp(await socialImagePng(experimentPreview(experiment, runs, 'val_loss', 'lower').image, false)).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
	});
});

describe('runPreview', () => {
	it('names the run, its experiment, outcome and primary metric', () => {
		expect(runPreview(runs[1]!, experiment, 'val_loss')).toEqual({
			title: 'best',
			description: 'MLflow run best of experiment penguins-sweep, finished, val_loss 0.1, started 2023-11-14.',
		});
	});
});

describe('reportPreview', () => {
	it('shows a long title on two lines and the description as text, never "No metrics"', () => {
		const title = 'What the penguin sweep found, and why the MLP is the champion of this long comparison';
		const preview = reportPreview({ title, description: 'Learning rate decides the sweep.', date: '2026-03-03', authors: ['Ana Lima'] });
		expect(preview.image.subtitle).toBe('2026-03-03 · Ana Lima');
		const svg = socialImageSvg(preview.image);
		expect(svg).not.toContain('No metrics recorded');
		expect(svg).toContain('Learning rate decides the sweep.');
		const titleLines = [...svg.matchAll(/font-size="46" font-weight="bold"[^>]*>([^<]*)</g)].map((m) => m[1]);
		expect(titleLines).toHaveLength(2);
		expect(titleLines.join(' ').replace('…', '')).toBe(title.slice(0, titleLines.join(' ').replace('…', '').length));
	});
});
