/**
 * Publishing controls (`publish` in the configuration), on the bundled example store: experiments
 * by name pattern, deleted runs, statuses, opt-in tagging of runs and models, and a maximum number
 * of runs per experiment chosen by a metric. Each left-out record is counted in `manifest.skipped`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { loadMlpagesConfig } from '../../src/cli/load-config.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import type { SourceReader } from '../../src/export/source-reader.ts';
import { MlpagesConfigSchema, type MlpagesConfigInput } from '../../src/schemas/config.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import type { Run } from '../../src/schemas/run.ts';

const temps: string[] = [];
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
	const dir = mkdtempSync(join(tmpdir(), 'mlpages-publish-'));
	temps.push(dir);
	return dir;
}

async function exportExample(config: MlpagesConfigInput, adapt: (reader: SourceReader) => SourceReader = (r) => r) {
	const outDir = join(temp(), 'content');
	const reader = adapt(await openSqliteReader('examples/mlflow.db', { warn: () => {}, displayUri: 'examples/mlflow.db' }));
	try {
		const { manifest } = await exportSnapshot({ reader, outDir, config: MlpagesConfigSchema.parse(config) });
		const list = (dir: string) => {
			try {
				return readdirSync(join(outDir, dir), { recursive: true }).map(String).filter((f) => f.endsWith('.json')).sort();
			} catch {
				return [];
			}
		};
		const runs = list('runs').map((f) => JSON.parse(readFileSync(join(outDir, 'runs', f), 'utf8')) as Run);
		return { manifest, runs, experiments: list('experiments'), models: list('models'), versions: list('model-versions') };
	} finally {
		await reader.close();
	}
}

const skippedOf = (manifest: Manifest, kind: string, reason: string) => manifest.skipped.find((s) => s.kind === kind && s.reason === reason);

/** The reader with tags added to some runs, registered models and versions (the example store has no opt-in tags). */
function tagging(tags: { runs?: string[]; models?: string[]; versions?: string[] }, tag = 'mlpages.publish') {
	return (reader: SourceReader): SourceReader => ({
		...reader,
		source: reader.source,
		experiments: () => reader.experiments(),
		metricPoints: (r) => reader.metricPoints(r),
		datasets: (e) => reader.datasets(e),
		loggedModels: (e) => reader.loggedModels(e),
		artifacts: (r) => reader.artifacts(r),
		modelVersions: async function* (m) {
			for await (const v of reader.modelVersions(m)) {
				if (tags.versions?.includes(`${v.name}/${v.version}`)) v.tags = { ...v.tags, [tag]: 'true' };
				yield v;
			}
		},
		registeredModels: async function* () {
			for await (const m of reader.registeredModels()) {
				if (tags.models?.includes(m.name)) m.tags = { ...m.tags, [tag]: 'True' };
				yield m;
			}
		},
		runs: async function* (e) {
			for await (const r of reader.runs(e)) {
				if (tags.runs?.includes(r.name ?? '')) r.tags = { ...r.tags, [tag]: 'true' };
				yield r;
			}
		},
		close: () => reader.close(),
	});
}

