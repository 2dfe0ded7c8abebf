/**
 * The catalogue of warnings. Each function returns the sentence written to the terminal and to
 * `manifest.json` `warnings`. Tests compare against these functions, never against copied text.
 */

/** Shortens a run id for messages: the first 8 characters are enough to find it. */
const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

export const droppedNonFiniteMetric = (runId: string, key: string, count: number) =>
	`Left ${count} non-finite value${count === 1 ? '' : 's'} of "${key}" in run ${short(runId)} out of its chart; the summary counts ${count === 1 ? 'it' : 'them'}.`;

export const skippedBadRecord = (what: string, where: string, reason: string) =>
	`Skipped ${what} at ${where}: ${reason}.`;

export const skippedMetricLine = (file: string, line: number, reason: string) =>
	`Skipped line ${line} of ${file}: ${reason}.`;

export const skippedMoreMetricLines = (file: string, count: number) =>
	`Skipped ${count} more unreadable line${count === 1 ? '' : 's'} of ${file}.`;

export const latestMetricDiffers = (runId: string, key: string, stored: string, computed: string) =>
	`The store's latest value of "${key}" in run ${short(runId)} (${stored}) differs from its history (${computed}); the summary follows the history.`;

export const skippedUnsafeRouteValue = (what: string, value: string, model: string) =>
	`Left ${what} ${JSON.stringify(value)} of model "${model}" out of the site's URLs: it is not a safe URL segment (letters, digits, "_", "-", "."); it is listed as text only.`;

export const skippedBadImage = (path: string, reason: string) =>
	`Could not read image artifact ${JSON.stringify(path)} (${reason}); it is linked as a download, without a thumbnail.`;

export const snapshotWithoutSeries = (contentDir: string) =>
	`${contentDir}/ holds runs but no series/ (it is not committed): the site will have no metric charts and no history downloads. Build without --no-export, so that the export writes them.`;
