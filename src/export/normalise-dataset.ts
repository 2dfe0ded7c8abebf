import { createHash } from 'node:crypto';
import type { RawDataset } from './source-reader.ts';

/** The dataset id of the snapshot: md5 hex of name + digest, as MLflow's file store names it. */
export function datasetId(name: string, digest: string): string {
	return createHash('md5').update(name + digest, 'utf8').digest('hex');
}

/** The snapshot form of a dataset (validated by DatasetSchema before writing). */
export function normaliseDataset(raw: RawDataset) {
	return {
		id: datasetId(raw.name, raw.digest),
		experimentId: raw.experimentId,
		name: raw.name,
		digest: raw.digest,
		sourceType: raw.sourceType,
		source: raw.source,
		schema: raw.schema,
		profile: raw.profile,
	};
}
