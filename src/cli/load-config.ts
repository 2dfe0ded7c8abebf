import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigInvalid, exportError } from '../errors.ts';
import { configProblems } from '../schemas/config-problems.ts';
import { knownDirection } from '../lib/metric-direction.ts';
import { MlpagesConfigSchema, type MlpagesConfig } from '../schemas/config.ts';

/** Where a project keeps its mlpages options: its own module first, the Astro config's export second. */
export const MLPAGES_CONFIG = 'mlpages.config.mjs';
export const ASTRO_CONFIG = 'astro.config.mjs';

/**
 * The unvalidated mlpages options of the project at `root` and the file they came from: the
 * default export of `mlpages.config.mjs`; else, for projects set up before that file existed, the
 * `mlpagesConfig` export of `astro.config.mjs` (importing it loads Astro and its integrations,
 * about a second of start-up); else `{}` and null.
 */
export async function readMlpagesOptions(root: string): Promise<{ input: unknown; file: string | null }> {
	const own = join(root, MLPAGES_CONFIG);
	if (existsSync(own)) {
		const mod = (await import(pathToFileURL(own).href)) as { default?: unknown };
		return { input: mod.default ?? {}, file: MLPAGES_CONFIG };
	}
	const astro = join(root, ASTRO_CONFIG);
	if (existsSync(astro)) {
		const mod = (await import(pathToFileURL(astro).href)) as { mlpagesConfig?: unknown };
		return { input: mod.mlpagesConfig ?? {}, file: ASTRO_CONFIG };
	}
	return { input: {}, file: null };
}

/**
 * The mlpages configuration of a project (see readMlpagesOptions), validated; the defaults when
 * no file holds it. `publish.maxRunsPerExperiment` with `order: "auto"` needs a metric whose
 * direction is known (configured or from its name).
 * @throws ExportError ConfigInvalid naming the file and listing each `**path**: problem`
 */
export async function loadMlpagesConfig(root: string): Promise<MlpagesConfig> {
	const { input, file } = await readMlpagesOptions(root);
	const parsed = MlpagesConfigSchema.safeParse(input);
	if (!parsed.success) throw exportError(ConfigInvalid, configProblems(parsed.error), file ?? MLPAGES_CONFIG);
	// Keeping the best runs by a metric needs to know which end is best: never a guess.
	const max = parsed.data.publish.maxRunsPerExperiment;
	if (max && max.order === 'auto' && knownDirection(max.by, parsed.data.metrics.direction) === null) {
		const problem = `- **publish.maxRunsPerExperiment.order**: whether lower or higher is better is unknown for "${max.by}"; set order to "min" or "max", or metrics.direction["${max.by}"] to "lower" or "higher".`;
		throw exportError(ConfigInvalid, problem, file ?? MLPAGES_CONFIG);
	}
	return parsed.data;
}
