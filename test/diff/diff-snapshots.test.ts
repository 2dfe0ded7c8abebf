import { describe, expect, it } from 'vitest';
import { diffMarkdown } from '../../src/diff/diff-markdown.ts';
import { diffSnapshots, isEmptyDiff } from '../../src/diff/diff-snapshots.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { SnapshotDiffSchema } from '../../src/schemas/diff.ts';
import { fixture } from './helpers.ts';

const defaults = MlpagesConfigSchema.parse({});

describe('diffSnapshots on two snapshots that differ', async () => {
	const [base, head] = await Promise.all([fixture('base'), fixture('head')]);
	const diff = diffSnapshots(base, head, defaults);

	it('validates against the diff schema', () => {
		expect(SnapshotDiffSchema.parse(diff)).toEqual(diff);
	});

	it('finds the added, removed and changed runs', () => {
		expect(diff.runs.added.map((r) => r.name)).toEqual(['forest-300']);
		expect(diff.runs.removed.map((r) => [r.name, r.status])).toEqual([['tree-depth3', 'FAILED']]);
		expect(diff.runs.changed.map((r) => r.name)).toEqual(['forest-100']);
		expect(diff.runs.changed[0]!.changes.map((c) => [c.field, c.key, c.before, c.after])).toEqual([
			['status', null, 'RUNNING', 'FINISHED'],
			['endTime', null, null, 1717234860000],
			['tag', 'stage', 'training', 'done'],
			['metric', 'train_loss', 0.14, 0.06],
			['metric', 'val_accuracy', 0.9559, 0.9853],
			['metric', 'val_loss', 0.1498, 0.0876],
		]);
	});

	it('finds the new model version and the alias move', () => {
		expect(diff.models.versionsAdded).toEqual([
			{ model: 'penguins-classifier', modelSlug: 'penguins-classifier', version: '3', runId: 'bf8a875df510f2d7a43b62874ed6e065', aliases: ['champion'] },
		]);
		expect(diff.models.versionsRemoved).toEqual([]);
		expect(diff.models.aliasMoves).toEqual([
			{ model: 'penguins-classifier', modelSlug: 'penguins-classifier', alias: 'champion', from: '2', to: '3' },
		]);
	});

	it('gives deltas of the aliased version and of the best run by the guessed primary metric, with direction', () => {
		expect(diff.metricDeltas.map((d) => [d.kind, d.subject, d.metric, d.direction, d.base.value, d.head.value, d.delta, d.outcome, d.verdict])).toEqual([
			['alias', 'penguins-classifier@champion', 'val_loss', 'lower', 0.1203, 0.0876, -0.0327, 'better', null],
			['best-run', 'best run of penguins', 'val_loss', 'lower', 0.1203, 0.0876, -0.0327, 'better', null],
		]);
		expect(diff.gate).toEqual({ status: 'none', failures: [] });
	});

	it('follows the configured primary metric', () => {
		const config = MlpagesConfigSchema.parse({ metrics: { primary: { penguins: 'val_accuracy' } } });
		const deltas = diffSnapshots(base, head, config).metricDeltas;
		expect(deltas.map((d) => [d.subject, d.metric, d.direction, d.base.value, d.head.value, d.outcome])).toEqual([
			['penguins-classifier@champion', 'val_accuracy', 'higher', 0.9706, 0.9853, 'better'],
			['best run of penguins', 'val_accuracy', 'higher', 0.9706, 0.9853, 'better'],
		]);
	});

	it('writes the Markdown summary for a merge request', () => {
		expect(diffMarkdown(diff, { previewUrl: 'https://group.gitlab.io/project/mr-7/' })).toMatchInlineSnapshot(`
			"<!-- mlpages-diff -->
			### mlpages: what changed

			\`base\` → \`head\`: runs 1 new, 1 removed, 1 changed · model versions 1 new, 0 removed · 1 alias move · 2 metric deltas

			[Preview](https://group.gitlab.io/project/mr-7/) · [What changed](https://group.gitlab.io/project/mr-7/changes/)

			#### Metric deltas

			| | Subject | Metric | Base | Head | Change |
			|---|---|---|--:|--:|---|
			|  | [penguins-classifier@champion](https://group.gitlab.io/project/mr-7/models/penguins-classifier/@champion/) (v2 → v3) | val\\_loss ↓ | 0.1203 | 0.0876 | −0.0327 (−27.18%), better |
			|  | [best run of penguins](https://group.gitlab.io/project/mr-7/experiments/penguins/) ([\`ea0a96b5\`](https://group.gitlab.io/project/mr-7/runs/ea0a96b52e3b4078621b63a41aeb2b09/) → [\`bf8a875d\`](https://group.gitlab.io/project/mr-7/runs/bf8a875df510f2d7a43b62874ed6e065/)) | val\\_loss ↓ | 0.1203 | 0.0876 | −0.0327 (−27.18%), better |

			#### Charts

			[![penguins-classifier@champion, before and after: val\\_loss 0.1203 → 0.0876 (better)](https://group.gitlab.io/project/mr-7/changes/charts/1-penguins-classifier-champion.png)](https://group.gitlab.io/project/mr-7/models/penguins-classifier/@champion/)

			[![best run of penguins, before and after: val\\_loss 0.1203 → 0.0876 (better)](https://group.gitlab.io/project/mr-7/changes/charts/2-best-run-of-penguins.png)](https://group.gitlab.io/project/mr-7/experiments/penguins/)

			#### Runs

			| | Run | Experiment | Status | What changed |
			|---|---|---|---|---|
			| new | [forest-300 \`2cc524e4\`](https://group.gitlab.io/project/mr-7/runs/2cc524e4a96428266bc879265fed77bd/) | [penguins](https://group.gitlab.io/project/mr-7/experiments/penguins/) | FINISHED |  |
			| changed | [forest-100 \`bf8a875d\`](https://group.gitlab.io/project/mr-7/runs/bf8a875df510f2d7a43b62874ed6e065/) | [penguins](https://group.gitlab.io/project/mr-7/experiments/penguins/) | FINISHED | status RUNNING → FINISHED; end time — → 2024-06-01 09:41:00 UTC; tags.stage training → done; train\\_loss 0.14 → 0.06; val\\_accuracy 0.9559 → 0.9853; and 1 more |
			| removed | tree-depth3 \`b411012d\` | [penguins](https://group.gitlab.io/project/mr-7/experiments/penguins/) | FAILED |  |

			#### Models

			| Model | Change |
			|---|---|
			| [penguins-classifier](https://group.gitlab.io/project/mr-7/models/penguins-classifier/) | new [version 3](https://group.gitlab.io/project/mr-7/models/penguins-classifier/3/) from run [\`bf8a875d\`](https://group.gitlab.io/project/mr-7/runs/bf8a875df510f2d7a43b62874ed6e065/) |
			| [penguins-classifier](https://group.gitlab.io/project/mr-7/models/penguins-classifier/) | @champion [2](https://group.gitlab.io/project/mr-7/models/penguins-classifier/2/) → [3](https://group.gitlab.io/project/mr-7/models/penguins-classifier/3/) |
			"
		`);
	});
});

