import { toMetricValue } from '../schemas/metric-value.ts';
import { compareValues } from './metric-history.ts';
import { cmp, nonEmpty } from './normalise-run.ts';
import type { RawLoggedModel } from './source-reader.ts';

/**
 * The snapshot form of a logged model (validated by LoggedModelSchema before writing): the
 * latest value per (metric, dataset) by MLflow's (step, timestamp, value) rule.
 */
export function normaliseLoggedModel(raw: RawLoggedModel) {
	const latest = new Map<string, RawLoggedModel['metrics'][number]>();
	for (const m of raw.metrics) {
		const k = JSON.stringify([m.key, m.datasetName, m.datasetDigest]);
		const prev = latest.get(k);
		if (!prev || (m.step - prev.step || m.timestamp - prev.timestamp || compareValues(m.value, prev.value)) > 0) latest.set(k, m);
	}
	const metrics = [...latest.values()]
		.sort((a, b) => cmp(a.key, b.key) || cmp(a.datasetName ?? '', b.datasetName ?? '') || cmp(a.datasetDigest ?? '', b.datasetDigest ?? ''))
		.map((m) => ({
			key: m.key,
			value: toMetricValue(m.value),
			step: m.step,
			datasetName: nonEmpty(m.datasetName),
			datasetDigest: nonEmpty(m.datasetDigest),
		}));
	return {
		id: raw.id,
		experimentId: raw.experimentId,
		name: raw.name,
		sourceRunId: nonEmpty(raw.sourceRunId),
		status: raw.status,
		modelType: nonEmpty(raw.modelType),
		creationTime: raw.creationTime,
		params: raw.params,
		tags: raw.tags,
		metrics,
	};
}
