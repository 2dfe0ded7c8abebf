/**
 * The reader alone, as the exporter drives it: every experiment, every run, and every run's
 * metric points through `MetricStream.each` into a RunMetricCollector, finished per run (sorted,
 * summarised). No downsampling, no JSON, no writing. This is what goals G4 ("the mlruns reader
 * takes ≤ 2× the raw read") and G5 ("streaming metrics ≥ 50 % of a bare iterate") of
 * ../shared/reference/performance.md measure; the full export is measured beside it.
 */
import { openFileStoreReader } from '../../src/export/file-store/file-store-reader.ts';
import { RunMetricCollector } from '../../src/export/metric-history.ts';
import type { RawMetricPoint, SourceReader } from '../../src/export/source-reader.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';

/** Reads every run's metrics of the store at `source` through its reader; returns the point count. */
export async function readerStream(kind: 'sqlite' | 'file', source: string): Promise<number> {
	const options = { warn: () => {}, displayUri: 'bench' };
	const reader: SourceReader = kind === 'sqlite' ? await openSqliteReader(source, options) : await openFileStoreReader(source, options);
	let points = 0;
	try {
		for await (const experiment of reader.experiments()) {
			for await (const run of reader.runs(experiment)) {
				const collector = new RunMetricCollector();
				const stream = reader.metricPoints(run);
				if (stream.each) stream.each((key, value, timestamp, step) => collector.push(key, value, timestamp, step));
				else for await (const p of stream as AsyncIterable<RawMetricPoint>) collector.add(p);
				for (const h of collector.finish()) points += h.summary.count + h.duplicates;
			}
		}
	} finally {
		await reader.close();
	}
	return points;
}