describe('diffSnapshots on identical snapshots', async () => {
	const head = await fixture('head');
	const diff = diffSnapshots(head, head, defaults);

	it('is empty and says so', () => {
		expect(isEmptyDiff(diff)).toBe(true);
		expect(diff.gate.status).toBe('none');
		expect(diffMarkdown(diff)).toMatchInlineSnapshot(`
			"<!-- mlpages-diff -->
			### mlpages: what changed

			No changes between \`head\` and \`head\`.
			"
		`);
	});
});

describe('thresholds', async () => {
	const [base, head] = await Promise.all([fixture('base'), fixture('head')]);
	// head → base is a rollback: @champion moves 3 → 2 and both tracked metrics get worse.
	const config = MlpagesConfigSchema.parse({
		diff: { thresholds: { val_loss: { maxWorsening: 0.01 }, val_accuracy: { maxWorseningPct: 5 } } },
	});
	const diff = diffSnapshots(head, base, config);

	it('fails the metric that got worse by more than allowed and passes the other', () => {
		expect(diff.gate.status).toBe('fail');
		expect(diff.metricDeltas.map((d) => [d.subject, d.metric, d.outcome, d.verdict])).toEqual([
			['penguins-classifier@champion', 'val_accuracy', 'worse', 'pass'],
			['penguins-classifier@champion', 'val_loss', 'worse', 'fail'],
			['best run of penguins', 'val_accuracy', 'worse', 'pass'],
			['best run of penguins', 'val_loss', 'worse', 'fail'],
		]);
		expect(diff.gate.failures).toEqual([
			'val_loss of penguins-classifier@champion got worse by 0.0327 (37.33%), more than the allowed 0.01.',
			'val_loss of best run of penguins got worse by 0.0327 (37.33%), more than the allowed 0.01.',
		]);
	});

	it('passes when the worsening is within the limits', () => {
		const loose = MlpagesConfigSchema.parse({ diff: { thresholds: { val_loss: { maxWorsening: 0.05 } } } });
		expect(diffSnapshots(head, base, loose).gate).toEqual({ status: 'pass', failures: [] });
	});

	it('marks only the thresholded rows and names the failing metric', () => {
		const markdown = diffMarkdown(diff);
		expect(markdown).toContain('**Thresholds: failed.**');
		expect(markdown).toContain('- ⚠️ val\\_loss of penguins-classifier@champion got worse by 0.0327');
		expect(markdown.split('\n').filter((line) => line.includes('✅'))).toHaveLength(2);
		expect(diffMarkdown(diffSnapshots(base, head, defaults))).not.toMatch(/✅|⚠️/);
	});
});

