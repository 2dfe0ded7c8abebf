import { join } from 'node:path';
import { skippedBadRecord } from '../../messages.ts';
import type { RawDataset } from '../source-reader.ts';
import type { ExperimentLocation } from './file-store-experiments.ts';
import { display, listEntries, readMeta, type StoreContext } from './file-store-walk.ts';

/**
 * Datasets of an experiment (`<exp>/datasets/<dataset_id>/meta.yaml`, MLflow >= 2.4). The id is
 * the folder name (md5 of name + digest), which run inputs refer to. A dataset without name or
 * digest is skipped with a warning.
 */
export function readDatasets(ctx: StoreContext, exp: ExperimentLocation): RawDataset[] {
	const datasets: RawDataset[] = [];
	for (const entry of listEntries(join(exp.dir, 'datasets'))) {
		if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
		const rel = `${exp.rel}/datasets/${entry.name}`;
		const meta = readMeta(ctx, join(exp.dir, 'datasets', entry.name), rel, 'dataset');
		if (meta === null) continue;
		const name = meta.text('name');
		const digest = meta.text('digest');
		if (name === null || digest === null) {
			ctx.warn(skippedBadRecord('dataset', display(ctx, `${rel}/meta.yaml`), 'it has no name or digest'));
			continue;
		}
		datasets.push({
			id: entry.name,
			experimentId: exp.id,
			name,
			digest,
			sourceType: meta.text('source_type') ?? '',
			source: meta.text('source') ?? '',
			schema: meta.text('schema'),
			profile: meta.text('profile'),
		});
	}
	return datasets;
}
