import { resolve } from 'node:path';
import { ExportError, UsageError, exportError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { groupThousands } from '../lib/group-thousands.ts';
import { noopProgress, type Progress } from '../lib/progress.ts';
import type { MlpagesConfig } from '../schemas/config.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { exportSnapshot, type ExportResult } from '../export/export.ts';
import { openReader } from '../export/open-reader.ts';
import { combinedReader, type NamedReader } from '../export/combined-reader.ts';
import { defaultCacheFile } from '../export/run-cache.ts';
import { displayPath, resolveSource } from '../export/resolve-source.ts';
import { Redactor } from '../export/redact.ts';
import { warningCollector } from '../export/warnings.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import type { WriteEffects } from '../export/write-snapshot.ts';

export interface CommandEffects extends Partial<WriteEffects> {
	logger: Logger;
	progress?: Progress;
	env: Record<string, string | undefined>;
	cwd: string;
	/** Monotonic clock in ms, for the summary's duration. */
	now: () => number;
	/** The mlpages configuration of the project (mlpages.config.mjs, see load-config.ts). */
	loadConfig: () => Promise<MlpagesConfig>;
	fetch?: typeof globalThis.fetch;
}

/**
 * `mlpages export [<source>] [--out <dir>] [--full]`: exports one MLflow source (the argument,
 * else `MLFLOW_TRACKING_URI`, else the configured `sources` or `source`) into the content folder
 * (`--out`, else `MLPAGES_CONTENT_DIR`, else `contentDir`).
 * @returns the exit status: 0 done, 1 failed (a catalogued ExportError was printed), 2 wrong usage
 */
export async function runExportCommand(argv: readonly string[], fx: CommandEffects): Promise<number> {
	try {
		const args = parseCommandArgs('export', argv);
		if (args.positionals.length > 1) throw exportError(UsageError, `Give one source, not ${args.positionals.length}: ${args.positionals.join(' ')}.`);
		const config = await fx.loadConfig();
		const source = args.positionals[0] || fx.env['MLFLOW_TRACKING_URI'] || config.sources || config.source;
		if (!source) throw exportError(UsageError, 'No MLflow source given: pass one (mlpages export ./mlruns), set MLFLOW_TRACKING_URI, or set source in mlpages.config.mjs.');
		const out = (args.values['out'] as string | undefined) ?? (fx.env['MLPAGES_CONTENT_DIR'] || config.contentDir);
		await exportSource(source, out, { ...fx, loadConfig: async () => config }, { full: args.values['full'] === true });
		return 0;
	} catch (error) {
		if (!(error instanceof ExportError)) throw error;
		printError(error, fx.logger);
		return error.exitCode;
	}
}

/**
 * Exports `source` into `out` (relative to `fx.cwd`) and prints the summary. Several named
 * sources (config `sources`) are read as one site, each in its own namespace; a list of one is
 * exported as a single source.
 */
export async function exportSource(
	source: string | ReadonlyArray<{ name: string; uri: string }>,
	out: string,
	fx: CommandEffects,
	options: { full?: boolean } = {},
): Promise<ExportResult> {
	const started = fx.now();
	const config = await fx.loadConfig();
	const list = typeof source === 'string' ? [{ name: '', uri: source }] : source;
	const resolved = list.map((s) => ({ name: s.name, resolved: resolveSource(s.uri, fx.cwd) }));
	const secrets = [fx.env['MLFLOW_TRACKING_TOKEN'], fx.env['MLFLOW_TRACKING_PASSWORD']];
	const logRedactor = new Redactor(config.redact, secrets, () => {});
	const warnings = warningCollector(fx.logger, (m) => logRedactor.redactText(m));
	const outDir = resolve(fx.cwd, out);
	fx.logger.info(`Exporting ${resolved.map((s) => s.resolved.displayUri).join(', ')} to ${displayPath(outDir, fx.cwd)}/`);
	const opened: NamedReader[] = [];
	try {
		for (const s of resolved) {
			const r = await openReader(s.resolved, { warn: warnings.warn, displayUri: s.resolved.displayUri, env: fx.env, ...(fx.fetch ? { fetch: fx.fetch } : {}) });
			opened.push({ name: s.name, reader: r });
		}
	} catch (error) {
		for (const o of opened) await o.reader.close();
		throw error;
	}
	const combined = opened.length > 1 ? combinedReader(opened) : null;
	const reader = combined ?? opened[0]!.reader;
	try {
		const result = await exportSnapshot({
			...(combined ? { sources: { list: combined.sources, namespaceOf: (r) => combined.namespaceOf(r) } } : {}),
			reader,
			outDir,
			config,
			warnings,
			secrets,
			cacheFile: defaultCacheFile(fx.cwd, combined ? { kind: 'sources', uri: JSON.stringify(combined.sources) } : reader.source, outDir, fx.env),
			full: options.full ?? false,
			effects: { logger: fx.logger, progress: fx.progress ?? noopProgress, ...(fx.writeFile ? { writeFile: fx.writeFile } : {}) },
		});
		for (const line of summary(result, displayPath(outDir, fx.cwd), fx.now() - started)) fx.logger.info(line);
		return result;
	} finally {
		await reader.close();
	}
}

/** The closing lines: what was exported, what was left out, warnings, files, time. */
export function summary({ manifest, files }: ExportResult, out: string, ms: number): string[] {
	const n = (x: number, one: string, many = `${one}s`) => `${groupThousands(x)} ${x === 1 ? one : many}`;
	const c = manifest.counts;
	const lines = [
		`Exported ${n(c.experiments, 'experiment')}, ${n(c.runs, 'run')}, ${n(c.metricPoints, 'metric point')} in ${n(c.metricSeries, 'series', 'series')}, ` +
			`${n(c.registeredModels, 'registered model')} with ${n(c.modelVersions, 'version')}, ${n(c.loggedModels, 'logged model')}, ${n(c.datasets, 'dataset')} to ${out}/ in ${(ms / 1000).toFixed(1)} s.`,
	];
	if (manifest.skipped.length > 0) lines.push(`Left out: ${manifest.skipped.map((s) => `${s.count} ${s.kind} (${s.reason})`).join(', ')}.`);
	if (manifest.warnings.length > 0) lines.push(`${n(manifest.warnings.length, 'warning')} (listed in manifest.json).`);
	lines.push(`Files: ${files.written} written, ${files.unchanged} unchanged, ${files.removed} removed.`);
	return lines;
}

/** Prints a catalogued failure: title, message and hint, in red on a terminal. */
export function printError(error: ExportError, logger: Logger): void {
	logger.error(`${error.title} (${error.code})`);
	logger.error(error.message);
	logger.error(`Hint: ${error.hint}`);
}

export type { Manifest };
