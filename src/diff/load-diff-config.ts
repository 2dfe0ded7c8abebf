import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiffConfigInvalid, exportError } from '../errors.ts';
import { MlpagesConfigSchema, type MlpagesConfig } from '../schemas/config.ts';

/**
 * The mlpages options `npm run diff` uses (primary metrics, directions, thresholds): the file given
 * with `--config` (JSON, or a module whose default export is the options of `mlpages()`), else the
 * defaults.
 * @throws ExportError `MlpagesDiffConfigInvalid` naming the file and each `**path**: problem`.
 */
export async function loadDiffConfig(file: string | undefined, cwd: string): Promise<MlpagesConfig> {
	if (file === undefined) return MlpagesConfigSchema.parse({});
	const path = resolve(cwd, file);
	let options: unknown;
	try {
		options =
			extname(path) === '.json'
				? JSON.parse(await readFile(path, 'utf8'))
				: ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
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
