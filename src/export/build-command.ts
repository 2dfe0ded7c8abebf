import { ExportError } from '../errors.ts';
import type { MlpagesConfig } from '../schemas/config.ts';
import { astroNodeOptions } from './astro-heap.ts';
import { exportSource, printError, type CommandEffects } from './export-command.ts';

/** The store `npm run build` exports when nothing else is configured. */
export const EXAMPLE_SOURCE = 'examples/mlflow.db';

/**
 * Where `npm run build` exports from: `MLFLOW_TRACKING_URI` when set (the only source then), else
 * the configured `sources`, else the configured `source`, else the bundled example store.
 */
export function buildSource(env: Record<string, string | undefined>, config: MlpagesConfig): string | ReadonlyArray<{ name: string; uri: string }> {
	return env['MLFLOW_TRACKING_URI'] || config.sources || config.source || EXAMPLE_SOURCE;
}

export interface BuildEffects extends CommandEffects {
	/**
	 * Runs `astro build` with extra arguments, inheriting stdio, with these NODE_OPTIONS (the
	 * caller's, plus a heap limit sized to the snapshot: astro-heap.ts); resolves to its exit status.
	 */
	astroBuild: (args: readonly string[], nodeOptions: string) => Promise<number>;
}

/**
 * `npm run build [-- <astro build args>]`: exports the configured source into the content folder
 * (`MLPAGES_CONTENT_DIR`, else `contentDir`), then builds the site with `astro build`.
 * @returns the exit status: 0 done, 1 export or build failed, 2 wrong usage
 */
export async function runBuildCommand(argv: readonly string[], fx: BuildEffects): Promise<number> {
	let runs = 0;
	try {
		const config = await fx.loadConfig();
		const out = fx.env['MLPAGES_CONTENT_DIR'] || config.contentDir;
		const { manifest } = await exportSource(buildSource(fx.env, config), out, { ...fx, loadConfig: async () => config });
		runs = manifest.counts.runs;
	} catch (error) {
		if (!(error instanceof ExportError)) throw error;
		printError(error, fx.logger);
		return error.exitCode;
	}
	const status = await fx.astroBuild(argv, astroNodeOptions(fx.env['NODE_OPTIONS'], runs));
	return status === 0 ? 0 : 1;
}
