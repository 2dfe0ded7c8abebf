import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiffConfigInvalid, exportError } from '../errors.ts';
import { readMlpagesOptions } from '../cli/load-config.ts';
import { knownDirection } from '../lib/metric-direction.ts';
import { MlpagesConfigSchema, type MlpagesConfig } from '../schemas/config.ts';

/**
 * The mlpages options `npm run diff` uses (primary metrics, directions, thresholds): the file given
 * with `--config` (JSON, or a module exporting `mlpagesConfig` or a default export), else the
 * project's options in the working directory (`mlpages.config.mjs`, or the `mlpagesConfig` export
 * of `astro.config.mjs`; see readMlpagesOptions), else the defaults.
 * @throws ExportError `MlpagesDiffConfigInvalid` naming the file and each `**path**: problem`.
 */
export async function loadDiffConfig(file: string | undefined, cwd: string): Promise<MlpagesConfig> {
	let options: unknown;
	if (file === undefined) {
		let found: { input: unknown; file: string | null };
		try {
			found = await readMlpagesOptions(cwd);
		} catch (error) {
			throw exportError(DiffConfigInvalid, 'the project configuration', `- cannot be read: ${(error as Error).message}`);
		}
		if (found.file === null) return MlpagesConfigSchema.parse({});
		return validate(found.input, found.file);
	}
	const path = resolve(cwd, file);
	try {
		if (extname(path) === '.json') options = JSON.parse(await readFile(path, 'utf8'));
		else {
			const module = (await import(pathToFileURL(path).href)) as { mlpagesConfig?: unknown; default?: unknown };
			options = 'mlpagesConfig' in module ? module.mlpagesConfig : module.default;
		}
	} catch (error) {
		throw exportError(DiffConfigInvalid, file, `- cannot be read: ${(error as Error).message}`);
	}
	return validate(options, file);
}

function validate(options: unknown, file: string): MlpagesConfig {
	const parsed = MlpagesConfigSchema.safeParse(options ?? {});
	if (!parsed.success) {
		const problems = parsed.error.issues
			.map((issue) => `- **${issue.path.join('.') || '(root)'}**: ${issue.message}`)
			.join('\n');
		throw exportError(DiffConfigInvalid, file, problems);
	}
	// A threshold bounds the worsening of a metric, so its direction must be known.
	const unjudged = Object.keys(parsed.data.diff?.thresholds ?? {}).filter(
		(key) => knownDirection(key, parsed.data.metrics.direction) === null,
	);
	if (unjudged.length > 0) {
		const problems = unjudged
			.map((key) => `- **diff.thresholds.${key}**: whether lower or higher is better is unknown for "${key}"; set metrics.direction["${key}"] to "lower" or "higher".`)
			.join('\n');
		throw exportError(DiffConfigInvalid, file, problems);
	}
	return parsed.data;
}
