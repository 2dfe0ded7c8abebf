import { AstroError } from 'astro/errors';
import mlpages from 'virtual:mlpages/config';
import { ReportReferenceUnresolved } from '../../errors.ts';
import { Redactor } from '../../export/redact.ts';
import { ReportRefError, type RefIndex } from '../../lib/report-refs.ts';
import { referenceLine } from '../../lib/scan-report-refs.ts';
import { getExperiments, getModels, getModelVersions, readAllRuns } from '../../lib/site-data.ts';
import { knownDirection, metricDirection } from '../../lib/metric-direction.ts';
import type { Direction } from '../../schemas/config.ts';

/**
 * What report components share while one report renders: the snapshot to resolve against, and
 * the report's file and raw text (set by the report page in `Astro.locals`) to name the line of
 * a reference that does not resolve.
 */

/** The report being rendered, as the report page puts it into `Astro.locals.mlpagesReport`. */
export interface ReportSource {
	/** Path of the report as the user knows it, e.g. `content/reports/penguins-sweep.mdx`. */
	file: string;
	/** The raw file text, front matter included, so line numbers match the file. */
	source: string;
}

let index: Promise<RefIndex> | undefined;

/**
 * The snapshot's runs, experiments, models and versions, read once per build. Store values that
 * an unresolved reference lists go through the export's redaction rules (the configured ones, and
 * the tracking token or password in use): the error is printed in a CI log, often public.
 */
export function reportIndex(): Promise<RefIndex> {
	index ??= (async () => ({
		// Every run in full, once per build and only when a report renders: references name runs
		// by id or name and then show their params and metrics.
		runs: await readAllRuns(),
		experiments: await getExperiments(),
		models: await getModels(),
		versions: await getModelVersions(),
		show: showRedacted(),
	}))();
	return index;
}

/** Shows a store value through the configured redaction rules and the tracking secrets in use. */
function showRedacted(): (value: string) => string {
	const redactor = new Redactor(mlpages.redact, [process.env['MLFLOW_TRACKING_TOKEN'], process.env['MLFLOW_TRACKING_PASSWORD']], () => {});
	return (value) => redactor.value('report', 'name', 'name', value);
}

/** The order to rank a metric's values by (its known direction, else higher first); for sorting only. */
export const directionOf = (metric: string): Direction => metricDirection(metric, mlpages.metrics.direction);

/** Whether larger or smaller values of a metric are better, when known (configured or by name); else null. */
export const knownDirectionOf = (metric: string): Direction | null => knownDirection(metric, mlpages.metrics.direction);

/** The report source stored in `locals` by the report page; absent outside a report. */
export function reportSource(locals: unknown): ReportSource | undefined {
	return (locals as { mlpagesReport?: ReportSource }).mlpagesReport;
}

/**
 * Runs `resolve`; when it throws a ReportRefError, fails the build with an error naming the
 * report file, the line of `<component attribute=…>` holding the value, and the reference.
 */
export function resolveIn<T>(locals: unknown, component: string, attribute: string, value: string, resolve: () => T): T {
	try {
		return resolve();
	} catch (error) {
		if (!(error instanceof ReportRefError)) throw error;
		throw referenceError(locals, component, attribute, value, error.message);
	}
}

/** The build error of an unresolved reference, located in the report being rendered. */
export function referenceError(locals: unknown, component: string, attribute: string, value: string, reason: string): AstroError {
	const report = reportSource(locals);
	const file = report?.file ?? `<${component}>`;
	const line = report ? referenceLine(report.source, component, attribute, value) : 1;
	const error = new AstroError(ReportReferenceUnresolved.message(file, line, value, reason), ReportReferenceUnresolved.hint);
	error.name = ReportReferenceUnresolved.name;
	return error;
}