describe('what the gate compares', async () => {
	const [base, head] = await Promise.all([fixture('base'), fixture('head')]);
	/** The head snapshot with the new run forest-300 given other latest values. */
	const headWith = (latest: Record<string, number>) => {
		const changed = structuredClone(head);
		const run = changed.runs.get('2cc524e4a96428266bc879265fed77bd')!;
		for (const [key, value] of Object.entries(latest)) run.metrics[key] = { ...run.metrics[key]!, last: value };
		return changed;
	};
	const bestRunRows = (config: unknown, headSnapshot = head) =>
		diffSnapshots(base, headSnapshot, MlpagesConfigSchema.parse(config))
			.metricDeltas.filter((d) => d.kind === 'best-run')
			.map((d) => [d.metric, d.base.runId?.slice(0, 8), d.head.runId?.slice(0, 8), d.base.value, d.head.value, d.verdict]);

	it("ranks an experiment's best run by the primary metric alone, and judges that run's thresholded metrics", () => {
		// forest-300 becomes the best run by val_loss, with the lowest val_accuracy of the experiment.
		const worse = headWith({ val_loss: 0.08, val_accuracy: 0.93 });
		const config = { diff: { thresholds: { val_accuracy: { maxWorsening: 0.02 } } } };
		expect(bestRunRows(config, worse)).toEqual([
			['val_accuracy', 'ea0a96b5', '2cc524e4', 0.9706, 0.93, 'fail'],
			['val_loss', 'ea0a96b5', '2cc524e4', 0.1203, 0.08, null],
		]);
		expect(diffSnapshots(base, worse, MlpagesConfigSchema.parse(config)).gate.failures).toContain(
			'val_accuracy of best run of penguins got worse by 0.0406 (4.18%), more than the allowed 0.02.',
		);
	});

	it('compares neither metrics without a threshold nor metrics the best runs did not log', () => {
		const config = { diff: { thresholds: { val_loss: { maxWorsening: 0.1 }, f1: { maxWorsening: 0.01 } } } };
		// train_loss moved on forest-100 and has no threshold; f1 is logged by no run.
		expect(bestRunRows(config)).toEqual([['val_loss', 'ea0a96b5', 'bf8a875d', 0.1203, 0.0876, 'pass']]);
	});

	it('judges no metric whose direction is unknown: changed, no arrow, and a threshold on it fails closed', () => {
		const moved = headWith({ learning_rate: 0.010416 });
		moved.runs.get('2cc524e4a96428266bc879265fed77bd')!.metrics['val_loss'] = { ...moved.runs.get('2cc524e4a96428266bc879265fed77bd')!.metrics['val_loss']!, last: 0.01 };
		const base2 = structuredClone(base);
		// Logged by the runs that log the primary metric (val_loss), so it does not become the primary.
		for (const run of [...base2.runs.values(), ...moved.runs.values()]) {
			if (run.metrics['val_loss']) run.metrics['learning_rate'] = { ...run.metrics['val_loss'], last: run.metrics['learning_rate']?.last ?? 0.0001 };
		}
		const config = MlpagesConfigSchema.parse({ diff: { thresholds: { learning_rate: { maxWorsening: 1 } } } });
		const diff = diffSnapshots(base2, moved, config);
		const lr = diff.metricDeltas.find((d) => d.kind === 'best-run' && d.metric === 'learning_rate')!;
		expect([lr.direction, lr.outcome, lr.verdict]).toEqual([null, 'changed', 'fail']);
		expect(diff.gate.failures).toContain(
			'learning_rate of best run of penguins changed, and its threshold cannot be checked: its direction is unknown. Set metrics.direction["learning_rate"] to "lower" or "higher".',
		);
		const row = diffMarkdown(diff).split('\n').find((line) => line.includes('best run of penguins') && line.includes('| learning\\_rate'))!;
		expect(row).toContain('| learning\\_rate |');
		expect(row).toMatch(/, changed \|$/);
		expect(row).not.toMatch(/better|worse|[↑↓▲▼]/);
		// With a configured direction it is judged like any other metric.
		const configured = MlpagesConfigSchema.parse({
			metrics: { direction: { learning_rate: 'lower' } },
			diff: { thresholds: { learning_rate: { maxWorsening: 1 } } },
		});
		const judged = diffSnapshots(base2, moved, configured).metricDeltas.find((d) => d.kind === 'best-run' && d.metric === 'learning_rate')!;
		expect([judged.direction, judged.outcome, judged.verdict]).toEqual(['lower', 'worse', 'pass']);
	});

	it('compares the source run of the version each alias points to, on the same metrics', () => {
		const config = MlpagesConfigSchema.parse({ diff: { thresholds: { val_accuracy: { maxWorsening: 0.001 } } } });
		const rows = diffSnapshots(base, head, config)
			.metricDeltas.filter((d) => d.kind === 'alias')
			.map((d) => [d.subject, d.metric, d.base.version, d.head.version, d.base.runId?.slice(0, 8), d.head.runId?.slice(0, 8), d.verdict]);
		expect(rows).toEqual([
			['penguins-classifier@champion', 'val_accuracy', '2', '3', 'ea0a96b5', 'bf8a875d', 'pass'],
			['penguins-classifier@champion', 'val_loss', '2', '3', 'ea0a96b5', 'bf8a875d', null],
		]);
	});
});
