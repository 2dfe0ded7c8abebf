import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileStoreLayout } from '../../../scripts/demo/file-store-meta.ts';
import { exportSnapshot } from '../../../src/export/export.ts';
import { openFileStoreReader } from '../../../src/export/file-store/file-store-reader.ts';
import { warningCollector } from '../../../src/export/warnings.ts';
import { noopLogger } from '../../../src/lib/logger.ts';
import { skippedBadRecord } from '../../../src/messages.ts';
import { MlpagesConfigSchema } from '../../../src/schemas/config.ts';
import { writeQuirksStore } from '../../support/write-quirks-store.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { walkFileStore } from '../helpers/walk-file-store.ts';

/**
 * Full exports of the quirks store in each file-store layout, with an experiment folder that
 * lost its meta.yaml added: the manifest counts agree with an independent walk of the files
 * (walkFileStore), minus what the export leaves out, each difference with its reason.
 */
const config = MlpagesConfigSchema.parse({});

describe.each<FileStoreLayout>(['1.x', '2.x', '3.x'])('exportSnapshot of a file store in the MLflow %s layout', (layout) => {
	it('exports counts that agree with a walk of its files', async () => {
		const { path } = writeQuirksStore({ file: layout });
		const orphan = join(path, '7', 'feed0000000000000000000000000007');
		mkdirSync(join(orphan, 'metrics'), { recursive: true });
		writeFileSync(join(orphan, 'meta.yaml'), "experiment_id: '7'\nrun_id: feed0000000000000000000000000007\nstatus: 3\n");
		writeFileSync(join(orphan, 'metrics', 'loss'), '1600000000000 0.5 0\n');
		const disk = walkFileStore(path);
		expect(disk.all).toMatchObject({ experiments: 4, trashedExperiments: 1, runs: 9 });

		const warnings = warningCollector(noopLogger);
		const reader = await openFileStoreReader(path, { warn: (m) => warnings.warn(m), displayUri: 'quirks/mlruns' });
		const outDir = join(tempDir('mlpages-file-export-'), 'content');
		const { manifest } = await exportSnapshot({ reader, outDir, config, warnings });
		await reader.close();
		const c = manifest.counts;
		const skipped = (kind: string, reason: string) => manifest.skipped.find((s) => s.kind === kind && s.reason === reason)?.count ?? 0;

		expect(c.experiments).toBe(disk.all.experiments - disk.withoutMeta.experiments);
		expect(skipped('experiment', 'deleted')).toBe(disk.all.trashedExperiments);
		expect(manifest.warnings.filter((w) => w.startsWith('Skipped'))).toEqual([skippedBadRecord('experiment', 'quirks/mlruns/7', 'meta.yaml is missing')]);
		expect(c.runs).toBe(disk.all.runs - disk.deleted.runs - disk.withoutMeta.runs);
		expect(skipped('run', 'deleted')).toBe(disk.deleted.runs);
		expect(c.params).toBe(disk.all.params - disk.deleted.params - disk.withoutMeta.params);
		expect(c.tags).toBe(disk.all.tags - disk.deleted.tags - disk.withoutMeta.tags);
		expect(c.metricSeries).toBe(disk.all.metricFiles - disk.deleted.metricFiles - disk.withoutMeta.metricFiles);
		// Exact duplicate lines are one point in the snapshot, and counted.
		expect(disk.duplicates).toBe(1);
		expect(c.metricPoints).toBe(disk.all.metricPoints - disk.deleted.metricPoints - disk.withoutMeta.metricPoints - disk.duplicates);
		expect(skipped('metricPoint', 'duplicate')).toBe(disk.duplicates);
		// The prompt and the Deleted_Internal version are left out; MLflow 1.x had no registry.
		expect([c.registeredModels, c.modelVersions]).toEqual(layout === '1.x' ? [0, 0] : [1, 3]);
		expect(c.datasets).toBe(layout === '1.x' ? 0 : 2);
		expect(c.loggedModels).toBe(layout === '3.x' ? 1 : 0);
		expect(manifest.source).toEqual({ kind: 'file', uri: 'quirks/mlruns' });
		expect(existsSync(join(outDir, 'manifest.json'))).toBe(true);
	});
});
