import { access, readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiffConfigInvalid, exportError } from '../errors.ts';
import { MlpagesConfigSchema, type MlpagesConfig } from '../schemas/config.ts';

/** The project's Astro config, whose `mlpagesConfig` export holds the options of `mlpages()`. */
const ASTRO_CONFIG = 'astro.config.mjs';

/**
 * The mlpages options `npm run diff` uses (primary metrics, directions, thresholds): the file given
 * with `--config` (JSON, or a module exporting `mlpagesConfig` or a default export), else the
 * `mlpagesConfig` export of `astro.config.mjs` in the working directory, else the defaults.
 * @throws ExportError `MlpagesDiffConfigInvalid` naming the file and each `**path**: problem`.
 */
export async function loadDiffConfig(file: string | undefined, cwd: string): Promise<MlpagesConfig> {
	if (file === undefined) {
		const found = await access(resolve(cwd, ASTRO_CONFIG)).then(() => true, () => false);
		if (!found) return MlpagesConfigSchema.parse({});
		file = ASTRO_CONFIG;
	}
	const path = resolve(cwd, file);
	let options: unknown;
	try {
		if (extname(path) === '.json') options = JSON.parse(await readFile(path, 'utf8'));
		else {
			const module = (await import(pathToFileURL(path).href)) as { mlpagesConfig?: unknown; default?: unknown };
			options = 'mlpagesConfig' in module ? module.mlpagesConfig : module.default;
		}
	} catch (error) {
		throw exportError(DiffConfigInvalid, file, `- cannot be read: ${(error as Error).message}`);
	}
	const parsed = MlpagesConfigSchema.safeParse(options ?? {});
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues
		.map((issue) => `- **${issue.path.join('.') || '(root)'}**: ${issue.message}`)
		.join('\n');
	throw exportError(DiffConfigInvalid, file, problems);
}