describe('publishing controls', () => {
	it('publishes everything by default: 3 experiments, 29 runs, 2 models', async () => {
		const { manifest, runs, experiments, models } = await exportExample({});
		expect([experiments.length, runs.length, models.length]).toEqual([3, 29, 2]);
		expect(manifest.skipped.filter((s) => s.reason !== 'deleted')).toEqual([]);
	});

	it('includes and excludes experiments by name pattern', async () => {
		const included = await exportExample({ publish: { experiments: { include: ['penguins-*'], exclude: ['*-sweep'] } } });
		expect(included.experiments).toEqual(['2.json']);
		expect(included.runs.map((r) => r.experimentId)).toEqual(['2', '2', '2']);
		expect(skippedOf(included.manifest, 'experiment', 'filtered')).toEqual({ kind: 'experiment', reason: 'filtered', count: 2, ids: ['0', '1'] });
		expect(included.manifest.counts.experiments).toBe(1);
		// Patterns match the whole name, case-sensitively.
		const none = await exportExample({ publish: { experiments: { include: ['Penguins-*', 'penguins'] } } });
		expect(none.experiments).toEqual([]);
	});

	it('publishes only the listed statuses', async () => {
		const { runs, manifest } = await exportExample({ publish: { statuses: ['FAILED'] } });
		expect(runs.map((r) => r.name)).toEqual(['mlp-lr1.0-h32-l20-s1']);
		expect(skippedOf(manifest, 'run', 'filtered')?.count).toBe(28);
	});

	it('opt-in: only runs, models and versions tagged mlpages.publish=true', async () => {
		const { runs, models, versions, manifest } = await exportExample(
			{ publish: { optIn: { tag: 'mlpages.publish' } } },
			tagging({ runs: ['mlp-sweep', 'logistic-regression'], models: ['penguins-baseline'], versions: ['penguins-classifier/3'] }),
		);
		expect(runs.map((r) => r.name).sort()).toEqual(['logistic-regression', 'mlp-sweep']);
		expect(models).toEqual(['penguins-baseline.json', 'penguins-classifier.json']);
		expect(versions).toEqual(['penguins-baseline/1.json', 'penguins-baseline/2.json', 'penguins-classifier/3.json']);
		expect(skippedOf(manifest, 'modelVersion', 'filtered')?.ids).toEqual(['penguins-classifier/1', 'penguins-classifier/2']);
		expect(skippedOf(manifest, 'run', 'filtered')?.count).toBe(27);

		const nothingTagged = await exportExample({ publish: { optIn: {} } });
		expect([nothingTagged.runs.length, nothingTagged.models.length]).toEqual([0, 0]);
		expect(skippedOf(nothingTagged.manifest, 'registeredModel', 'filtered')?.ids).toEqual(['penguins-baseline', 'penguins-classifier']);
	});

	it('keeps the best runs per experiment by a metric, in its direction', async () => {
		const best = await exportExample({ publish: { maxRunsPerExperiment: { count: 3, by: 'val_loss' } } });
		const sweep = best.runs.filter((r) => r.experimentId === '1');
		expect(sweep).toHaveLength(3);
		// val_loss is lower-is-better: the three kept have the lowest last values of the experiment.
		const all = (await exportExample({})).runs.filter((r) => r.experimentId === '1');
		const last = (r: Run) => (typeof r.metrics['val_loss']?.last === 'number' ? (r.metrics['val_loss'].last as number) : Infinity);
		const lowest = all.sort((a, b) => last(a) - last(b)).slice(0, 3).map((r) => r.id).sort();
		expect(sweep.map((r) => r.id).sort()).toEqual(lowest);
		expect(skippedOf(best.manifest, 'run', 'limit')?.count).toBe(26 - 3);
		// Experiment 2 has three runs: none left out.
		expect(best.runs.filter((r) => r.experimentId === '2')).toHaveLength(3);

		const highest = await exportExample({ publish: { maxRunsPerExperiment: { count: 1, by: 'val_loss', order: 'max' } } });
		const worst = all.filter((r) => Number.isFinite(last(r))).sort((a, b) => last(b) - last(a))[0]!;
		expect(highest.runs.filter((r) => r.experimentId === '1').map((r) => r.id)).toEqual([worst.id]);
	});

	it('leaves deleted runs out unless includeDeleted is set', async () => {
		const kept = await exportExample({ publish: { includeDeleted: true } });
		const left = await exportExample({});
		expect(kept.manifest.counts.runs).toBeGreaterThanOrEqual(left.manifest.counts.runs);
		expect(skippedOf(kept.manifest, 'run', 'deleted')).toBeUndefined();
	});
});

describe('configuration errors', () => {
	it('reports each problem as **path**: problem with ConfigInvalid (exit 1)', async () => {
		const root = temp();
		const { writeFileSync } = await import('node:fs');
		writeFileSync(
			join(root, 'astro.config.mjs'),
			`export const mlpagesConfig = { publish: { statuses: ['DONE'], maxRunsPerExperiment: { count: 0, by: 'val_loss' }, experiments: { include: [''] } }, redact: { values: ['('] }, sources: [{ name: 'Team A', uri: 'x' }] };\nexport default {};\n`,
		);
		const error = await loadMlpagesConfig(root).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'ExportError', exitCode: 1 });
		const message = (error as Error).message;
		expect(message).toContain('**publish.statuses.0**');
		expect(message).toContain('**publish.maxRunsPerExperiment.count**');
		expect(message).toContain('**publish.experiments.include.0**: Give a non-empty pattern');
		expect(message).toContain('**redact.values.0**: Not a valid regular expression');
		expect(message).toContain('**sources.0.name**: Use lowercase letters');
	});
});
