import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExportError, ShardInvalid, exportError } from '../errors.ts';
import { FULL_BUILD_ENV } from '../lib/page-reuse.ts';
import { SHARD_ENV, parseShard } from '../lib/shard.ts';
import { snapshotWithoutSeries } from '../messages.ts';
import type { MlpagesConfig } from '../schemas/config.ts';
import { astroNodeOptions } from './astro-heap.ts';
import { writeBuildDiff } from './build-diff.ts';
import { exportSource, printError, type CommandEffects } from './export-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

/**
 * Where `mlpages build` exports from: `MLFLOW_TRACKING_URI` when set (the only source then), else
 * the configured `sources`, else the configured `source`; null when none is set.
 */
export function buildSource(env: Record<string, string | undefined>, config: MlpagesConfig): string | ReadonlyArray<{ name: string; uri: string }> | null {
	return env['MLFLOW_TRACKING_URI'] || config.sources || config.source || null;
}

export interface BuildEffects extends CommandEffects {
	/**
	 * Runs `astro build` of the project at `cwd` with extra arguments, inheriting stdio, with
	 * these NODE_OPTIONS (the caller's, plus a heap limit sized to the snapshot: astro-heap.ts)
	 * and extra environment variables (`MLPAGES_DIFF`); resolves to its exit status.
	 */
	astroBuild: (cwd: string, args: readonly string[], nodeOptions: string, env?: Record<string, string>) => Promise<number>;
}

/**
 * `mlpages build [--full] [--no-export] [--diff <base>] [--shard <i>/<n>] [-- <astro build options>]`: exports the
 * configured source into the content folder (`MLPAGES_CONTENT_DIR`, else `contentDir`), then
 * builds the site with `astro build`, whose mlpages integration ends with the secret scan.
 * Without a source the snapshot is built as it is; without a snapshot either, the site says how
 * to connect a store. With `--diff`, the new snapshot is compared with `<base>` first
 * (build-diff.ts) and the site gets its `/changes/` page. With `--full`, the export reads every
 * run again and astro renders every page (`MLPAGES_FULL_BUILD`: no page comes from the page
 * cache). With `--shard`, astro builds that share of the site (`MLPAGES_SHARD`,
 * src/lib/shard.ts) for `mlpages merge`.
 * @returns the exit status: 0 done, 1 export or build failed, 2 wrong usage
 */
export async function runBuildCommand(argv: readonly string[], fx: BuildEffects): Promise<number> {
	const dashes = argv.indexOf('--');
	const own = dashes < 0 ? argv : argv.slice(0, dashes);
	const astroArgs = dashes < 0 ? [] : argv.slice(dashes + 1);
	let runs = 0;
	const env: Record<string, string> = {};
	try {
		const args = parseCommandArgs('build', own);
		const shardText = args.values['shard'] as string | undefined;
		if (shardText !== undefined) {
			const shard = parseShard(shardText);
			if (typeof shard === 'string') throw exportError(ShardInvalid, `--shard ${shardText}: ${shard}`);
			env[SHARD_ENV] = `${shard.index}/${shard.total}`;
		}
		// --full renders every page too, instead of taking unchanged ones from the page cache.
		if (args.values['full'] === true) env[FULL_BUILD_ENV] = '1';
		const config = await fx.loadConfig();
		const out = fx.env['MLPAGES_CONTENT_DIR'] || config.contentDir;
		const source = args.values['no-export'] ? null : buildSource(fx.env, config);
		if (source) {
			const { manifest } = await exportSource(source, out, { ...fx, loadConfig: async () => config }, { full: args.values['full'] === true });
			runs = manifest.counts.runs;
		} else if (existsSync(join(resolve(fx.cwd, out), 'manifest.json'))) {
			fx.logger.info(`Building the snapshot in ${out}/ as it is${args.values['no-export'] ? '' : ' (no source: set MLFLOW_TRACKING_URI, or source in mlpages.config.mjs)'}.`);
			if (hasFiles(join(resolve(fx.cwd, out), 'runs')) && !existsSync(join(resolve(fx.cwd, out), 'series'))) fx.logger.warn(snapshotWithoutSeries(out));
		} else {
			fx.logger.info(`No MLflow data yet: ${out}/ holds no snapshot and no source is set. Building an empty site; set MLFLOW_TRACKING_URI or source in mlpages.config.mjs to publish your runs.`);
		}
		const base = args.values['diff'] as string | undefined;
		if (base !== undefined) {
			const json = await writeBuildDiff(base, out, config, fx);
			if (json) env['MLPAGES_DIFF'] = json;
		}
	} catch (error) {
		if (!(error instanceof ExportError)) throw error;
		printError(error, fx.logger);
		return error.exitCode;
	}
	const status = await fx.astroBuild(fx.cwd, astroArgs, astroNodeOptions(fx.env['NODE_OPTIONS'], runs), env);
	return status === 0 ? 0 : 1;
}

function hasFiles(dir: string): boolean {
	try {
		return readdirSync(dir).length > 0;
	} catch {
		return false;
	}
}
