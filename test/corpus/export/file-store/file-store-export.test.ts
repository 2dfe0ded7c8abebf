import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../../../src/export/export.ts';
import { openFileStoreReader } from '../../../../src/export/file-store/file-store-reader.ts';
import { warningCollector } from '../../../../src/export/warnings.ts';
import { noopLogger } from '../../../../src/lib/logger.ts';
import { skippedBadRecord } from '../../../../src/messages.ts';
import { MlpagesConfigSchema } from '../../../../src/schemas/config.ts';
import { walkFileStore } from '../../../export/helpers/walk-file-store.ts';
import { fixture } from '../../helpers/shared-fixtures.ts';

/**
 * Full exports of every real file store: the export finishes, and its manifest counts agree
 * with ../shared/fixtures/INDEX.md. INDEX.md counts everything on disk; the snapshot leaves out
 * deleted experiments and runs (counted in `skipped`), collapses exact duplicate points of a run,
 * and cannot see an experiment without meta.yaml. Each difference is computed by an independent
 * walker (walkFileStore: plain fs, no reader code) and subtracted with its reason.
 */
const FILE_STORES = [
	{ path: 'Toma0916__GlobalWheatDetection/mlruns', experiments: 9, trashedExperiments: 1, runs: 239 + 1, params: 10369, tags: 1211, metricFiles: 3533, metricPoints: 111555, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 },
	{ path: 'ignacio-scarinci__aprendizajeprofundo/mlruns', experiments: 14, trashedExperiments: 0, runs: 404, params: 2876, tags: 1239, metricFiles: 906, metricPoints: 6234, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 },
	{ path: 'KhuzaimahAziz__thesis_seismology/mlruns', experiments: 6, trashedExperiments: 0, runs: 32, params: 96, tags: 128, metricFiles: 37, metricPoints: 13608, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 },
	{ path: 'KhuzaimahAziz__thesis_seismology/src/mlruns', experiments: 2, trashedExperiments: 2, runs: 2 + 2, params: 16, tags: 16, metricFiles: 11, metricPoints: 950, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 },
	{ path: 'PacktPublishing__Hyperparameter-Tuning-with-Python/mlruns', experiments: 2, trashedExperiments: 5, runs: 3 + 16, params: 17, tags: 80, metricFiles: 11, metricPoints: 33, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 },
	{ path: 'adambht__MLOps_Churn_Project/mlruns', experiments: 1, trashedExperiments: 0, runs: 51, params: 22, tags: 307, metricFiles: 45, metricPoints: 45, registeredModels: 1, modelVersions: 11, loggedModels: 0, datasets: 0 },
	{ path: 'Ghaith-Saidani__MLflow/mlruns', experiments: 1, trashedExperiments: 0, runs: 55, params: 27, tags: 281, metricFiles: 51, metricPoints: 51, registeredModels: 1, modelVersions: 6, loggedModels: 0, datasets: 0 },
	{ path: 'Yeabtssega__Credit-risk-model/mlruns', experiments: 3, trashedExperiments: 0, runs: 7, params: 11, tags: 35, metricFiles: 21, metricPoints: 41, registeredModels: 3, modelVersions: 3, loggedModels: 6, datasets: 0 },
	{ path: 'Yeabtssega__Credit-risk-model/src/mlruns', experiments: 2, trashedExperiments: 0, runs: 2, params: 6, tags: 10, metricFiles: 10, metricPoints: 20, registeredModels: 0, modelVersions: 0, loggedModels: 2, datasets: 0 },
	{ path: '2025-1-productos-de-datos__PRE-12-mlflow-evaluacion-alvelezp/mlruns', experiments: 1, trashedExperiments: 0, runs: 7, params: 37, tags: 49, metricFiles: 112, metricPoints: 112, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 1 },
	{ path: '00VALAK00__MCP-LLamaIndex-CRUD-Agent/mlruns', experiments: 1, trashedExperiments: 0, runs: 0, params: 0, tags: 0, metricFiles: 0, metricPoints: 0, registeredModels: 0, modelVersions: 0, loggedModels: 0, datasets: 0 },
] as const;

const config = MlpagesConfigSchema.parse({});

describe('exportSnapshot on every real file store (../shared/fixtures)', () => {
	for (const store of FILE_STORES) {
		it(`exports ${store.path} with counts that agree with INDEX.md`, async () => {
			const root = fixture(store.path);
			const disk = walkFileStore(root);
			// The walker sees what INDEX.md counts.
			expect(disk.all).toEqual({
				experiments: store.experiments + disk.withoutMeta.experiments,
				trashedExperiments: store.trashedExperiments,
				runs: store.runs,
				params: store.params,
				tags: store.tags,
				metricFiles: store.metricFiles,
				metricPoints: store.metricPoints,
			});

			const warnings = warningCollector(noopLogger);
			const reader = await openFileStoreReader(root, { warn: (m) => warnings.warn(m), displayUri: store.path });
			const outDir = join(mkdtempSync(join(tmpdir(), 'mlpages-file-export-')), 'content');
			const { manifest } = await exportSnapshot({ reader, outDir, config, warnings });
			await reader.close();
			const c = manifest.counts;
			const skipped = (kind: string, reason: string) =>
				manifest.skipped.find((s) => s.kind === kind && s.reason === reason)?.count ?? 0;

			// INDEX.md's experiments are the folders with a meta.yaml (Toma's experiment 7 has none and is
			// skipped with a warning); trashed experiments are left out as deleted.
			expect(c.experiments).toBe(store.experiments);
			expect(skipped('experiment', 'deleted')).toBe(store.trashedExperiments);
			expect(manifest.warnings.filter((w) => w.startsWith('Skipped'))).toEqual(
				disk.withoutMeta.folders.map((f) => skippedBadRecord('experiment', `${store.path}/${f}`, 'meta.yaml is missing')),
			);
			// Runs: INDEX.md counts every run folder; deleted runs (in place or under .trash/) are left
			// out and counted as skipped; runs of an experiment without meta.yaml are unreachable.
			expect(c.runs).toBe(store.runs - disk.deleted.runs - disk.withoutMeta.runs);
			expect(skipped('run', 'deleted')).toBe(disk.deleted.runs);
			expect(c.params).toBe(store.params - disk.deleted.params - disk.withoutMeta.params);
			expect(c.tags).toBe(store.tags - disk.deleted.tags - disk.withoutMeta.tags);
			// Series: one per exported run and key, i.e. INDEX.md's metric files minus those of runs left out.
			expect(c.metricSeries).toBe(store.metricFiles - disk.deleted.metricFiles - disk.withoutMeta.metricFiles);
			// Points: INDEX.md counts non-empty lines with duplicates; the snapshot counts distinct points
			// of exported runs and reports the exact duplicates it collapsed.
			expect(c.metricPoints).toBe(store.metricPoints - disk.deleted.metricPoints - disk.withoutMeta.metricPoints - disk.duplicates);
			expect(skipped('metricPoint', 'duplicate')).toBe(disk.duplicates);
			// No prompts and no Deleted_Internal versions in these registries.
			expect(c.registeredModels).toBe(store.registeredModels);
			expect(c.modelVersions).toBe(store.modelVersions);
			expect(c.loggedModels).toBe(store.loggedModels);
			expect(c.datasets).toBe(store.datasets);
			// The published source names the store's folder, never the build machine's path to it.
			expect(manifest.source).toEqual({ kind: 'file', label: `file · ${basename(store.path)}` });
			expect(existsSync(join(outDir, 'manifest.json'))).toBe(true);
		});
	}
});
