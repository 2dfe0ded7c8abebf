import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { DatasetSchema, RunSchema } from '../../src/schemas/index.ts';
import { RUN_A, RUN_B, makeModernStore } from './helpers/make-sqlite-store.ts';
import { tempDir } from './helpers/temp-dir.ts';

const config = MlpagesConfigSchema.parse({});

describe('dataset inputs', () => {
	it('follows an input to a dataset logged in another experiment, as MLflow shows it on the run', async () => {
		const { db: path } = makeModernStore();
		const db = new DatabaseSync(path);
		// `eval-set` belongs to experiment 3, which is exported after the run's experiment 1.
		db.prepare("INSERT INTO datasets VALUES ('ds-other', 3, 'eval-set', 'fed0', 'local', '{\"uri\": \"eval.csv\"}', NULL, NULL)").run();
		db.prepare("INSERT INTO inputs VALUES ('in-other', 'DATASET', 'ds-other', 'RUN', ?, 0)").run(RUN_B);
		db.prepare("INSERT INTO input_tags VALUES ('in-other', 'mlflow.data.context', 'eval')").run();
		// And one input to a dataset that is nowhere in the store: still reported.
		db.prepare("INSERT INTO inputs VALUES ('in-missing', 'DATASET', 'no-such-dataset', 'RUN', ?, 0)").run(RUN_A);
		db.close();
		const warnings: string[] = [];
		const reader = await openSqliteReader(path, { warn: (m) => warnings.push(m), displayUri: 'mlflow.db' });
		const outDir = join(tempDir('mlpages-export-'), 'content');
		let manifest;
		try {
			({ manifest } = await exportSnapshot({ reader, outDir, config }));
		} finally {
			await reader.close();
		}
		const run = RunSchema.parse(JSON.parse(readFileSync(join(outDir, 'runs', `${RUN_B}.json`), 'utf8')));
		expect(run.inputs.map((i) => [i.name, i.digest, i.context])).toStrictEqual([['eval-set', 'fed0', 'eval']]);
		const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(outDir, 'datasets', `${run.inputs[0]!.datasetId}.json`), 'utf8')));
		expect(dataset).toMatchObject({ name: 'eval-set', digest: 'fed0' });
		const messages = [...warnings, ...manifest.warnings].join('\n');
		expect(messages).not.toContain('ds-other');
		expect(messages).toContain('no-such-dataset is not in the store');
		// Written once, though two experiments now know it.
		expect(manifest.counts.datasets).toBe(2);
	});
});
