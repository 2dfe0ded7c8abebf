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

export const seriesWithoutCharts = (file: string, reason: string) =>
	`${file} is not a series file (${reason}): its run is published without charts. Export the snapshot again.`;

export const skippedBadImage = (path: string, reason: string) =>
	`Could not read image artifact ${JSON.stringify(path)} (${reason}); it is listed without a thumbnail.`;

export const snapshotWithoutSeries = (contentDir: string) =>
	`${contentDir}/ holds runs but no series/ (it is not committed): the site will have no metric charts and no history downloads. Build without --no-export, so that the export writes them.`;

export const refusedArtifacts = (runId: string, where: string, reason: string) =>
	`Left artifacts of run ${runId} out (${where}): ${reason}.`;

export const markdownShownAsText = (where: string, reason: string) =>
	`Showed the Markdown of ${where} as plain text: ${reason}.`;

export const droppedOutOfRangeTime = (field: string, owner: string, value: string) =>
	`Left the ${field} of ${owner} out: ${value} is not a time in milliseconds that a date can hold (JavaScript holds integers exactly up to ±2^53, and dates up to ±8.64e15 ms); it is shown as unknown.`;

export const skippedOutOfRangePoints = (owner: string, key: string, count: number) =>
	`Skipped ${count} point${count === 1 ? '' : 's'} of "${key}" in ${owner}: ${count === 1 ? 'its' : 'their'} step or timestamp is beyond ±2^53, the integers JavaScript holds exactly (or beyond the times a date can hold).`;

export const siteOverHostLimit = (label: string, measured: string, limit: string, host: { name: string; from: string; note?: string }) =>
	`${label} holds ${measured}, more than ${host.name} accepts (${limit}; host from ${host.from}): publishing it will fail. Lower charts.svgPerRun, publish fewer runs (publish.maxRunsPerExperiment, publish.statuses), or publish to a host with larger limits.${host.note ? ` ${host.note}` : ''}`;

export const redirectsConflict = (rule: string, shellRule: string) =>
	`public/_redirects has the rule "${rule}", which may match run pages before the run shell's rule "${shellRule}" (hosts apply the first matching rule): run pages it matches will not show their run. Remove it, or narrow it to paths outside runs/.`;

export const redirectsNearLimit = (rules: number, limit: number) =>
	`_redirects holds ${rules} rules, more than the ${limit} GitLab Pages reads: the rules after the ${limit}th are ignored there, the run shell's (the last) among them. Remove rules from public/_redirects.`;
