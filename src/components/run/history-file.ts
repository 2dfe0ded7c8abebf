import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainRunId } from '../../lib/is-plain-run-id.ts';
import { readSeriesDigest } from '../../lib/series-digest.ts';

/** The snapshot file of a run's full history (`<contentDir>/histories/<id>.json`), or null when there is none. */
export function historyFile(contentDir: string, runId: string): string | null {
	if (!isPlainRunId(runId)) return null;
	const file = join(contentDir, 'histories', `${runId}.json`);
	return existsSync(file) ? file : null;
}

/**
 * Whether a run's history file holds the same bytes as its series file: the exporter writes the
 * series' text as the history when no metric was downsampled, which is most runs. The site then
 * publishes that text once, at `compare/series/<id>.json`, and the run page's JSON download
 * links there (run-files.ts and the run page both ask this, so they agree).
 */
export function historyIsSeries(contentDir: string, runId: string): boolean {
	const history = historyFile(contentDir, runId);
	if (history === null) return false;
	const series = join(contentDir, 'series', `${runId}.json`);
	try {
		// Sizes first: a downsampled history is larger, and a stat is cheaper than a read.
		if (statSync(series).size !== statSync(history).size) return false;
		// Then the digest line, the hash of the rest of the text: only series texts have one, so
		// two files of one size with the same digest are the same text, without reading either
		// whole (both files of every run, twice a build: page keys and run-files.ts).
		const digest = readSeriesDigest(series);
		if (digest) return readSeriesDigest(history) === digest;
		return readFileSync(series).equals(readFileSync(history));
	} catch {
		return false;
	}
}
